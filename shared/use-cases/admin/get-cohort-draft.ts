/** A cohort draft as it stands (404 when unknown). Input: its id. Output: the draft's view. */
import type { CohortDraftView } from '../../domain/back-office-schemas';
import { cohortView } from '../../domain/cohort';
import { NotFoundError } from '../../domain/errors';
import type { CohortStore } from '../../ports/cohort-store';

export function makeGetCohortDraft({ cohorts }: { cohorts: Pick<CohortStore, 'get'> }) {
  return async function getCohortDraft(draftId: string): Promise<CohortDraftView> {
    const draft = await cohorts.get(draftId);
    if (!draft) throw new NotFoundError('Unknown cohort draft');
    return cohortView(draft);
  };
}
