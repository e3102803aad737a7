/** POST /api/mentees — mentee sign-up; always 202 (see use case register-person). */
import { message } from '../../shared/domain/messages';
import { menteeSignUpSchema, type MenteeSignUp } from '../../shared/domain/sign-up-schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeRegisterPerson } from '../../shared/use-cases/register-person';
import { wireRegisterPerson } from '../commons/wiring';

export const makeRegisterMentee =
  (registerPerson: ReturnType<typeof makeRegisterPerson>): RawHttpHandler<MenteeSignUp, undefined> =>
  async ({ body, locale }) => {
    await registerPerson({ role: 'mentee', signUp: body, locale });
    return json(202, { status: 'verification_sent', message: message('verification_sent', locale) });
  };

export const handler = httpHandler({ body: menteeSignUpSchema }, makeRegisterMentee(wireRegisterPerson()));
