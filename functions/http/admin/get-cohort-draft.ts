/** GET /api/admin/cohorts/{draftId} — a cohort draft with its pairs, scores, explanations and mentees left out. CCI only. */
import { pathIds } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeGetCohortDraft } from '../../../shared/use-cases/admin/get-cohort-draft';
import { wireGetCohortDraft } from '../../commons/cohort-wiring';

export const makeGetCohortDraftHandler =
  (getCohortDraft: ReturnType<typeof makeGetCohortDraft>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) => {
    const { draftId } = validate(pathIds.draftId, { draftId: pathParameters.draftId }, locale);
    return json(200, await getCohortDraft(draftId));
  };

export const handler = httpHandler({ route: 'GetCohortDraft' }, makeGetCohortDraftHandler(wireGetCohortDraft()));
