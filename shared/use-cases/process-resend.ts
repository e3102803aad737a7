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
import { RegistrationRaceError } from '../domain/errors';
import { hashEmail } from '../domain/fingerprints';
import type { MailJob } from '../domain/mail-job';
import { REPEAT_NOTICE_COOLDOWN_SECONDS, UNVERIFIED_RETENTION_SECONDS } from '../domain/people';
import type { ResendJob } from '../domain/resend-job';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { RegistrationStore } from '../ports/registration-store';

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
    const existing = await store.findByEmail(job.role, emailHash, now);
    if (!existing) {
      logger.info('Resend for an address nobody holds: nothing sent', { role: job.role, jobId: job.id });
      return 'no_registration';
    }
    const unverified = existing.status === 'pending_verification';
    const mail: MailJob = {
      kind: 'mail',
      id: newId(),
      locale: existing.locale,
      recordedAt: now.toISOString(),
      to: { role: existing.role, personId: existing.id },
      ...(unverified ? { template: 'verify_email' as const, reminder: true } : { template: 'already_registered' as const }),
    };
    const outcome = await store.notifyOwner({
      role: job.role,
      emailHash,
      now,
      cooldownSeconds: REPEAT_NOTICE_COOLDOWN_SECONDS,
      noticeId: job.id,
      ...(unverified ? { extend: { personId: existing.id, retentionSeconds: UNVERIFIED_RETENTION_SECONDS } } : {}),
      mail: { job: mail, dedupKey: `${job.id}.notice` },
    });
    switch (outcome) {
      case 'changed':
        // Verified or expired meanwhile: the retry decides again (a note, or nothing).
        throw new RegistrationRaceError('registration changed while resending');
      case 'cooldown':
        logger.info('Resend suppressed (cooldown)', { role: job.role, jobId: job.id });
        return 'notice_suppressed';
      default:
        return outcome;
    }
  };
}
