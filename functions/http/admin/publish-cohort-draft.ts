/** POST /api/admin/cohorts/{draftId}/publication — publishes a draft once: each pair's proposal goes through the workflow. CCI only. */
import { pathIds, publishCohortDraftSchema, type PublishCohortDraftRequest } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makePublishCohortDraft } from '../../../shared/use-cases/admin/publish-cohort-draft';
import { wirePublishCohortDraft } from '../../commons/cohort-wiring';

export const makePublishCohortDraftHandler =
  (publishCohortDraft: ReturnType<typeof makePublishCohortDraft>): RawHttpHandler<PublishCohortDraftRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { draftId } = validate(pathIds.draftId, { draftId: pathParameters.draftId }, locale);
    return json(200, await publishCohortDraft({ draftId, version: body.version }));
  };

export const handler = httpHandler({ route: 'PublishCohortDraft', body: publishCohortDraftSchema }, makePublishCohortDraftHandler(wirePublishCohortDraft()));
