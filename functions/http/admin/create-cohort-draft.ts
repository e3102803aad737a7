/** POST /api/admin/cohorts — assigns a partner's waiting mentees at once and stores the draft (201). CCI only. */
import { createCohortDraftSchema, type CreateCohortDraftRequest } from '../../../shared/domain/back-office-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeCreateCohortDraft } from '../../../shared/use-cases/admin/create-cohort-draft';
import { wireCreateCohortDraft } from '../../commons/cohort-wiring';

export const makeCreateCohortDraftHandler =
  (createCohortDraft: ReturnType<typeof makeCreateCohortDraft>): RawHttpHandler<CreateCohortDraftRequest, undefined> =>
  async ({ body, locale }) =>
    json(201, await createCohortDraft({ partnerId: body.partnerId, locale }));

export const handler = httpHandler({ route: 'CreateCohortDraft', body: createCohortDraftSchema }, makeCreateCohortDraftHandler(wireCreateCohortDraft()));
