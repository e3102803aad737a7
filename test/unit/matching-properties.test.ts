/**
 * Property-based tests of the matching engine (fast-check): on random small instances built
 * field by field, and on seeded synthetic programmes, the exact assignment never breaks a hard
 * constraint or a capacity, is at least as good as the greedy baseline, reaches the optimum found
 * by brute force and by an independent min-cost flow, does not depend on input order, explains
 * every mentee left out, agrees with `rank` and `explainPair`, and keeps fixed pairs through a
 * re-solve. The solver is also checked alone against brute force on random sparse problems.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExpertiseCode, PROFILE_CODES, type SectorCode, TRACK_CODES } from '../../shared/domain/reference';
import { type AssignOptions, type AssignResult, type MatchPair, assign, assignGreedily } from '../../shared/matching/assign';
import { type MatchingConfigInput, POINTS_SCALE } from '../../shared/matching/config';
import { matchingInputs } from '../../shared/matching/from-profiles';
import { generateProgramme, seededRandom } from '../../shared/synthetic/generator';
import { MatchingInputError, prepareMentors } from '../../shared/matching/pool';
import { explainPair, rank } from '../../shared/matching/rank';
import { type AssignmentProblem, solveAssignment, solveFromScarcerSide } from '../../shared/matching/solver';
import { EXCLUSION_CODES, type ExclusionCode, type MatchPlace, type MenteeRequest, type MentorCandidate } from '../../shared/matching/types';

// ---------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------

/** A cohort to assign, with the options that go with it. */
interface Instance {
  mentors: MentorCandidate[];
  mentees: MenteeRequest[];
  fixed: MatchPair[];
  forbidden: MatchPair[];
  config: MatchingConfigInput | undefined;
}

const PLACES: readonly MatchPlace[] = [
  { city: '13055', epci: '200054807', departement: '13', region: '93' }, // Marseille
  { city: '13001', epci: '200054807', departement: '13', region: '93' }, // Aix-en-Provence
  { city: '83137', epci: '248300543', departement: '83', region: '93' }, // Toulon
  { city: '69123', epci: '200046977', departement: '69', region: '84' }, // Lyon
  { city: null, epci: null, departement: null, region: null }, // unknown place
];
// Small subsets, so that pairs are compatible often enough but not always, and scores often tie.
const SECTORS: readonly SectorCode[] = ['C', 'G', 'J', 'M'];
const EXPERTISE: readonly ExpertiseCode[] = ['finance', 'marketing', 'digital', 'cv_interview', 'networking'];
const LANGUAGES = ['fr', 'en', 'ar'] as const;
const MODES = ['in_person', 'remote'] as const;
const ORGANISATIONS = ['acme', 'globex'] as const;
const POOL = 'p1';

interface Size {
  mentors: number;
  mentees: number;
  /** Largest capacity (and largest number of active mentees). */
  capacity: number;
  /** Whether to draw fixed pairs. */
  fixed: boolean;
}

/** Usually `usual`, sometimes anything `other` draws. */
const mostly = <T>(usual: T, other: fc.Arbitrary<T>, weight = 2) =>
  fc.oneof({ weight, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });

// Biased towards what most real mentors look like (active, French, remote possible, a free place),
// so that a random pair is compatible about half the time.
const mentorShape = (size: Size) =>
  fc.record({
    status: mostly('active' as const, fc.constant('paused' as const), 9),
    profile: fc.constantFrom(...PROFILE_CODES),
    tracks: mostly([...TRACK_CODES], fc.subarray([...TRACK_CODES], { minLength: 1 })),
    sectors: fc.subarray([...SECTORS], { minLength: 1, maxLength: 2 }),
    expertise: fc.subarray([...EXPERTISE], { minLength: 1, maxLength: 3 }),
    languages: mostly(['fr' as const], fc.subarray([...LANGUAGES], { minLength: 1 })),
    meetingModes: mostly([...MODES], fc.subarray([...MODES], { minLength: 1 })),
    place: fc.constantFrom(...PLACES),
    capacity: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: size.capacity }) }, { weight: 1, arbitrary: fc.constant(0) }),
    activeMentees: mostly(0, fc.integer({ min: 0, max: size.capacity }), 4),
    organisation: fc.option(fc.constantFrom(...ORGANISATIONS), { nil: undefined, freq: 2 }),
    pools: fc.option(fc.constant([POOL]), { nil: undefined, freq: 2 }),
  });

/** Mentor indexes, for a mentee's history (an index past the drawn mentors is an unknown id, which is ignored). */
const someMentors = (size: Size) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant<number[]>([]) }, { weight: 1, arbitrary: fc.array(fc.nat(size.mentors - 1), { minLength: 1, maxLength: 2 }) });

const menteeShape = (size: Size) =>
  fc.record({
    track: fc.constantFrom(...TRACK_CODES),
    sector: fc.constantFrom(...SECTORS),
    needs: fc.subarray([...EXPERTISE], { maxLength: 3 }),
    languages: mostly(['fr' as const], fc.subarray([...LANGUAGES], { minLength: 1 })),
    meetingModes: mostly([...MODES], fc.subarray([...MODES], { minLength: 1 }), 1),
    place: fc.constantFrom(...PLACES),
    dedicatedPool: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(POOL) }),
    conflictingOrganisations: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.subarray([...ORGANISATIONS], { minLength: 1 }) },
    ),
    declined: someMentors(size),
    ended: someMentors(size),
  });

/** Sometimes the default settings, sometimes random whole weights (never all zero). */
const configArb: fc.Arbitrary<MatchingConfigInput | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc
      .record({ sector: fc.nat(3), needs: fc.nat(3), geography: fc.nat(3), profile: fc.nat(3), load: fc.nat(3) })
      .map((w) => ({ weights: w.sector + w.needs + w.geography + w.profile + w.load === 0 ? { ...w, needs: 1 } : w })),
  },
);

const pairArb = (size: Size) => fc.tuple(fc.nat(size.mentees - 1), fc.nat(size.mentors - 1));
const pairKey = (p: MatchPair) => `${p.menteeId}|${p.mentorId}`;
/** Free places of a mentor before any assignment: capacity − active mentees, at least 0. */
const freePlaces = (m: MentorCandidate) => Math.max(0, Math.trunc(m.capacity) - Math.trunc(m.activeMentees));
const points = (score: number) => Math.round(score * POINTS_SCALE);

/**
 * Random instances built field by field. Forbidden pairs may name unknown people (ignored by the
 * engine); fixed pairs are kept only when valid (compatible, one per mentee, within the mentor's
 * free places, not forbidden), so that `assign` accepts them.
 */
function instanceArb(size: Size): fc.Arbitrary<Instance> {
  return fc
    .record({
      mentors: fc.array(mentorShape(size), { minLength: 1, maxLength: size.mentors }),
      mentees: fc.array(menteeShape(size), { minLength: 1, maxLength: size.mentees }),
      forbidden: fc.array(pairArb(size), { maxLength: 4 }),
      // Each picks one of the compatible pairs (index modulo their number).
      fixed: size.fixed ? mostly([], fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), 1) : fc.constant([]),
      config: configArb,
    })
    .map((s) => {
      const mentorId = (k: number) => `m${k}`;
      const mentors: MentorCandidate[] = s.mentors.map((m, k) => ({ id: mentorId(k), ...m }));
      const mentees: MenteeRequest[] = s.mentees.map(({ declined, ended, ...e }, k) => ({
        id: `e${k}`,
        ...e,
        history: declined.length + ended.length > 0 ? { declinedBy: declined.map(mentorId), endedWith: ended.map(mentorId) } : undefined,
      }));
      const forbidden = s.forbidden.map(([e, m]) => ({ menteeId: `e${e}`, mentorId: mentorId(m) }));
      const banned = new Set(forbidden.map(pairKey));
      const compatible = s.fixed.length === 0 ? [] : mentees.flatMap((e) =>
        mentors.filter((m) => explainPair(e, m, { config: s.config }).compatible).map((m) => ({ mentee: e, mentor: m })),
      );
      const fixed: MatchPair[] = [];
      const used = new Map<string, number>();
      for (const k of compatible.length > 0 ? s.fixed : []) {
        const { mentee, mentor } = compatible[k % compatible.length]!;
        const pair = { menteeId: mentee.id, mentorId: mentor.id };
        if (fixed.some((p) => p.menteeId === mentee.id) || banned.has(pairKey(pair))) continue;
        if ((used.get(mentor.id) ?? 0) >= freePlaces(mentor)) continue;
        used.set(mentor.id, (used.get(mentor.id) ?? 0) + 1);
        fixed.push(pair);
      }
      return { mentors, mentees, forbidden, fixed, config: s.config };
    });
}

/**
 * A seeded synthetic programme ('cohort' or 'demo'), converted as the application does, with
 * dedicated pools, a few conflicts of interest (a mentor's own company) and a few declines.
 */
const programmeArb: fc.Arbitrary<Instance> = fc
  .record({
    seed: fc.integer(),
    lifecycle: fc.constantFrom('cohort' as const, 'demo' as const),
    mentors: fc.integer({ min: 1, max: 30 }),
    mentees: fc.integer({ min: 1, max: 20 }),
    conflicts: fc.array(fc.tuple(fc.nat(19), fc.nat(29)), { maxLength: 4 }),
    declines: fc.array(fc.tuple(fc.nat(19), fc.nat(29)), { maxLength: 4 }),
    forbidden: fc.array(fc.tuple(fc.nat(19), fc.nat(29)), { maxLength: 4 }),
  })
  .map((s) => {
    const programme = generateProgramme({ seed: s.seed, mentors: s.mentors, mentees: s.mentees, lifecycle: s.lifecycle });
    const mentorAt = (k: number) => programme.mentors[k % programme.mentors.length]!;
    const { mentors, mentees } = matchingInputs(programme, (_profile, k) => {
      const declinedBy = s.declines.filter(([e]) => e === k).map(([, m]) => mentorAt(m).id);
      return {
        conflictingOrganisations: s.conflicts.filter(([e]) => e === k).flatMap(([, m]) => mentorAt(m).company ?? []),
        history: declinedBy.length > 0 ? { declinedBy } : undefined,
      };
    });
    return {
      mentors,
      mentees,
      fixed: [],
      forbidden: s.forbidden.map(([e, m]) => ({ menteeId: programme.mentees[e % programme.mentees.length]!.id, mentorId: mentorAt(m).id })),
      config: undefined,
    };
  });

const options = (inst: Instance, objective?: AssignOptions['objective']): AssignOptions => ({
  config: inst.config,
  fixed: inst.fixed,
  forbidden: inst.forbidden,
  ...(objective ? { objective } : {}),
});

/** A permutation drawn from a seed (Fisher–Yates). */
function permute<T>(list: readonly T[], seed: number): T[] {
  const r = seededRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Oracles, written from the contract rather than from the engine's code
// ---------------------------------------------------------------------------------------------

/** What each mentee may get once the fixed pairs are in place, from `explainPair` alone. */
interface Reference {
  /** Mentees not in a fixed pair, and their allowed mentors (index into `inst.mentors`) with the pair's points. */
  rows: { mentee: MenteeRequest; options: [number, number][] }[];
  /** Free places per mentor once the fixed pairs are counted. */
  capacity: number[];
  fixedCount: number;
  fixedPoints: number;
}

function reference(inst: Instance): Reference {
  const banned = new Set(inst.forbidden.map(pairKey));
  const capacity = inst.mentors.map(freePlaces);
  let fixedPoints = 0;
  for (const f of inst.fixed) {
    const j = inst.mentors.findIndex((m) => m.id === f.mentorId);
    const e = inst.mentees.find((m) => m.id === f.menteeId)!;
    const explained = explainPair(e, inst.mentors[j]!, { config: inst.config });
    if (!explained.compatible) throw new Error('the arbitrary drew an invalid fixed pair');
    fixedPoints += points(explained.score);
    capacity[j]!--;
  }
  const fixedMentees = new Set(inst.fixed.map((p) => p.menteeId));
  const rows = inst.mentees
    .filter((e) => !fixedMentees.has(e.id))
    .map((mentee) => {
      const opts: [number, number][] = [];
      inst.mentors.forEach((mentor, j) => {
        const explained = explainPair(mentee, mentor, { config: inst.config });
        if (explained.compatible && capacity[j]! > 0 && !banned.has(pairKey({ menteeId: mentee.id, mentorId: mentor.id }))) {
          opts.push([j, points(explained.score)]);
        }
      });
      return { mentee, options: opts };
    });
  return { rows, capacity, fixedCount: inst.fixed.length, fixedPoints };
}

interface Optimum {
  /** Highest total points ('score'). */
  score: number;
  /** Lexicographic best (matched, total points) ('coverage'). */
  coverage: [number, number];
}

/** Every feasible assignment of the free mentees, enumerated (small instances only). */
function bruteForce(ref: Reference): Optimum {
  const left = [...ref.capacity];
  let score = 0;
  let coverage: [number, number] = [0, 0];
  const go = (r: number, matched: number, total: number) => {
    if (r === ref.rows.length) {
      score = Math.max(score, total);
      if (matched > coverage[0] || (matched === coverage[0] && total > coverage[1])) coverage = [matched, total];
      return;
    }
    go(r + 1, matched, total);
    for (const [j, p] of ref.rows[r]!.options) {
      if (left[j]! <= 0) continue;
      left[j]!--;
      go(r + 1, matched + 1, total + p);
      left[j]!++;
    }
  };
  go(0, 0, 0);
  return { score: score + ref.fixedPoints, coverage: [coverage[0] + ref.fixedCount, coverage[1] + ref.fixedPoints] };
}

/**
 * Maximum-gain flow by successive shortest paths with Bellman–Ford (a textbook method, nothing
 * shared with the engine's solver): source → mentee (1) → mentor (gain bonus + points) → sink
 * (free places), augmenting while a path still gains. Returns (matched, points) of the optimum.
 */
function maxGainFlow(ref: Reference, bonus: number): [number, number] {
  const R = ref.rows.length;
  const C = ref.capacity.length;
  const source = R + C;
  const sink = R + C + 1;
  const N = R + C + 2;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const edges: number[][] = Array.from({ length: N }, () => []);
  const add = (u: number, v: number, c: number, w: number) => {
    edges[u]!.push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    edges[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
  };
  ref.rows.forEach((row, r) => {
    add(source, r, 1, 0);
    for (const [j, p] of row.options) add(r, R + j, 1, -(bonus + p));
  });
  ref.capacity.forEach((c, j) => add(R + j, sink, Math.max(0, c), 0));
  let matched = 0;
  let total = 0;
  for (;;) {
    const dist = new Array<number>(N).fill(Infinity);
    const via = new Array<number>(N).fill(-1);
    dist[source] = 0;
    for (let round = 0, changed = true; changed && round < N; round++) {
      changed = false;
      for (let u = 0; u < N; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of edges[u]!) {
          if (cap[e]! > 0 && dist[u]! + cost[e]! < dist[to[e]!]!) {
            dist[to[e]!] = dist[u]! + cost[e]!;
            via[to[e]!] = e;
            changed = true;
          }
        }
      }
    }
    if (!(dist[sink]! < 0)) break;
    for (let v = sink; v !== source; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]!--;
      cap[via[v]! ^ 1]!++;
    }
    matched++;
    total -= dist[sink]!;
  }
  return [matched, total - bonus * matched];
}

// ---------------------------------------------------------------------------------------------
// Checks shared by several properties
// ---------------------------------------------------------------------------------------------

/** Properties 1 and 2: hard constraints, forbidden pairs, capacities, one mentor per mentee, fixed pairs kept. */
function expectFeasible(inst: Instance, opts: AssignOptions, result: AssignResult) {
  const mentorById = new Map(inst.mentors.map((m) => [m.id, m]));
  const menteeById = new Map(inst.mentees.map((m) => [m.id, m]));
  const banned = new Set((opts.forbidden ?? []).map(pairKey));
  const fixed = new Set((opts.fixed ?? []).map(pairKey));
  const load = new Map<string, number>();
  for (const pair of result.pairs) {
    const mentee = menteeById.get(pair.menteeId);
    const mentor = mentorById.get(pair.mentorId);
    expect(mentee, `unknown mentee ${pair.menteeId}`).toBeDefined();
    expect(mentor, `unknown mentor ${pair.mentorId}`).toBeDefined();
    const explained = explainPair(mentee!, mentor!, { config: opts.config });
    expect(explained.compatible, `${pairKey(pair)} breaks ${explained.compatible ? '' : explained.exclusion.code}`).toBe(true);
    expect(banned.has(pairKey(pair)), `forbidden pair ${pairKey(pair)} used`).toBe(false);
    expect(pair.fixed).toBe(fixed.has(pairKey(pair)));
    load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
  }
  for (const [id, n] of load) expect(n, `mentor ${id} over capacity`).toBeLessThanOrEqual(freePlaces(mentorById.get(id)!));
  const assigned = result.pairs.map((p) => p.menteeId);
  expect(new Set(assigned).size).toBe(assigned.length);
  for (const f of opts.fixed ?? []) expect(result.pairs).toContainEqual(expect.objectContaining({ ...f, fixed: true }));
  expect(result.pairs.filter((p) => p.fixed)).toHaveLength((opts.fixed ?? []).length);
  expect(result.matched).toBe(result.pairs.length);
  expect(result.totalPoints).toBe(result.pairs.reduce((sum, p) => sum + points(p.score), 0));
  expect(result.totalScore).toBe(result.totalPoints / POINTS_SCALE);
}

/** Property 6: every mentee accounted for once, each left-out mentee with a truthful reason and counts. */
function expectReasons(inst: Instance, opts: AssignOptions, result: AssignResult) {
  const ids = [...result.pairs.map((p) => p.menteeId), ...result.unassigned.map((u) => u.menteeId)];
  expect([...ids].sort()).toEqual(inst.mentees.map((m) => m.id).sort());
  const byMenteeId = (list: { menteeId: string }[]) => list.map((x) => x.menteeId).every((id, k, all) => k === 0 || all[k - 1]! < id);
  expect(byMenteeId(result.pairs) && byMenteeId(result.unassigned)).toBe(true);

  const banned = new Set((opts.forbidden ?? []).map(pairKey));
  const afterFixed = new Map(inst.mentors.map((m) => [m.id, freePlaces(m)]));
  for (const f of opts.fixed ?? []) afterFixed.set(f.mentorId, afterFixed.get(f.mentorId)! - 1);
  const load = new Map<string, number>();
  for (const p of result.pairs) load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
  const menteeById = new Map(inst.mentees.map((m) => [m.id, m]));
  const beforeCapacity = EXCLUSION_CODES.indexOf('no_capacity');

  for (const u of result.unassigned) {
    const mentee = menteeById.get(u.menteeId)!;
    const expected = Object.fromEntries(EXCLUSION_CODES.map((c) => [c, 0])) as Record<ExclusionCode, number>;
    let compatible = 0;
    for (const mentor of inst.mentors) {
      const explained = explainPair(mentee, mentor, { config: opts.config });
      // The engine checks the rules in order, with the places left once fixed pairs are counted.
      const code: ExclusionCode | null =
        !explained.compatible && EXCLUSION_CODES.indexOf(explained.exclusion.code) < beforeCapacity
          ? explained.exclusion.code
          : afterFixed.get(mentor.id)! <= 0
            ? 'no_capacity'
            : !explained.compatible
              ? explained.exclusion.code
              : banned.has(pairKey({ menteeId: mentee.id, mentorId: mentor.id }))
                ? 'forbidden_pair'
                : null;
      if (code) expected[code]++;
      else compatible++;
      // A mentee left out although this mentor would take them: only if the mentor is full.
      if (explained.compatible && !banned.has(pairKey({ menteeId: mentee.id, mentorId: mentor.id }))) {
        expect(load.get(mentor.id) ?? 0, `${u.menteeId} left out while ${mentor.id} has a free place`).toBe(freePlaces(mentor));
      }
    }
    expect(u.compatibleMentors).toBe(compatible);
    expect(u.excluded).toEqual(expected);
    expect(u.reason).toBe(compatible === 0 ? 'no_compatible_mentor' : 'lost_to_better_assignment');
    expect(Object.values(u.excluded).reduce((a, b) => a + b, 0) + u.compatibleMentors).toBe(inst.mentors.length);
  }
}

// Sizes: the general random instances, the brute-forceable ones.
const SMALL: Size = { mentors: 8, mentees: 10, capacity: 3, fixed: true };
const TINY: Size = { mentors: 4, mentees: 6, capacity: 2, fixed: true };
const TINY_FREE: Size = { ...TINY, fixed: false };
const anyInstance = fc.oneof(instanceArb(SMALL), programmeArb);

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('assign (property-based)', () => {
  it('1–2. never breaks a hard constraint, a forbidden pair or a capacity, and keeps fixed pairs', () => {
    fc.assert(
      fc.property(anyInstance, fc.constantFrom('coverage' as const, 'score' as const), (inst, objective) => {
        const opts = options(inst, objective);
        expectFeasible(inst, opts, assign(inst.mentees, inst.mentors, opts));
      }),
      { numRuns: 200 },
    );
  });

  it('3. is never worse than the greedy baseline, for either objective', () => {
    fc.assert(
      fc.property(anyInstance, (inst) => {
        const byScore = assign(inst.mentees, inst.mentors, options(inst, 'score'));
        const greedy = assignGreedily(inst.mentees, inst.mentors, options(inst, 'score'));
        expectFeasible(inst, options(inst), greedy);
        expect(byScore.totalPoints).toBeGreaterThanOrEqual(greedy.totalPoints);

        const byCoverage = assign(inst.mentees, inst.mentors, options(inst));
        expect(byCoverage.matched).toBeGreaterThanOrEqual(greedy.matched);
        if (byCoverage.matched === greedy.matched) expect(byCoverage.totalPoints).toBeGreaterThanOrEqual(greedy.totalPoints);
      }),
      { numRuns: 150 },
    );
  });

  it('3b. the greedy baseline takes allowed pairs best score first, ties by mentee id then mentor id', () => {
    const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    fc.assert(
      fc.property(anyInstance, (inst) => {
        const ref = reference(inst);
        const candidates = ref.rows.flatMap(({ mentee, options: opts }) => opts.map(([j, p]) => ({ mentee: mentee.id, mentor: inst.mentors[j]!.id, j, p })));
        candidates.sort((a, b) => b.p - a.p || byCodeUnit(a.mentee, b.mentee) || byCodeUnit(a.mentor, b.mentor));
        const left = [...ref.capacity];
        const taken = new Map<string, string>();
        for (const c of candidates) {
          if (taken.has(c.mentee) || left[c.j]! <= 0) continue;
          taken.set(c.mentee, c.mentor);
          left[c.j]!--;
        }
        const greedy = assignGreedily(inst.mentees, inst.mentors, options(inst));
        expect(new Map(greedy.pairs.filter((p) => !p.fixed).map((p) => [p.menteeId, p.mentorId]))).toEqual(taken);
      }),
      { numRuns: 100 },
    );
  });

  it('4. reaches the optimum found by enumerating every feasible assignment (small instances)', () => {
    fc.assert(
      fc.property(instanceArb(TINY), (inst) => {
        const best = bruteForce(reference(inst));
        expect(assign(inst.mentees, inst.mentors, options(inst, 'score')).totalPoints).toBe(best.score);
        const coverage = assign(inst.mentees, inst.mentors, options(inst, 'coverage'));
        expect([coverage.matched, coverage.totalPoints]).toEqual(best.coverage);
      }),
      { numRuns: 300 },
    );
  });

  it('4b. reaches the optimum of an independent min-cost flow (larger random instances and seeded programmes)', () => {
    fc.assert(
      fc.property(anyInstance, (inst) => {
        const ref = reference(inst);
        const [, score] = maxGainFlow(ref, 0);
        expect(assign(inst.mentees, inst.mentors, options(inst, 'score')).totalPoints).toBe(score + ref.fixedPoints);
        const [matched, total] = maxGainFlow(ref, POINTS_SCALE * (ref.rows.length + 1));
        const coverage = assign(inst.mentees, inst.mentors, options(inst));
        expect([coverage.matched, coverage.totalPoints]).toEqual([matched + ref.fixedCount, total + ref.fixedPoints]);
      }),
      { numRuns: 100 },
    );
  });

  it('5. gives the same answer twice, and whatever the order of mentees, mentors, fixed and forbidden pairs', () => {
    fc.assert(
      fc.property(anyInstance, fc.integer(), fc.constantFrom('coverage' as const, 'score' as const), (inst, seed, objective) => {
        const first = assign(inst.mentees, inst.mentors, options(inst, objective));
        expect(assign(inst.mentees, inst.mentors, options(inst, objective))).toEqual(first);
        const shuffled: AssignOptions = {
          config: inst.config,
          objective,
          fixed: permute(inst.fixed, seed + 2),
          forbidden: permute(inst.forbidden, seed + 3),
        };
        expect(assign(permute(inst.mentees, seed), permute(inst.mentors, seed + 1), shuffled)).toEqual(first);
        // A pool compiled once and reused (after another call with other options) answers the same.
        const pool = prepareMentors(permute(inst.mentors, seed + 4));
        assign(inst.mentees, pool, { objective, fixed: [], forbidden: [] });
        expect(assign(inst.mentees, pool, options(inst, objective))).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('6. accounts for every mentee once and explains each one left out', () => {
    fc.assert(
      fc.property(anyInstance, fc.constantFrom('coverage' as const, 'score' as const), (inst, objective) => {
        const opts = options(inst, objective);
        expectReasons(inst, opts, assign(inst.mentees, inst.mentors, opts));
      }),
      { numRuns: 150 },
    );
  });

  it('7. scores every assigned pair as explainPair does', () => {
    fc.assert(
      fc.property(anyInstance, (inst) => {
        const menteeById = new Map(inst.mentees.map((m) => [m.id, m]));
        const mentorById = new Map(inst.mentors.map((m) => [m.id, m]));
        for (const pair of assign(inst.mentees, inst.mentors, options(inst)).pairs) {
          const explained = explainPair(menteeById.get(pair.menteeId)!, mentorById.get(pair.mentorId)!, { config: inst.config });
          expect(explained.compatible && explained.score).toBe(pair.score);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('8. re-solving after a decline never proposes the declined pair again and keeps the others', () => {
    fc.assert(
      fc.property(fc.oneof(instanceArb({ ...SMALL, fixed: false }), programmeArb), fc.nat(), (inst, pick) => {
        const first = assign(inst.mentees, inst.mentors, options(inst));
        fc.pre(first.pairs.length > 0);
        const declined = first.pairs[pick % first.pairs.length]!;
        const fixed = first.pairs.filter((p) => p !== declined).map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));
        const again: Instance = { ...inst, fixed, forbidden: [...inst.forbidden, { menteeId: declined.menteeId, mentorId: declined.mentorId }] };
        const opts = options(again);
        const second = assign(again.mentees, again.mentors, opts);

        expect(second.pairs.map(pairKey)).not.toContain(pairKey(declined));
        expectFeasible(again, opts, second);
        expectReasons(again, opts, second);
        // Only the declined mentee was free: it gets the best mentor still open to it, if any.
        const ref = reference(again);
        const row = ref.rows.find((r) => r.mentee.id === declined.menteeId)!;
        const now = second.pairs.find((p) => p.menteeId === declined.menteeId);
        if (row.options.length === 0) expect(now).toBeUndefined();
        else expect(now && points(now.score)).toBe(Math.max(...row.options.map(([, p]) => p)));
      }),
      { numRuns: 100 },
    );
  });

  it('8b. rejects fixed pairs that break a rule, name nobody, repeat a mentee or overfill a mentor', () => {
    fc.assert(
      fc.property(instanceArb({ ...SMALL, fixed: false }), fc.nat(), fc.nat(), (inst, a, b) => {
        fc.pre(inst.mentees.length > 0 && inst.mentors.length > 0);
        const mentee = inst.mentees[a % inst.mentees.length]!;
        const mentor = inst.mentors[b % inst.mentors.length]!;
        const pair = { menteeId: mentee.id, mentorId: mentor.id };
        const run = (fixed: MatchPair[]) => () => assign(inst.mentees, inst.mentors, { config: inst.config, fixed });

        expect(run([{ menteeId: 'nobody', mentorId: mentor.id }])).toThrow(MatchingInputError);
        expect(run([{ menteeId: mentee.id, mentorId: 'nobody' }])).toThrow(MatchingInputError);
        if (!explainPair(mentee, mentor, { config: inst.config }).compatible) {
          expect(run([pair])).toThrow(MatchingInputError);
          return;
        }
        expect(run([pair])).not.toThrow();
        // A pair cannot be both kept and ruled out.
        expect(() => assign(inst.mentees, inst.mentors, { config: inst.config, fixed: [pair], forbidden: [pair] })).toThrow(MatchingInputError);
        expect(run([pair, pair])).toThrow(MatchingInputError);
        // One more fixed mentee than the mentor has places.
        const takers = inst.mentees.filter((e) => explainPair(e, mentor, { config: inst.config }).compatible);
        const overfull = takers.slice(0, freePlaces(mentor) + 1).map((e) => ({ menteeId: e.id, mentorId: mentor.id }));
        if (takers.length > freePlaces(mentor)) expect(run(overfull)).toThrow(MatchingInputError);
        else expect(run(overfull)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('rejects duplicate ids on either side', () => {
    fc.assert(
      fc.property(instanceArb({ ...TINY_FREE }), (inst) => {
        fc.pre(inst.mentees.length > 0 && inst.mentors.length > 0);
        expect(() => assign([...inst.mentees, inst.mentees[0]!], inst.mentors)).toThrow(MatchingInputError);
        expect(() => assign(inst.mentees, [...inst.mentors, { ...inst.mentors[0]! }])).toThrow(MatchingInputError);
      }),
      { numRuns: 30 },
    );
  });

  it('ignores forbidden pairs that name nobody', () => {
    fc.assert(
      fc.property(instanceArb(SMALL), (inst) => {
        const noise = [{ menteeId: 'nobody', mentorId: inst.mentors[0]?.id ?? 'm0' }, { menteeId: inst.mentees[0]?.id ?? 'e0', mentorId: 'nobody' }];
        const plain = assign(inst.mentees, inst.mentors, options(inst));
        expect(assign(inst.mentees, inst.mentors, { ...options(inst), forbidden: [...inst.forbidden, ...noise] })).toEqual(plain);
      }),
      { numRuns: 50 },
    );
  });
});

describe('rank (property-based)', () => {
  it('7. returns exactly the compatible mentors, best first, scored and explained as explainPair does', () => {
    fc.assert(
      fc.property(anyInstance, fc.integer(), (inst, seed) => {
        const pool = prepareMentors(inst.mentors);
        // As many as there are mentors: every compatible one.
        const all = { limit: inst.mentors.length, config: inst.config };
        inst.mentees.forEach((mentee, k) => {
          const ranked = rank(mentee, inst.mentors, all);
          const excluded = Object.fromEntries(EXCLUSION_CODES.map((c) => [c, 0])) as Record<ExclusionCode, number>;
          const compatible = new Map<string, ReturnType<typeof explainPair>>();
          for (const mentor of inst.mentors) {
            const explained = explainPair(mentee, mentor, { config: inst.config });
            if (explained.compatible) compatible.set(mentor.id, explained);
            else excluded[explained.exclusion.code]++;
          }
          expect(ranked.menteeId).toBe(mentee.id);
          expect(ranked.compatible).toBe(compatible.size);
          expect(ranked.excluded).toEqual(excluded);
          expect(ranked.compatible + Object.values(ranked.excluded).reduce((a, b) => a + b, 0)).toBe(inst.mentors.length);
          expect(ranked.candidates.map((c) => c.mentorId).sort()).toEqual([...compatible.keys()].sort());
          for (const c of ranked.candidates) {
            const explained = compatible.get(c.mentorId)!;
            expect(explained.compatible && explained.score).toBe(c.score);
            expect(explained.compatible && explained.reasons).toEqual(c.reasons);
          }
          // Best first; equal scores by mentor id.
          ranked.candidates.forEach((c, i, list) => {
            const prev = list[i - 1];
            if (prev) expect(prev.score > c.score || (prev.score === c.score && prev.mentorId < c.mentorId)).toBe(true);
          });
          // Same answer from a pool, whatever the order of the mentors, and with a huge limit.
          expect(rank(mentee, pool, all)).toEqual(ranked);
          expect(rank(mentee, permute(inst.mentors, seed + k), all)).toEqual(ranked);
          if (k === 0) expect(rank(mentee, pool, { ...all, limit: 1e6 })).toEqual(ranked);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('returns the first floor(limit) candidates of the full ranking, with the same counts; Infinity returns them all', () => {
    fc.assert(
      fc.property(instanceArb(SMALL), fc.double({ min: 0, max: 12, noNaN: true }), (inst, limit) => {
        for (const mentee of inst.mentees) {
          const full = rank(mentee, inst.mentors, { limit: inst.mentors.length, config: inst.config });
          expect(rank(mentee, inst.mentors, { limit: Infinity, config: inst.config })).toEqual(full);
          const top = rank(mentee, inst.mentors, { limit, config: inst.config });
          expect(top).toEqual({ ...full, candidates: full.candidates.slice(0, Math.floor(limit)) });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a negative or NaN limit', () => {
    fc.assert(
      fc.property(instanceArb(TINY), fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true }), fc.constant(Number.NaN)), (inst, limit) => {
        expect(() => rank(inst.mentees[0]!, inst.mentors, { limit })).toThrow(MatchingInputError);
      }),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The solver alone
// ---------------------------------------------------------------------------------------------

interface Sparse {
  capacity: number[];
  /** Per row, its edges [column, cost] in the order given to the solver. */
  rows: [number, number][][];
  unassignedCost: number;
  floatCosts: boolean;
}

const sparseArb: fc.Arbitrary<Sparse> = fc
  .record({
    capacity: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 4 }),
    rows: fc.array(fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 20 })), { maxLength: 4 }), { maxLength: 6 }),
    unassignedCost: fc.integer({ min: 0, max: 25 }),
    sorted: fc.boolean(),
    floatCosts: fc.boolean(),
  })
  .map(({ capacity, rows, unassignedCost, sorted, floatCosts }) => ({
    capacity,
    // One edge per (row, column); in random order, or by ascending cost (the fast path).
    rows: rows.map((edges) => {
      const kept = edges.filter(([c], k) => c < capacity.length && edges.findIndex(([d]) => d === c) === k);
      return sorted ? kept.sort((a, b) => a[1] - b[1]) : kept;
    }),
    unassignedCost,
    floatCosts,
  }));

function toProblem(s: Sparse): AssignmentProblem {
  const rowStart = new Int32Array(s.rows.length + 1);
  s.rows.forEach((edges, r) => (rowStart[r + 1] = rowStart[r]! + edges.length));
  const flat = s.rows.flat();
  return {
    rows: s.rows.length,
    cols: s.capacity.length,
    capacity: Int32Array.from(s.capacity),
    rowStart,
    edgeCol: Int32Array.from(flat.map(([c]) => c)),
    edgeCost: s.floatCosts ? Float64Array.from(flat.map(([, w]) => w)) : Int32Array.from(flat.map(([, w]) => w)),
    unassignedCost: s.unassignedCost,
  };
}

function bruteForceCost(s: Sparse): number {
  const left = [...s.capacity];
  let best = Infinity;
  const go = (r: number, cost: number) => {
    if (cost >= best) return;
    if (r === s.rows.length) {
      best = cost;
      return;
    }
    go(r + 1, cost + s.unassignedCost);
    for (const [c, w] of s.rows[r]!) {
      if (left[c]! <= 0) continue;
      left[c]!--;
      go(r + 1, cost + w);
      left[c]!++;
    }
  };
  go(0, 0);
  return best;
}

describe.each([
  ['solveAssignment', solveAssignment],
  // More rows than places here most of the time: solved from the places' side.
  ['solveFromScarcerSide', solveFromScarcerSide],
])('%s (property-based)', (_name, solve) => {
  it('finds the minimum cost of a sparse capacitated assignment, with a consistent answer', () => {
    fc.assert(
      fc.property(sparseArb, (s) => {
        const p = toProblem(s);
        const snapshot = { edgeCol: [...p.edgeCol], edgeCost: [...p.edgeCost] };
        const solution = solve(p);

        expect(solution.cost).toBe(bruteForceCost(s));
        // Edge numbers are the caller's, each row uses one of its own edges, no column over capacity.
        const load = new Array<number>(p.cols).fill(0);
        let cost = 0;
        for (let r = 0; r < p.rows; r++) {
          const e = solution.edgeOfRow[r]!;
          const c = solution.colOfRow[r]!;
          if (e < 0) {
            expect(c).toBe(-1);
            cost += p.unassignedCost;
            continue;
          }
          expect(e).toBeGreaterThanOrEqual(p.rowStart[r]!);
          expect(e).toBeLessThan(p.rowStart[r + 1]!);
          expect(p.edgeCol[e]).toBe(c);
          load[c]!++;
          cost += p.edgeCost[e]!;
        }
        load.forEach((n, c) => expect(n).toBeLessThanOrEqual(p.capacity[c]!));
        expect(cost).toBe(solution.cost);
        // The caller's arrays are left as they were.
        expect({ edgeCol: [...p.edgeCol], edgeCost: [...p.edgeCost] }).toEqual(snapshot);
      }),
      { numRuns: 1000 },
    );
  });
});
