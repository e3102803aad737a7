/**
 * What the cohort use cases share besides solving (cohort-solve.ts), kept apart so that the
 * publication's bundle carries no solver: dependencies, ids, bounded parallel calls.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import type { CohortStore } from '../../ports/cohort-store';
import type { MatchingStore } from '../../ports/matching-store';

/** What solving a cohort reads of matching: each mentee's partition, the partner. */
export type CohortReads = Pick<MatchingStore, 'getMentee' | 'getPartner'>;

export interface CohortDeps<S extends CohortReads = CohortReads> {
  store: S;
  cohorts: CohortStore;
  clock: Clock;
  newId?: () => string;
}

export const defaultCohortId = randomUUID;

/** Calls in parallel, at most `limit` at once, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
