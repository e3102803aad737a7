/** POST /api/verifications/resend — "send the e-mail again"; always 202 (see use case request-resend). */
import { message } from '../../shared/domain/messages';
import { resendVerificationSchema, type ResendVerificationRequest } from '../../shared/domain/schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeRequestResend } from '../../shared/use-cases/request-resend';
import { wireRequestResend } from '../commons/wiring';

export const makeResendVerificationHandler =
  (requestResend: ReturnType<typeof makeRequestResend>): RawHttpHandler<ResendVerificationRequest, undefined> =>
  async ({ body, locale }) => {
    await requestResend({ role: body.role, email: body.email, locale });
    return json(202, { status: 'verification_resent', message: message('verification_resent', locale) });
  };

export const handler = httpHandler({ route: 'ResendVerification', body: resendVerificationSchema }, makeResendVerificationHandler(wireRequestResend()));
