/** POST /api/verifications — confirms an address with the token of a verification link. */
import { confirmEmailSchema, type ConfirmEmailRequest } from '../../shared/domain/schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { wireConfirmEmail } from '../commons/wiring';

export const makeConfirmEmailHandler =
  (confirmEmail: ReturnType<typeof makeConfirmEmail>): RawHttpHandler<ConfirmEmailRequest, undefined> =>
  async ({ body }) => {
    const result = await confirmEmail(body.token);
    return json(200, { status: 'verified', ...result });
  };

export const handler = httpHandler({ route: 'ConfirmEmail', body: confirmEmailSchema }, makeConfirmEmailHandler(wireConfirmEmail()));
