/**
 * The rules for one (mentee, mentor) pair over a compiled pool: the hard constraints, in the
 * order of {@link EXCLUSION_CODES}, and the weighted score in whole points. `rank`, `assign`,
 * the greedy baseline and the explanations all go through these functions, so they can never
 * disagree on what is allowed or what a pair is worth.
 */
import { type MatchingConfig, POINTS_SCALE } from './config';
import { type CompiledMentee, IN_PERSON, type MentorPool, REMOTE, TRACK_INDEX, bitCount } from './pool';
import { EXCLUSION_CODES, type ExclusionCode } from './types';
import { PROFILE_CODES, TRACK_CODES } from '../domain/reference';

const code = (c: ExclusionCode) => EXCLUSION_CODES.indexOf(c);
export const EXCLUDED = {
  notActive: code('mentor_not_active'),
  noCapacity: code('no_capacity'),
  track: code('track_not_offered'),
  language: code('no_shared_language'),
  mode: code('meeting_mode_incompatible'),
  tooFar: code('too_far_for_in_person'),
  declined: code('declined_before'),
  ended: code('ended_before'),
  conflict: code('conflict_of_interest'),
  pool: code('outside_dedicated_pool'),
  forbidden: code('forbidden_pair'),
} as const;

/**
 * −1 when mentor `i` may be proposed to the mentee, else the index of the first rule it breaks.
 * `remaining` is the free capacity to check (the pool's, or what is left during an assignment).
 */
export function exclusionIndex(pool: MentorPool, i: number, m: CompiledMentee, remaining: Int32Array): number {
  if (pool.active[i] === 0) return EXCLUDED.notActive;
  if (remaining[i]! <= 0) return EXCLUDED.noCapacity;
  if ((pool.tracks[i]! & m.track) === 0) return EXCLUDED.track;
  if ((pool.languages[i]! & m.languages) === 0) return EXCLUDED.language;
  const shared = pool.modes[i]! & m.modes;
  if ((shared & REMOTE) === 0) {
    if ((shared & IN_PERSON) === 0) return EXCLUDED.mode;
    if (m.departement < 0 || m.departement !== pool.departement[i]) return EXCLUDED.tooFar;
  }
  if (m.declined.size > 0 && m.declined.has(i)) return EXCLUDED.declined;
  if (m.ended.size > 0 && m.ended.has(i)) return EXCLUDED.ended;
  if (m.conflicts.size > 0 && pool.organisation[i]! >= 0 && m.conflicts.has(pool.organisation[i]!)) return EXCLUDED.conflict;
  if (m.pool !== null && m.pool[i] !== 1) return EXCLUDED.pool;
  return -1;
}

/** Geographic levels, closest first. */
export const GEO_LEVELS = ['commune', 'epci', 'departement', 'region', 'elsewhere'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

/** Index in {@link GEO_LEVELS} of the closest level both share; an unknown code never matches. */
export function geoLevel(pool: MentorPool, i: number, m: CompiledMentee): number {
  if (m.city >= 0 && m.city === pool.city[i]) return 0;
  if (m.epci >= 0 && m.epci === pool.epci[i]) return 1;
  if (m.departement >= 0 && m.departement === pool.departement[i]) return 2;
  if (m.region >= 0 && m.region === pool.region[i]) return 3;
  return 4;
}

/** Weights divided by their sum, and the per-mentor part of the score, once per pool and settings. */
export interface Scorer {
  readonly config: MatchingConfig;
  readonly sector: number;
  readonly needs: number;
  /** Weighted value of each geographic level, by index in {@link GEO_LEVELS}. */
  readonly geo: Float64Array;
  readonly profile: number;
  readonly load: number;
  /** Free share of capacity, 0 to 1. */
  readonly loadShare: Float64Array;
  /** Profile fit by track: `fit[track * size + i]`, 0 to 1. */
  readonly fit: Float64Array;
  /** Weighted profile + load part, by track: `mentorPart[track * size + i]`. */
  readonly mentorPart: Float64Array;
}

const scorers = new WeakMap<MentorPool, WeakMap<MatchingConfig, Scorer>>();

export function scorerFor(pool: MentorPool, config: MatchingConfig): Scorer {
  let byConfig = scorers.get(pool);
  const cached = byConfig?.get(config);
  if (cached) return cached;
  const w = config.weights;
  const total = w.sector + w.needs + w.geography + w.profile + w.load;
  const n = pool.size;
  const loadShare = new Float64Array(n);
  const fit = new Float64Array(n * TRACK_CODES.length);
  const mentorPart = new Float64Array(n * TRACK_CODES.length);
  for (let i = 0; i < n; i++) {
    loadShare[i] = pool.capacity[i]! > 0 ? pool.remaining[i]! / pool.capacity[i]! : 0;
    for (const track of TRACK_CODES) {
      const t = TRACK_INDEX.get(track)!;
      const f = config.profileFit[track][PROFILE_CODES[pool.profile[i]!]!];
      fit[t * n + i] = f;
      mentorPart[t * n + i] = (w.profile * f + w.load * loadShare[i]!) / total;
    }
  }
  const g = config.geography;
  const scorer: Scorer = {
    config,
    sector: w.sector / total,
    needs: w.needs / total,
    geo: Float64Array.from(GEO_LEVELS, (level) => (w.geography * g[level]) / total),
    profile: w.profile / total,
    load: w.load / total,
    loadShare,
    fit,
    mentorPart,
  };
  if (!byConfig) scorers.set(pool, (byConfig = new WeakMap()));
  byConfig.set(config, scorer);
  return scorer;
}

/**
 * Score of a compatible pair in whole points (1 to {@link POINTS_SCALE}). A compatible pair is
 * worth at least 1 point, so that any allowed pair beats leaving a mentee without a mentor.
 */
export function pairPoints(pool: MentorPool, i: number, m: CompiledMentee, s: Scorer): number {
  let score = (pool.sectors[i]! & m.sector) !== 0 ? s.sector : 0;
  if (m.needsCount > 0) score += (s.needs * bitCount(m.needs & pool.expertise[i]!)) / m.needsCount;
  score += s.geo[geoLevel(pool, i, m)]!;
  score += s.mentorPart[m.trackIndex * pool.size + i]!;
  const points = Math.round(score * POINTS_SCALE);
  return points < 1 ? 1 : points > POINTS_SCALE ? POINTS_SCALE : points;
}

