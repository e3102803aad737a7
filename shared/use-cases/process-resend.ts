/**
 * A recorded "send the e-mail again" request, processed by the jobs consumer (after-commit).
 * Input: the resend job. Output: what happened (for logs and tests).
 * Course: looks up who holds the address for the role. Nobody: nothing is sent (the request's
 * answer said nothing either). Otherwise the same notice as a repeated sign-up (process-sign-up),
 * through the same reservation: a fresh verification link while unverified (the registration kept
 * alive), else a note that the address is already registered — at most one per address and role
 * every 15 minutes, the reservation and its mail in one transaction. A replayed job (same id)
 * records nothing new.
 */
import { randomUUID } from 'node:crypto';
import { hashEmail } from '../domain/fingerprints';
import type { ResendJob } from '../domain/resend-job';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { RegistrationStore } from '../ports/registration-store';
import { notifyAddressOwner } from './notify-address-owner';

export type ProcessResendOutcome = 'no_registration' | 'notified' | 'already_notified' | 'notice_suppressed';

export interface ProcessResendDeps {
  store: RegistrationStore;
  clock: Clock;
  newId?: () => string;
}

export function makeProcessResend({ store, clock, newId = randomUUID }: ProcessResendDeps) {
  return async function processResend(job: ResendJob): Promise<ProcessResendOutcome> {
    const now = clock.now();
    const emailHash = hashEmail(job.email);
    const owner = await store.findByEmail(job.role, emailHash, now);
    if (!owner) {
      logger.info('Resend for an address nobody holds: nothing sent', { role: job.role, jobId: job.id });
      return 'no_registration';
    }
    return notifyAddressOwner({ store, owner, role: job.role, emailHash, now, noticeId: job.id, mailId: newId() });
  };
}
