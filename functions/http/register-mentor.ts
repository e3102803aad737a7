/** POST /api/mentors — mentor sign-up; always 202 (see use case submit-sign-up). */
import { mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import type { SubmitSignUpInput } from '../../shared/use-cases/submit-sign-up';
import { makeSignUpHandler } from '../commons/sign-up-handler';
import { wireSubmitSignUp } from '../commons/wiring';

export const handler = httpHandler({ route: 'RegisterMentor', body: mentorSignUpSchema },
  makeSignUpHandler<Extract<SubmitSignUpInput, { role: 'mentor' }>>('mentor', wireSubmitSignUp()),
);
