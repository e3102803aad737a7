/**
 * After-commit work (the transactional outbox). Whatever must happen after a state change — send a
 * mail, later start a matching workflow or schedule a check-in — is recorded as a job in the same
 * DynamoDB transaction as the change, and done by a consumer of the table's stream. A job is data:
 * each kind has its schema in its own module (sign-up-job.ts, resend-job.ts, mail-job.ts), so a consumer carries
 * only the schemas of the kinds it does, and validates every job before acting on it.
 * Which consumer does which kind: shared/db/outbox-stream.ts.
 */
// zod/mini: every job schema spreads these fields, and the mail consumer bundles no classic zod.
import { enum as enumOf, iso, uuid } from 'zod/mini';
import { LOCALES } from './locale';
import type { MailJob } from './mail-job';
import type { CapacityAppearedJob, DeliverDecisionJob, StartMatchingJob } from './matching-jobs';
import type { ResendJob } from './resend-job';
import type { SignUpJob } from './sign-up-job';

/** Fields every job has. */
export const jobBase = {
  /** Unique per job: effects are made idempotent by it (a replayed stream record acts once). */
  id: uuid(),
  locale: enumOf(LOCALES),
  /** When the job was recorded; the time of the change it follows. */
  recordedAt: iso.datetime(),
};

export type OutboxJob = SignUpJob | ResendJob | MailJob | StartMatchingJob | DeliverDecisionJob | CapacityAppearedJob;
export type OutboxJobKind = OutboxJob['kind'];
/** Every job kind; a test checks each is done by exactly one consumer. */
export const OUTBOX_JOB_KINDS = ['sign_up', 'resend', 'mail', 'start_matching', 'deliver_decision', 'capacity_appeared'] as const satisfies readonly OutboxJobKind[];
