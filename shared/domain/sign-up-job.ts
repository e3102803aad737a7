/**
 * A sign-up as the public request recorded it: the validated form (its shape re-checked here; the
 * reference-data checks were made at the door), and the id the person will have. The jobs consumer
 * claims the address and creates the profile, or records a notice for the address's owner.
 */
import { discriminatedUnion, literal, strictObject, uuid } from 'zod';
import type { z } from 'zod';
import { jobBase } from './outbox';
import { menteeSignUpFields, mentorSignUpFields } from './sign-up-fields';

export const signUpJobSchema = discriminatedUnion('role', [
  strictObject({ ...jobBase, kind: literal('sign_up'), role: literal('mentor'), personId: uuid(), signUp: mentorSignUpFields }),
  strictObject({ ...jobBase, kind: literal('sign_up'), role: literal('mentee'), personId: uuid(), signUp: menteeSignUpFields }),
]);
export type SignUpJob = z.infer<typeof signUpJobSchema>;
