/** POST /api/mentees — mentee sign-up; always 202 (see use case submit-sign-up). */
import { menteeSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import type { SubmitSignUpInput } from '../../shared/use-cases/submit-sign-up';
import { makeSignUpHandler } from '../commons/sign-up-handler';
import { wireSubmitSignUp } from '../commons/wiring';

export const handler = httpHandler({ route: 'RegisterMentee', body: menteeSignUpSchema },
  makeSignUpHandler<Extract<SubmitSignUpInput, { role: 'mentee' }>>('mentee', wireSubmitSignUp()),
);
