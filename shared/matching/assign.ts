/**
 * Assigning a cohort: many mentees to many mentors at once, each mentor up to its free places,
 * under the same hard constraints as `rank`, for the best total — an exact optimum (solver.ts),
 * not a greedy pass. By default the objective is lexicographic: first as many mentees matched as
 * possible, then the highest total score among those assignments (`objective: 'coverage'`);
 * `objective: 'score'` maximises the total score alone. Fixed pairs (already agreed) are kept and
 * use their mentor's places; forbidden pairs (a mentor who declined this round) are never used.
 * Every mentee left out gets a reason. Same input, same output, whatever the input order.
 */
import { type MatchingConfig, type MatchingConfigInput, POINTS_SCALE, matchingConfig } from './config';
import { exclusion } from './explain';
import { EXCLUDED, exclusionIndex, pairPoints, scorerFor } from './pair';
import { type CompiledMentee, MatchingInputError, type MentorPool, byId, compileMentee } from './pool';
import { emptyExclusionCounts, toPool } from './rank';
import { type AssignmentProblem, solveFromScarcerSide } from './solver';
import { EXCLUSION_CODES, type ExclusionCounts, type MenteeRequest, type MentorCandidate } from './types';

export interface MatchPair {
  menteeId: string;
  mentorId: string;
}

export interface AssignOptions {
  config?: MatchingConfigInput | MatchingConfig;
  /** @default 'coverage' */
  objective?: 'coverage' | 'score';
  /** Pairs to keep as they are; each must still pass the hard constraints and not be forbidden. */
  fixed?: readonly MatchPair[];
  /** Pairs never to propose. Unknown ids are ignored. */
  forbidden?: readonly MatchPair[];
}

export interface AssignedPair extends MatchPair {
  /** 0 to 1, four decimals. */
  score: number;
  fixed: boolean;
}

export type UnassignedReason = 'no_compatible_mentor' | 'lost_to_better_assignment';

export interface UnassignedMentee {
  menteeId: string;
  reason: UnassignedReason;
  /** Mentors this mentee could have had, had their places not gone to others. */
  compatibleMentors: number;
  /** The other mentors, by the first rule they break. */
  excluded: ExclusionCounts;
  text: { fr: string; en: string };
}

export interface AssignResult {
  /** By mentee id. */
  pairs: AssignedPair[];
  /** By mentee id. */
  unassigned: UnassignedMentee[];
  matched: number;
  /** Sum of the pairs' scores. */
  totalScore: number;
  /** Whole points (1 point = 0.0001), exact. */
  totalPoints: number;
}

/** The instance handed to the solver: free mentees × mentors with free places, allowed pairs only. */
export interface CohortProblem {
  pool: MentorPool;
  /** Mentees to place (sorted by id), fixed ones excluded. */
  mentees: readonly MenteeRequest[];
  problem: AssignmentProblem;
  /** Edge points (the solver's costs are `POINTS_SCALE − points`). */
  edgePoints: Int32Array;
  /** Exclusion counts per free mentee: `excludedBy[row * EXCLUSION_CODES.length + code]`. */
  excludedBy: Int32Array;
  fixed: AssignedPair[];
  /** Free places per mentor once fixed pairs are counted (the columns' capacities). */
  remaining: Int32Array;
}

/** Growable typed array for edges built on the fly. */
function grow<T extends Int32Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const next = new Int32Array(Math.max(need, array.length * 2)) as T;
  next.set(array);
  return next;
}

/** Checks the input and builds the solver's instance; exported for the benchmark and the tests. */
export function cohortProblem(
  menteeList: readonly MenteeRequest[],
  mentors: MentorPool | readonly MentorCandidate[],
  options: AssignOptions = {},
): CohortProblem {
  const pool = toPool(mentors);
  const config = matchingConfig(options.config);
  const scorer = scorerFor(pool, config);
  const sorted = [...menteeList].sort(byId);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.id === sorted[k - 1]!.id) throw new MatchingInputError(`Duplicate mentee id ${sorted[k]!.id}`);
  }
  const menteeIndex = new Map(sorted.map((m, k) => [m.id, k]));
  const remaining = Int32Array.from(pool.remaining);

  const forbidden = new Map<string, Set<number>>();
  for (const pair of options.forbidden ?? []) {
    const i = pool.indexById.get(pair.mentorId);
    if (i === undefined) continue;
    let set = forbidden.get(pair.menteeId);
    if (!set) forbidden.set(pair.menteeId, (set = new Set()));
    set.add(i);
  }

  // Fixed pairs first: they use places before anyone else is considered.
  const fixed: AssignedPair[] = [];
  const fixedMentees = new Set<string>();
  for (const pair of [...(options.fixed ?? [])].sort((a, b) => byId({ id: a.menteeId }, { id: b.menteeId }))) {
    const mentee = menteeIndex.has(pair.menteeId) ? sorted[menteeIndex.get(pair.menteeId)!]! : undefined;
    const i = pool.indexById.get(pair.mentorId);
    if (!mentee || i === undefined) throw new MatchingInputError(`Fixed pair ${pair.menteeId} – ${pair.mentorId}: unknown mentee or mentor`);
    if (fixedMentees.has(pair.menteeId)) throw new MatchingInputError(`Mentee ${pair.menteeId} is in more than one fixed pair`);
    const m = compileMentee(pool, mentee);
    const broken = exclusionIndex(pool, i, m, remaining);
    if (broken >= 0) throw new MatchingInputError(`Fixed pair ${pair.menteeId} – ${pair.mentorId} breaks a hard constraint: ${EXCLUSION_CODES[broken]}`);
    if (forbidden.get(pair.menteeId)?.has(i)) throw new MatchingInputError(`Pair ${pair.menteeId} – ${pair.mentorId} is both fixed and forbidden`);
    remaining[i]!--;
    fixedMentees.add(pair.menteeId);
    fixed.push({ menteeId: pair.menteeId, mentorId: pair.mentorId, score: pairPoints(pool, i, m, scorer) / POINTS_SCALE, fixed: true });
  }

  const mentees = sorted.filter((m) => !fixedMentees.has(m.id));
  const rows = mentees.length;
  const codes = EXCLUSION_CODES.length;
  const excludedBy = new Int32Array(rows * codes);
  const rowStart = new Int32Array(rows + 1);
  let edgeCol = new Int32Array(Math.max(1024, Math.min(rows * pool.size, 1 << 20)));
  let edgePoints = new Int32Array(edgeCol.length);
  let edges = 0;
  const n = pool.size;
  // Each row's allowed pairs, then a stable two-pass radix sort (7 bits each: costs < 2^14) by
  // ascending cost — best score first, mentor order on ties — which the solver scans fastest.
  const rowCol = new Int32Array(n);
  const rowCost = new Int32Array(n);
  const tmp = new Int32Array(n);
  const count = new Int32Array(129);
  let edgeCost = new Int32Array(edgeCol.length);
  for (let r = 0; r < rows; r++) {
    const m: CompiledMentee = compileMentee(pool, mentees[r]!);
    const banned = forbidden.get(mentees[r]!.id);
    const counts = r * codes;
    let k = 0;
    for (let i = 0; i < n; i++) {
      let broken = exclusionIndex(pool, i, m, remaining);
      if (broken < 0 && banned !== undefined && banned.has(i)) broken = EXCLUDED.forbidden;
      if (broken >= 0) {
        excludedBy[counts + broken]!++;
        continue;
      }
      rowCol[k] = i;
      rowCost[k++] = POINTS_SCALE - pairPoints(pool, i, m, scorer);
    }
    edgeCol = grow(edgeCol, edges + k);
    edgePoints = grow(edgePoints, edges + k);
    edgeCost = grow(edgeCost, edges + k);
    count.fill(0);
    for (let j = 0; j < k; j++) count[(rowCost[j]! & 127) + 1]!++;
    for (let b = 1; b < 129; b++) count[b]! += count[b - 1]!;
    for (let j = 0; j < k; j++) tmp[count[rowCost[j]! & 127]!++] = j;
    count.fill(0);
    for (let j = 0; j < k; j++) count[(rowCost[j]! >>> 7) + 1]!++;
    for (let b = 1; b < 129; b++) count[b]! += count[b - 1]!;
    for (let j = 0; j < k; j++) {
      const at = tmp[j]!;
      const e = edges + count[rowCost[at]! >>> 7]!++;
      edgeCol[e] = rowCol[at]!;
      edgeCost[e] = rowCost[at]!;
      edgePoints[e] = POINTS_SCALE - rowCost[at]!;
    }
    edges += k;
    rowStart[r + 1] = edges;
  }
  edgeCol = edgeCol.slice(0, edges);
  edgePoints = edgePoints.slice(0, edges);
  edgeCost = edgeCost.slice(0, edges);

  const objective = options.objective ?? 'coverage';
  // Leaving a mentee out is worth 0 points. Under 'coverage' it also costs more than any gain in
  // total score could repay (rows × the best score), so the number matched comes first.
  const unassignedCost = objective === 'coverage' ? POINTS_SCALE * (rows + 1) + 1 : POINTS_SCALE;
  return {
    pool,
    mentees,
    problem: { rows, cols: n, capacity: remaining, rowStart, edgeCol, edgeCost, unassignedCost },
    edgePoints,
    excludedBy,
    fixed,
    remaining,
  };
}

/** Turns the solver's answer (a column, or −1, per row) into pairs and reasons. */
export function cohortResult(c: CohortProblem, colOfRow: Int32Array, edgeOfRow: Int32Array): AssignResult {
  const pairs: AssignedPair[] = [...c.fixed];
  const unassigned: UnassignedMentee[] = [];
  const codes = EXCLUSION_CODES.length;
  for (let r = 0; r < c.mentees.length; r++) {
    const mentee = c.mentees[r]!;
    const col = colOfRow[r]!;
    if (col >= 0) {
      pairs.push({ menteeId: mentee.id, mentorId: c.pool.mentors[col]!.id, score: c.edgePoints[edgeOfRow[r]!]! / POINTS_SCALE, fixed: false });
      continue;
    }
    const compatibleMentors = c.problem.rowStart[r + 1]! - c.problem.rowStart[r]!;
    const excluded = emptyExclusionCounts();
    EXCLUSION_CODES.forEach((code, k) => (excluded[code] = c.excludedBy[r * codes + k]!));
    const reason: UnassignedReason = compatibleMentors === 0 ? 'no_compatible_mentor' : 'lost_to_better_assignment';
    unassigned.push({ menteeId: mentee.id, reason, compatibleMentors, excluded, text: unassignedText(reason, compatibleMentors, excluded) });
  }
  pairs.sort((a, b) => byId({ id: a.menteeId }, { id: b.menteeId }));
  let totalPoints = 0;
  for (const p of pairs) totalPoints += Math.round(p.score * POINTS_SCALE);
  return { pairs, unassigned, matched: pairs.length, totalScore: totalPoints / POINTS_SCALE, totalPoints };
}

function unassignedText(reason: UnassignedReason, compatible: number, excluded: ExclusionCounts): { fr: string; en: string } {
  if (reason === 'lost_to_better_assignment') {
    return {
      fr: `${compatible} mentor${compatible > 1 ? 's' : ''} compatible${compatible > 1 ? 's' : ''}, dont les places vont à d’autres personnes dans la meilleure répartition d’ensemble`,
      en: `${compatible} compatible mentor${compatible > 1 ? 's' : ''}, whose places go to other mentees in the best overall assignment`,
    };
  }
  const [top] = EXCLUSION_CODES.map((code, k) => ({ code, k, n: excluded[code] })).sort((a, b) => b.n - a.n || a.k - b.k);
  const main = top && top.n > 0 ? exclusion(top.k).text : { fr: 'aucun mentor', en: 'no mentor' };
  return { fr: `Aucun mentor compatible\u202f; motif le plus fréquent\u00a0: ${main.fr}`, en: `No compatible mentor; most frequent reason: ${main.en}` };
}

/** The optimal assignment of a cohort (see the module comment). */
export function assign(mentees: readonly MenteeRequest[], mentors: MentorPool | readonly MentorCandidate[], options: AssignOptions = {}): AssignResult {
  const c = cohortProblem(mentees, mentors, options);
  const { colOfRow, edgeOfRow } = solveFromScarcerSide(c.problem);
  return cohortResult(c, colOfRow, edgeOfRow);
}

/**
 * The greedy baseline: allowed pairs taken best score first (ties: mentee id, then mentor id)
 * while both sides are free. What a simple platform would do; kept to measure what the optimum
 * gains, never used to decide.
 */
export function assignGreedily(mentees: readonly MenteeRequest[], mentors: MentorPool | readonly MentorCandidate[], options: AssignOptions = {}): AssignResult {
  const c = cohortProblem(mentees, mentors, options);
  const { colOfRow, edgeOfRow } = greedySolve(c.problem);
  return cohortResult(c, colOfRow, edgeOfRow);
}

/** Greedy on a solver instance: a counting sort of the edges by cost, then one pass. */
export function greedySolve(p: AssignmentProblem): { colOfRow: Int32Array; edgeOfRow: Int32Array } {
  const edges = p.edgeCol.length;
  let maxCost = 0;
  for (let e = 0; e < edges; e++) if (p.edgeCost[e]! > maxCost) maxCost = p.edgeCost[e]!;
  const start = new Int32Array(maxCost + 2);
  for (let e = 0; e < edges; e++) start[p.edgeCost[e]! + 1]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const order = new Int32Array(edges);
  const rowOf = new Int32Array(edges);
  for (let r = 0; r < p.rows; r++) for (let e = p.rowStart[r]!; e < p.rowStart[r + 1]!; e++) rowOf[e] = r;
  // Edges are stored row by row, mentors by id: a stable counting sort keeps that order on ties.
  for (let e = 0; e < edges; e++) order[start[p.edgeCost[e]!]!++] = e;
  const colOfRow = new Int32Array(p.rows).fill(-1);
  const edgeOfRow = new Int32Array(p.rows).fill(-1);
  const left = Int32Array.from(p.capacity);
  for (let k = 0; k < edges; k++) {
    const e = order[k]!;
    const r = rowOf[e]!;
    const c = p.edgeCol[e]!;
    if (colOfRow[r]! >= 0 || left[c]! <= 0) continue;
    colOfRow[r] = c;
    edgeOfRow[r] = e;
    left[c]!--;
  }
  return { colOfRow, edgeOfRow };
}
