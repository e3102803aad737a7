/**
 * The CCI starts a cohort for a partner.
 * Input: the partner's id. Output: the draft, version 1 (pairs, scores, explanations, mentees left
 * out and why). Course: the partner must exist and be active (else 404); its waiting mentees are
 * assigned to the available mentors at once (solveCohort), and the draft is stored.
 */
import { cohortView } from '../../domain/cohort';
import type { CohortDraftView } from '../../domain/back-office-schemas';
import { NotFoundError } from '../../domain/errors';
import type { Locale } from '../../domain/locale';
import { EMPTY_EDITS, type CohortDraft } from '../../domain/cohort';
import { logger } from '../../observability/logger';
import { defaultCohortId, type CohortDeps } from './cohort-common';
import { solveCohort } from './cohort-solve';

export function makeCreateCohortDraft(deps: CohortDeps) {
  const { store, cohorts, clock, newId = defaultCohortId } = deps;
  return async function createCohortDraft({ partnerId, locale }: { partnerId: string; locale: Locale }): Promise<CohortDraftView> {
    const partner = await store.getPartner(partnerId);
    if (!partner || partner.status !== 'active') throw new NotFoundError('Unknown or inactive partner');
    const { edits, solution } = await solveCohort(deps, partner, EMPTY_EDITS, locale);
    const now = clock.now().toISOString();
    const draft: CohortDraft = { id: newId(), partnerId, partnerName: partner.name, status: 'draft', version: 1, createdAt: now, updatedAt: now, edits, solution };
    await cohorts.create(draft);
    logger.info('Cohort draft created', { draftId: draft.id, partnerId, mentees: solution.menteesConsidered, mentors: solution.mentorsConsidered, matched: solution.matched });
    return cohortView(draft);
  };
}
