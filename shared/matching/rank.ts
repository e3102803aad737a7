/**
 * Ranking one mentee: every mentor is checked against the hard constraints (each exclusion is
 * counted under its reason), the compatible ones are scored, and the best come back with their
 * explanation. Deterministic: equal scores are ordered by mentor id.
 */
import { type MatchingConfig, type MatchingConfigInput, POINTS_SCALE, matchingConfig } from './config';
import { exclusion, reasons } from './explain';
import { exclusionIndex, pairPoints, scorerFor } from './pair';
import { MatchingInputError, type MentorPool, compileMentee, isMentorPool, prepareMentors } from './pool';
import { EXCLUSION_CODES, type Exclusion, type ExclusionCounts, type MenteeRequest, type MentorCandidate, type Reason } from './types';

export interface RankOptions {
  /** How many candidates to return, best first (`Infinity`: all). @default 10 */
  limit?: number;
  /** Matching settings; defaults documented in config.ts. */
  config?: MatchingConfigInput | MatchingConfig;
}

export interface RankedCandidate {
  mentorId: string;
  /** 0 to 1, four decimals. */
  score: number;
  reasons: Reason[];
}

export interface RankResult {
  menteeId: string;
  candidates: RankedCandidate[];
  /** Mentors that passed every hard constraint (returned or not). */
  compatible: number;
  /** Mentors left out, by the first rule they break. */
  excluded: ExclusionCounts;
}

export const emptyExclusionCounts = (): ExclusionCounts =>
  Object.fromEntries(EXCLUSION_CODES.map((c) => [c, 0])) as ExclusionCounts;

export function toPool(mentors: MentorPool | readonly MentorCandidate[]): MentorPool {
  return isMentorPool(mentors) ? mentors : prepareMentors(mentors as readonly MentorCandidate[]);
}

/** A candidate as {@link rankOrder} gives it: no explanation. */
export type OrderedCandidate = Omit<RankedCandidate, 'reasons'>;
export interface RankOrder extends Omit<RankResult, 'candidates'> {
  candidates: OrderedCandidate[];
}

/** Candidates for one mentee, best first, with explanations and exclusion counts. */
export function rank(mentee: MenteeRequest, mentors: MentorPool | readonly MentorCandidate[], options: RankOptions = {}): RankResult {
  const { pool, m, s, best, compatible, excluded } = rankBest(mentee, mentors, options);
  return {
    menteeId: mentee.id,
    candidates: best.map(({ points, index }) => ({
      mentorId: pool.mentors[index]!.id,
      score: points / POINTS_SCALE,
      reasons: reasons(pool, index, m, s),
    })),
    compatible,
    excluded,
  };
}

/**
 * Same as {@link rank} without the explanations: for a caller that keeps only the order (the
 * workflow's RankCandidates), whose bundle then carries no area names (see docs/reference-data.md).
 */
export function rankOrder(mentee: MenteeRequest, mentors: MentorPool | readonly MentorCandidate[], options: RankOptions = {}): RankOrder {
  const { pool, best, compatible, excluded } = rankBest(mentee, mentors, options);
  return { menteeId: mentee.id, candidates: best.map(({ points, index }) => ({ mentorId: pool.mentors[index]!.id, score: points / POINTS_SCALE })), compatible, excluded };
}

/** The best `limit` compatible mentors by pool index, best first, and the exclusion counts. */
function rankBest(mentee: MenteeRequest, mentors: MentorPool | readonly MentorCandidate[], options: RankOptions) {
  const pool = toPool(mentors);
  const config = matchingConfig(options.config);
  const asked = options.limit ?? 10;
  if (Number.isNaN(asked) || asked < 0) throw new MatchingInputError(`Invalid limit ${asked}`);
  const limit = Math.min(pool.size, Math.floor(asked)); // Infinity: every compatible mentor
  const m = compileMentee(pool, mentee);
  const s = scorerFor(pool, config);
  const excludedBy = new Int32Array(EXCLUSION_CODES.length);

  // Keep the best `limit` in a small min-heap ordered worst first: lower points, then higher index.
  const heapPoints = new Int32Array(limit);
  const heapIndex = new Int32Array(limit);
  let size = 0;
  const worse = (pa: number, ia: number, pb: number, ib: number) => pa < pb || (pa === pb && ia > ib);
  let compatible = 0;

  for (let i = 0; i < pool.size; i++) {
    const excluded = exclusionIndex(pool, i, m, pool.remaining);
    if (excluded >= 0) {
      excludedBy[excluded]!++;
      continue;
    }
    compatible++;
    if (limit === 0) continue;
    const points = pairPoints(pool, i, m, s);
    if (size < limit) {
      // sift up
      let k = size++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!worse(points, i, heapPoints[parent]!, heapIndex[parent]!)) break;
        heapPoints[k] = heapPoints[parent]!;
        heapIndex[k] = heapIndex[parent]!;
        k = parent;
      }
      heapPoints[k] = points;
      heapIndex[k] = i;
    } else if (worse(heapPoints[0]!, heapIndex[0]!, points, i)) {
      // replace the worst, sift down
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && worse(heapPoints[r]!, heapIndex[r]!, heapPoints[l]!, heapIndex[l]!) ? r : l;
        if (!worse(heapPoints[c]!, heapIndex[c]!, points, i)) break;
        heapPoints[k] = heapPoints[c]!;
        heapIndex[k] = heapIndex[c]!;
        k = c;
      }
      heapPoints[k] = points;
      heapIndex[k] = i;
    }
  }

  const best = Array.from({ length: size }, (_, k) => ({ points: heapPoints[k]!, index: heapIndex[k]! }));
  best.sort((a, b) => b.points - a.points || a.index - b.index);
  const excluded = emptyExclusionCounts();
  EXCLUSION_CODES.forEach((c, k) => (excluded[c] = excludedBy[k]!));
  return { pool, m, s, best, compatible, excluded };
}

export type PairExplanation =
  | { compatible: true; score: number; reasons: Reason[] }
  | { compatible: false; exclusion: Exclusion };

/** Why this mentor is, or is not, a candidate for this mentee (for a page or a support answer). */
export function explainPair(mentee: MenteeRequest, mentor: MentorCandidate, options: Pick<RankOptions, 'config'> = {}): PairExplanation {
  const pool = prepareMentors([mentor]);
  const m = compileMentee(pool, mentee);
  const excluded = exclusionIndex(pool, 0, m, pool.remaining);
  if (excluded >= 0) return { compatible: false, exclusion: exclusion(excluded) };
  const s = scorerFor(pool, matchingConfig(options.config));
  return { compatible: true, score: pairPoints(pool, 0, m, s) / POINTS_SCALE, reasons: reasons(pool, 0, m, s) };
}
