/** POST /api/follow-up/view — what the check-in or outcome page shows, from the token of a follow-up link. */
import { viewFollowUpSchema, type ViewFollowUpRequest } from '../../shared/domain/follow-up-schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeViewFollowUp } from '../../shared/use-cases/view-follow-up';
import { wireViewFollowUp } from '../commons/follow-up-wiring';

export const makeViewFollowUpHandler =
  (viewFollowUp: ReturnType<typeof makeViewFollowUp>): RawHttpHandler<ViewFollowUpRequest, undefined> =>
  async ({ body }) =>
    json(200, await viewFollowUp(body.token));

export const handler = httpHandler({ route: 'ViewFollowUp', body: viewFollowUpSchema }, makeViewFollowUpHandler(wireViewFollowUp()));
