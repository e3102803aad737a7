/** POST /api/mentees — mentee sign-up; always 202 (see use case register-person). */
import { menteeSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import type { RegisterPersonInput } from '../../shared/use-cases/register-person';
import { makeSignUpHandler } from '../commons/sign-up-handler';
import { wireRegisterPerson } from '../commons/wiring';

export const handler = httpHandler(
  { body: menteeSignUpSchema },
  makeSignUpHandler<Extract<RegisterPersonInput, { role: 'mentee' }>>('mentee', wireRegisterPerson()),
);
