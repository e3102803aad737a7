/**
 * POST /api/partner/mentees — a partner adviser refers a mentee (the sign-up form's fields); 202
 * like the public sign-up. The partner is the adviser's, from the token (use case refer-mentee).
 */
import { message } from '../../../shared/domain/messages';
import { menteeSignUpSchema, type MenteeSignUp } from '../../../shared/domain/sign-up-schemas';
import { partnerIdOf } from '../../../shared/http/auth';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeReferMentee } from '../../../shared/use-cases/partner/refer-mentee';
import { wireReferMentee } from '../../commons/partner-space-wiring';

export const makeReferMenteeHandler =
  (referMentee: ReturnType<typeof makeReferMentee>): RawHttpHandler<MenteeSignUp, undefined> =>
  async ({ body, locale, principal }) => {
    await referMentee({ partnerId: partnerIdOf(principal), signUp: body, locale });
    return json(202, { status: 'verification_sent', message: message('verification_sent', locale) });
  };

export const handler = httpHandler({ route: 'ReferMentee', body: menteeSignUpSchema }, makeReferMenteeHandler(wireReferMentee()));
