/**
 * What the matching engine needs to know about mentors and mentees, and what it answers.
 * Pure data: the engine does no I/O. `from-profiles.ts` builds these from stored profiles and
 * the official administrative data; tests and the benchmark build them directly.
 */
import type { MentorStatus } from '../domain/people';
import type { ExpertiseCode, LanguageCode, MeetingModeCode, ProfileCode, SectorCode, TrackCode } from '../domain/reference';
import type { Label } from '../domain/reference';

/**
 * Where a person is, as official administrative codes. `null` when not known (a postal code
 * shared by communes of different intercommunalities, say): an unknown level never matches.
 */
export interface MatchPlace {
  /** INSEE code of the commune, or of the city for a municipal arrondissement (`13055` for `13201`). */
  city: string | null;
  /** SIREN of the intercommunality (EPCI). */
  epci: string | null;
  departement: string | null;
  region: string | null;
}

export interface MentorCandidate {
  /** Stable identifier; also the tie-breaker (ascending, by code unit) between equal scores. */
  id: string;
  status: MentorStatus;
  profile: ProfileCode;
  tracks: readonly TrackCode[];
  sectors: readonly SectorCode[];
  expertise: readonly ExpertiseCode[];
  languages: readonly LanguageCode[];
  meetingModes: readonly MeetingModeCode[];
  place: MatchPlace;
  /** How many mentees at once. */
  capacity: number;
  /** Mentees currently followed. */
  activeMentees: number;
  /** Normalised employer or organisation (see `organisationKey`), for conflicts of interest. */
  organisation?: string | undefined;
  /** Partners whose dedicated mentor pool this mentor belongs to. */
  pools?: readonly string[] | undefined;
}

export interface MenteeRequest {
  id: string;
  track: TrackCode;
  sector: SectorCode;
  needs: readonly ExpertiseCode[];
  languages: readonly LanguageCode[];
  meetingModes: readonly MeetingModeCode[];
  place: MatchPlace;
  /** When set, only mentors of this partner's dedicated pool are eligible. */
  dedicatedPool?: string | undefined;
  /** Organisations a mentor must not belong to (normalised, see `organisationKey`). */
  conflictingOrganisations?: readonly string[] | undefined;
  /** Mentors who declined this mentee, or whose tandem with this mentee ended. */
  history?: { declinedBy?: readonly string[] | undefined; endedWith?: readonly string[] | undefined } | undefined;
}

/**
 * Why a mentor cannot be proposed to a mentee. Checked in this order; a mentor is counted once,
 * under the first rule it fails.
 */
export const EXCLUSION_CODES = [
  'mentor_not_active',
  'no_capacity',
  'track_not_offered',
  'no_shared_language',
  'meeting_mode_incompatible',
  'too_far_for_in_person',
  'declined_before',
  'ended_before',
  'conflict_of_interest',
  'outside_dedicated_pool',
  'forbidden_pair',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];
export type ExclusionCounts = Record<ExclusionCode, number>;

/** The parts of the score. */
export const CRITERIA = ['sector', 'needs', 'geography', 'profile', 'load'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const REASON_CODES = [
  'same_sector',
  'other_sector',
  'need_covered',
  'needs_not_covered',
  'same_commune',
  'same_epci',
  'same_departement',
  'same_region',
  'far_away',
  'profile_fit',
  'load',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** One line of an explanation. `points` is this line's share of the score (0 to 1). */
export interface Reason {
  code: ReasonCode;
  criterion: Criterion;
  points: number;
  params: Record<string, string | number>;
  text: Label;
}

export interface Exclusion {
  code: ExclusionCode;
  text: Label;
}
