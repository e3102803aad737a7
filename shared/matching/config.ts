/**
 * The one place where matching is tuned: criterion weights, the value of each geographic level
 * and how well each mentor profile fits each track. Every field has a documented default;
 * callers pass only what they change (`{ weights: { load: 0.2 } }`), checked here once.
 */
import { number, strictObject } from 'zod';
import type { z } from 'zod';
import type { ProfileCode, TrackCode } from '../domain/reference';

const share = () => number().min(0).max(1);
const weight = () => number().min(0).max(100);

const configSchema = strictObject({
  /** Relative importance of each criterion; only ratios matter (the score is divided by the sum). */
  weights: strictObject({
    /** The mentor works or worked in the mentee's sector. @default 0.25 */
    sector: weight().default(0.25),
    /** Share of the mentee's needs covered by the mentor's expertise. @default 0.35 */
    needs: weight().default(0.35),
    /** Closeness, from the official administrative levels below. @default 0.2 */
    geography: weight().default(0.2),
    /** Fit of the mentor's profile with the mentee's track. @default 0.1 */
    profile: weight().default(0.1),
    /** Free share of the mentor's capacity: spreads mentees over mentors. @default 0.1 */
    load: weight().default(0.1),
  })
    .prefault({})
    .refine((w) => w.sector + w.needs + w.geography + w.profile + w.load > 0, { message: 'weights_all_zero' }),
  /** Value of the closest level both people share (same commune counts Marseille's arrondissements as one city). */
  geography: strictObject({
    commune: share().default(1),
    epci: share().default(0.75),
    departement: share().default(0.5),
    region: share().default(0.25),
    elsewhere: share().default(0),
  })
    .prefault({})
    .refine((g) => g.commune >= g.epci && g.epci >= g.departement && g.departement >= g.region && g.region >= g.elsewhere, {
      message: 'geography_not_decreasing',
    }),
  /**
   * Fit of a mentor profile with a track, 0 to 1. Entrepreneurs for business creation first;
   * independent professionals run a business of their own; retired mentors are of every past
   * (the profile says too little to rank them high or low).
   */
  profileFit: strictObject({
    business_creation: strictObject({
      entrepreneur: share().default(1),
      executive: share().default(0.5),
      employee: share().default(0.25),
      independent: share().default(0.75),
      retired: share().default(0.5),
    }).prefault({}),
    job_search: strictObject({
      entrepreneur: share().default(0.75),
      executive: share().default(1),
      employee: share().default(1),
      independent: share().default(0.75),
      retired: share().default(0.75),
    }).prefault({}),
  }).prefault({}),
});

/** Partial settings, as callers give them. */
export type MatchingConfigInput = z.input<typeof configSchema>;
/** Complete, checked settings. */
export interface MatchingConfig {
  readonly weights: Readonly<Record<'sector' | 'needs' | 'geography' | 'profile' | 'load', number>>;
  readonly geography: Readonly<Record<'commune' | 'epci' | 'departement' | 'region' | 'elsewhere', number>>;
  readonly profileFit: Readonly<Record<TrackCode, Readonly<Record<ProfileCode, number>>>>;
}

/** Thrown for settings out of range (a programming or configuration error, never user input). */
export class MatchingConfigError extends Error {
  override readonly name = 'MatchingConfigError';
}

export const DEFAULT_MATCHING_CONFIG: MatchingConfig = Object.freeze(configSchema.parse({}));

/** Complete settings from partial ones; throws {@link MatchingConfigError} when out of range. */
export function matchingConfig(input?: MatchingConfigInput | MatchingConfig): MatchingConfig {
  if (input === undefined || input === DEFAULT_MATCHING_CONFIG) return DEFAULT_MATCHING_CONFIG;
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new MatchingConfigError(`Invalid matching settings: ${where}`);
  }
  return parsed.data;
}

/** Scores are whole points internally (exact sums, exact optimum); 1 point = 0.0001. */
export const POINTS_SCALE = 10_000;
