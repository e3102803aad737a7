/**
 * After-commit work (the transactional outbox). Whatever must happen after a state change — send a
 * mail, later start a matching workflow or schedule a check-in — is recorded as a job in the same
 * DynamoDB transaction as the change, and done by the consumer of the table's stream
 * (functions/stream/consume-outbox.ts). A job is data: this module says what each kind holds, and
 * the consumer validates every job against it before acting, so a malformed record is refused
 * by name instead of half-processed.
 */
import { discriminatedUnion, enum as enumOf, iso, literal, strictObject, uuid } from 'zod';
import type { z } from 'zod';
import { LOCALES } from './locale';
import { menteeSignUpFields, mentorSignUpFields } from './sign-up-fields';

const jobBase = {
  /** Unique per job: effects are made idempotent by it (a replayed stream record acts once). */
  id: uuid(),
  locale: enumOf(LOCALES),
  /** When the job was recorded; the time of the change it follows. */
  recordedAt: iso.datetime(),
};

/**
 * A sign-up as the public request recorded it: the validated form (its shape re-checked here;
 * the reference-data checks were made at the door), and the id the person will have. The consumer claims the address and creates the profile, or notifies the address's owner.
 */
export const signUpJobSchema = discriminatedUnion('role', [
  strictObject({ ...jobBase, kind: literal('sign_up'), role: literal('mentor'), personId: uuid(), signUp: mentorSignUpFields }),
  strictObject({ ...jobBase, kind: literal('sign_up'), role: literal('mentee'), personId: uuid(), signUp: menteeSignUpFields }),
]);
export type SignUpJob = z.infer<typeof signUpJobSchema>;

/** Every job kind. Adding one: a schema here, a handler in the consumer's dispatch table. */
export const outboxJobSchema = signUpJobSchema;
export type OutboxJob = z.infer<typeof outboxJobSchema>;
export type OutboxJobKind = OutboxJob['kind'];
