/**
 * From stored profiles to what the engine reads: places resolved to official administrative
 * codes (commune, intercommunality, département, region), organisations normalised for conflict
 * checks, dedicated pools and history attached by the caller, who knows them.
 */
import type { MenteeProfile, MentorProfile, Partner } from '../domain/people';
import { geographyOfCommune, geographyOfPostalCode } from '../reference/geo';
import type { MatchPlace, MenteeRequest, MentorCandidate } from './types';

const UNKNOWN: MatchPlace = Object.freeze({ city: null, epci: null, departement: null, region: null });

/**
 * The place of a postal address. With a commune code, exact; with a postal code alone, each level
 * that all the communes served by the code share (a shared postal code rarely crosses an EPCI).
 * Reads the small geography slice (`shared/reference/geo.ts`), not the whole communes data, so
 * that every function writing a mentor's availability stays small.
 */
export function placeOf(postalCode: string | undefined, communeCode?: string): MatchPlace {
  const place = (communeCode ? geographyOfCommune(communeCode) : undefined) ?? (postalCode ? geographyOfPostalCode(postalCode) : undefined);
  return place ? { city: place.city, epci: place.epci, departement: place.departement, region: place.region } : UNKNOWN;
}

/** "Cabinet Giraud & Associés " and "cabinet giraud et associes" are one organisation. */
export function organisationKey(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const key = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return key === '' || key === 'independant' || key === 'independante' ? undefined : key;
}

export function mentorCandidate(profile: MentorProfile, extra: { pools?: readonly string[] } = {}): MentorCandidate {
  return {
    id: profile.id,
    status: profile.status,
    profile: profile.profile,
    tracks: profile.tracks,
    sectors: profile.sectors,
    expertise: profile.expertise,
    languages: profile.languages,
    meetingModes: profile.meetingModes,
    place: placeOf(profile.postalCode, profile.communeCode),
    capacity: profile.capacity,
    activeMentees: profile.activeMentees,
    organisation: organisationKey(profile.company),
    pools: extra.pools,
  };
}

export interface MenteeContext {
  /** True when the referring partner keeps its mentees for its own mentors. */
  partnerHasDedicatedPool?: boolean;
  /** Organisations flagged as conflicts for this mentee (referring employer, own family business…). */
  conflictingOrganisations?: readonly string[];
  history?: MenteeRequest['history'];
}

export function menteeRequest(profile: MenteeProfile, context: MenteeContext = {}): MenteeRequest {
  return {
    id: profile.id,
    track: profile.track,
    sector: profile.sector,
    needs: profile.needs,
    languages: profile.languages,
    meetingModes: profile.meetingModes,
    place: placeOf(profile.postalCode, profile.communeCode),
    dedicatedPool: context.partnerHasDedicatedPool && profile.partnerId ? profile.partnerId : undefined,
    conflictingOrganisations: context.conflictingOrganisations?.map(organisationKey).filter((k): k is string => k !== undefined),
    history: context.history,
  };
}

/** A programme as stored: partners, people, and who belongs to each dedicated pool. */
export interface ProgrammeData {
  partners: readonly Pick<Partner, 'id' | 'dedicatedPool'>[];
  mentors: readonly MentorProfile[];
  mentees: readonly MenteeProfile[];
  /** Partner id → ids of the mentors in its dedicated pool. */
  poolMembers: Readonly<Record<string, readonly string[]>>;
}

/**
 * The engine's inputs for a whole programme: each mentor with the pools it belongs to, each
 * mentee held to its partner's pool when that partner keeps one. `extra` adds what only the
 * caller knows of a mentee (conflicts, history).
 */
export function matchingInputs(
  data: ProgrammeData,
  extra: (mentee: MenteeProfile, index: number) => Omit<MenteeContext, 'partnerHasDedicatedPool'> = () => ({}),
): { mentors: MentorCandidate[]; mentees: MenteeRequest[] } {
  const poolsOf = new Map<string, string[]>();
  for (const [partner, members] of Object.entries(data.poolMembers)) {
    for (const id of members) poolsOf.set(id, [...(poolsOf.get(id) ?? []), partner]);
  }
  const dedicated = new Set(data.partners.filter((p) => p.dedicatedPool).map((p) => p.id));
  return {
    mentors: data.mentors.map((m) => mentorCandidate(m, { pools: poolsOf.get(m.id) })),
    mentees: data.mentees.map((m, k) =>
      menteeRequest(m, { ...extra(m, k), partnerHasDedicatedPool: m.partnerId !== undefined && dedicated.has(m.partnerId) }),
    ),
  };
}
