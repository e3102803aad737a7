/** POST /api/admin/cohorts/{draftId}/revisions — edits a draft and solves it again: the next version. CCI only. */
import { pathIds, reviseCohortDraftSchema, type ReviseCohortDraftRequest } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeReviseCohortDraft } from '../../../shared/use-cases/admin/revise-cohort-draft';
import { wireReviseCohortDraft } from '../../commons/cohort-wiring';

export const makeReviseCohortDraftHandler =
  (reviseCohortDraft: ReturnType<typeof makeReviseCohortDraft>): RawHttpHandler<ReviseCohortDraftRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { draftId } = validate(pathIds.draftId, { draftId: pathParameters.draftId }, locale);
    return json(200, await reviseCohortDraft({ draftId, version: body.version, edits: body.edits, locale }));
  };

export const handler = httpHandler({ route: 'ReviseCohortDraft', body: reviseCohortDraftSchema }, makeReviseCohortDraftHandler(wireReviseCohortDraft()));
