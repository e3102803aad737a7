/**
 * The history of a synthetic programme, for the local demo's reports (docs/reports.md): sign-ups
 * spread over the last two years with growth, the proposals that led to each tandem (declined or
 * expired ones first, then the accepted one, whose decision starts the tandem: days to weeks after
 * the mentee confirmed the address), partners of different sizes, and mentees beyond the
 * metropolis (Var, Vaucluse, Alpes, Gard, Corse-du-Sud).
 *
 * Pure and seeded like the generator: every draw comes from the `SeededRandom` given, in a fixed
 * order, so the same programme, seed and `now` give the same history. The demo seed
 * (infra/local/demo-seed.ts) applies it to the generated people.
 */
import { MATCHING_DEFAULTS, type DeclineReason } from '../domain/matching';
import type { Partner } from '../domain/people';
import type { TrackCode } from '../domain/reference';
import type { Commune } from '../reference/communes';
import { addressableCommunesOf, PARTNER_KINDS_BY_TRACK, PARTNER_TRACK_AFFINITY, type SeededRandom, type Weights } from './generator';

// ---------------------------------------------------------------------------------------------
// Tuning
// ---------------------------------------------------------------------------------------------

/** How far back the programme's history goes, in days (two years). */
export const HISTORY_DAYS = 730;
/**
 * Growth: an age drawn uniformly over a range is mapped to `min + (max − min) · u^power`, denser
 * near `min` (the recent months) when `power` > 1.
 */
export const SIGN_UP_GROWTH_POWER = 1.5;
/** Past mentees whose tandems closed (the programme's first cohorts), beside the generated ones. */
export const ALUMNI_MENTEES = 60;
/** Sign-up ages (days) of those alumni: the first year and a half, evenly, after the mentors' first recruitment. */
export const ALUMNI_AGE_DAYS = [200, HISTORY_DAYS - 40] as const;
/** How many proposals a mentor declined or let expire before the one accepted. */
export const PROPOSALS_BEFORE_ACCEPT_WEIGHTS: Weights<number> = [[0, 55], [1, 30], [2, 15]];
/** Of the proposals not accepted, the share that expired unanswered (the others declined). */
export const EXPIRED_SHARE = 0.3;
/** Hours between the address confirmed and the first proposal (the ranking runs at once; a mentee may wait for a place). */
export const FIRST_PROPOSAL_HOURS: Weights<readonly [number, number]> = [[[1, 12], 55], [[12, 72], 30], [[72, 21 * 24], 15]];
/** Hours a mentor takes to answer (accept or decline). */
export const RESPONSE_HOURS = [2, 96] as const;
/** Decline reasons as mentors give them. */
export const DECLINE_REASON_WEIGHTS: Weights<DeclineReason> = [['no_time', 45], ['not_my_field', 25], ['too_far', 15], ['know_the_person', 5], ['other', 10]];
/**
 * Relative size of each partner (1 by default): the big referrers of Marseille and the small ones
 * (a single adviser, a six-week programme). Multiplies the track affinity of the generator.
 */
export const PARTNER_VOLUME: Readonly<Record<string, number>> = {
  p01: 5, p02: 2, p06: 3, p07: 3, p08: 2, p14: 4, p17: 2, p18: 3, p19: 3, p21: 2,
  p05: 0.3, p16: 0.4, p24: 0.3, p25: 0.3, p27: 0.3, p31: 0.4, p32: 0.5, p33: 0.5,
};
/** Mentees living outside the Bouches-du-Rhône (the programme accepts remote tandems). */
export const OTHER_DEPARTEMENT_SHARE = 0.12;
/** Their départements. */
export const OTHER_DEPARTEMENT_WEIGHTS: Weights<string> = [['83', 35], ['84', 20], ['06', 15], ['30', 15], ['04', 8], ['2A', 7]];

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/** `u` in [0, 1] mapped to an age in [min, max] days, denser near `min` for `power` > 1. */
export function growthAge(u: number, [min, max]: readonly [number, number], power = SIGN_UP_GROWTH_POWER): number {
  return min + (max - min) * Math.min(1, Math.max(0, u)) ** power;
}

/** One proposal of a mentee's search, dates in milliseconds. */
export interface ProposalStep {
  outcome: 'accepted' | 'declined' | 'expired';
  createdAt: number;
  expiresAt: number;
  /** Accepted or declined: the mentor's click. */
  decidedAt?: number;
  /** The one reminder, if the proposal was still unanswered by then. */
  remindedAt?: number;
  declineReason?: DeclineReason;
}

/**
 * The proposals of a search, in order: some declined or expired, then the accepted one, whose
 * decision (the tandem's start) falls after `confirmedAt` and at the latest at `latest` (fewer
 * proposals, quicker answers when the mentee confirmed recently).
 */
export function proposalTimeline(r: SeededRandom, confirmedAt: number, latest: number): ProposalStep[] {
  const before = pickWeighted(r, PROPOSALS_BEFORE_ACCEPT_WEIGHTS);
  const [waitMin, waitMax] = pickWeighted(r, FIRST_PROPOSAL_HOURS);
  const wait = r.int(waitMin * 60, waitMax * 60) * 60_000;
  const kinds = Array.from({ length: before }, (): 'expired' | 'declined' => (r.next() < EXPIRED_SHARE ? 'expired' : 'declined'));
  const answers = Array.from({ length: before + 1 }, () => r.int(RESPONSE_HOURS[0] * 60, RESPONSE_HOURS[1] * 60) * 60_000);
  const reasons = kinds.map(() => pickWeighted(r, DECLINE_REASON_WEIGHTS));
  const lifetime = MATCHING_DEFAULTS.proposalLifetimeSeconds * 1000;
  const reminder = MATCHING_DEFAULTS.reminderAfterSeconds * 1000;
  // Fewer steps, then shorter waits, until the accept fits before `latest`.
  for (let drop = 0; drop <= before; drop++) {
    for (const scale of [1, 0.25, 0.05]) {
      const steps: ProposalStep[] = [];
      let at = confirmedAt + Math.max(60_000, Math.floor(wait * scale));
      for (let i = drop; i < before; i++) {
        const expired = kinds[i] === 'expired';
        const end = expired ? at + lifetime : at + Math.floor(answers[i]! * scale);
        steps.push({
          outcome: kinds[i]!,
          createdAt: at,
          expiresAt: at + lifetime,
          ...(expired ? {} : { decidedAt: end, declineReason: reasons[i]! }),
          ...(end > at + reminder ? { remindedAt: at + reminder } : {}),
        });
        at = end + r.int(1, 30) * 60_000;
      }
      const accepted = at + Math.max(30 * 60_000, Math.floor(answers[before]! * scale));
      if (accepted > latest) continue;
      steps.push({ outcome: 'accepted', createdAt: at, expiresAt: at + lifetime, decidedAt: accepted, ...(accepted > at + reminder ? { remindedAt: at + reminder } : {}) });
      return steps;
    }
  }
  // Confirmed moments before `latest`: one proposal accepted in between.
  const at = confirmedAt + Math.floor((latest - confirmedAt) / 3);
  return [{ outcome: 'accepted', createdAt: at, expiresAt: at + lifetime, decidedAt: confirmedAt + Math.floor(((latest - confirmedAt) * 2) / 3) }];
}

/** A referring partner for a mentee of a track: the generator's track affinity times the partner's size. */
export function partnerPicker(r: SeededRandom, partners: readonly Partner[]): Record<TrackCode, () => Partner> {
  const weight = (track: TrackCode) => (p: Partner) => (PARTNER_KINDS_BY_TRACK[track].includes(p.kind) ? PARTNER_TRACK_AFFINITY : 1) * (PARTNER_VOLUME[p.id] ?? 1);
  return { job_search: r.weighted(partners, weight('job_search')), business_creation: r.weighted(partners, weight('business_creation')) };
}

/** A place outside the Bouches-du-Rhône, or `undefined` (most mentees stay where they are): communes weighted by population. */
export function otherPlacePicker(r: SeededRandom): () => { postalCode: string; communeCode: string } | undefined {
  const byDepartement = new Map<string, () => Commune>();
  return () => {
    const moves = r.next() < OTHER_DEPARTEMENT_SHARE;
    const departement = pickWeighted(r, OTHER_DEPARTEMENT_WEIGHTS);
    const code = r.next();
    if (!moves) return undefined;
    let commune = byDepartement.get(departement);
    if (!commune) {
      const communes = addressableCommunesOf(departement);
      if (communes.length === 0) return undefined;
      commune = r.weighted(communes, (c) => c.population);
      byDepartement.set(departement, commune);
    }
    const c = commune();
    return { postalCode: c.postalCodes[Math.floor(code * c.postalCodes.length)]!, communeCode: c.code };
  };
}

/** A weighted draw over a short list (linear: the lists here have a handful of items). */
export function pickWeighted<T>(r: SeededRandom, weights: Weights<T>): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [item, w] of weights) {
    x -= w;
    if (x < 0) return item;
  }
  return weights.at(-1)![0];
}
