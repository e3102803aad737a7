/** POST /api/mentors — mentor sign-up; always 202 (see use case register-person). */
import { mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import type { RegisterPersonInput } from '../../shared/use-cases/register-person';
import { makeSignUpHandler } from '../commons/sign-up-handler';
import { wireRegisterPerson } from '../commons/wiring';

export const handler = httpHandler(
  { body: mentorSignUpSchema },
  makeSignUpHandler<Extract<RegisterPersonInput, { role: 'mentor' }>>('mentor', wireRegisterPerson()),
);
