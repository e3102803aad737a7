/**
 * The CCI edits a cohort draft and solves it again.
 * Input: the draft, the version the edits apply to, the edits. Output: the next version.
 * Course: the draft must exist (404), still be a draft (409 already_published) at that version
 * (409 stale_version); the edits are applied in order to every edit so far (applyEdits: an edit
 * naming a mentee outside the draft is a 400 naming the edit), the cohort is solved again with all
 * of them (a pin the engine refuses: 409 not_compatible with the pair and the rule), and the new
 * version is saved on condition that nobody saved or published meanwhile.
 */
import type { CohortDraftView, CohortEdit } from '../../domain/back-office-schemas';
import { applyEdits, COHORT_EDIT_ERRORS, CohortEditError, cohortView, type CohortDraft, type CohortEdits } from '../../domain/cohort';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../domain/errors';
import type { Locale } from '../../domain/locale';
import { logger } from '../../observability/logger';
import type { CohortDeps } from './cohort-common';
import { solveCohort } from './cohort-solve';

export function makeReviseCohortDraft(deps: CohortDeps) {
  const { store, cohorts, clock } = deps;
  return async function reviseCohortDraft(input: { draftId: string; version: number; edits: readonly CohortEdit[]; locale: Locale }): Promise<CohortDraftView> {
    const { draftId, version, locale } = input;
    const draft = await cohorts.get(draftId);
    if (!draft) throw new NotFoundError('Unknown cohort draft');
    if (draft.status !== 'draft') throw new ConflictError('already_published', 'Cohort draft already published');
    if (draft.version !== version) throw new ConflictError('stale_version', 'Cohort draft changed meanwhile', { version: draft.version });

    let edits: CohortEdits;
    try {
      edits = applyEdits(draft.edits, draft.solution, input.edits);
    } catch (error) {
      if (!(error instanceof CohortEditError)) throw error;
      throw new ValidationFailedError('Invalid cohort edit', { [`edits.${error.index}.${error.field}`]: COHORT_EDIT_ERRORS[error.reason][locale] });
    }

    const partner = await store.getPartner(draft.partnerId);
    if (!partner) throw new NotFoundError('Unknown partner');
    const solved = await solveCohort(deps, partner, edits, locale);
    const next: CohortDraft = { ...draft, version: version + 1, updatedAt: clock.now().toISOString(), edits: solved.edits, solution: solved.solution };
    const saved = await cohorts.saveRevision(next, version);
    if (saved === 'not_found') throw new NotFoundError('Unknown cohort draft');
    if (saved === 'already_published') throw new ConflictError('already_published', 'Cohort draft already published');
    if (saved === 'stale_version') throw new ConflictError('stale_version', 'Cohort draft changed meanwhile');
    logger.info('Cohort draft revised', { draftId, version: next.version, edits: input.edits.length, matched: next.solution.matched });
    return cohortView(next);
  };
}
