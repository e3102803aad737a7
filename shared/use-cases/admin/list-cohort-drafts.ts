/**
 * Cohort drafts, newest first, of one partner or all. Input: an optional partner id. Output: at
 * most COHORT_LIST_LIMIT lines (drafts are few: tens a year).
 */
import type { CohortListing } from '../../domain/cohort';
import type { CohortStore } from '../../ports/cohort-store';

export const COHORT_LIST_LIMIT = 100;

export function makeListCohortDrafts({ cohorts }: { cohorts: Pick<CohortStore, 'list'> }) {
  return async function listCohortDrafts({ partnerId }: { partnerId?: string | undefined }): Promise<{ items: Omit<CohortListing, 'createdAt'>[] }> {
    const listings = await cohorts.list({ ...(partnerId !== undefined ? { partnerId } : {}), limit: COHORT_LIST_LIMIT });
    return { items: listings.map(({ createdAt: _createdAt, ...line }) => line) };
  };
}
