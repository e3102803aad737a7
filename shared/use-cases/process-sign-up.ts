/**
 * A recorded sign-up, processed by the jobs consumer (after-commit).
 * Input: the sign-up job. Output: what happened (for logs and tests).
 * Course: one transaction claims the address for the role, writes the unverified profile and
 * records its verification mail. If another person holds the address, its owner gets one mail
 * instead — a fresh verification link while still unverified (the registration kept alive),
 * otherwise a note that the address is already registered — at most one per address and role
 * every 15 minutes; that reservation and its mail are recorded in one transaction too. The mails
 * themselves are sent by the mail consumer (send-mail). A replayed job (same id) changes nothing:
 * each transaction recognises what it wrote before.
 */
import { randomUUID } from 'node:crypto';
import { RegistrationRaceError } from '../domain/errors';
import { hashEmail } from '../domain/fingerprints';
import type { MailJob } from '../domain/mail-job';
import { personFromSignUp, REPEAT_NOTICE_COOLDOWN_SECONDS, UNVERIFIED_RETENTION_SECONDS, type Person } from '../domain/people';
import type { SignUpJob } from '../domain/sign-up-job';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { RegistrationStore } from '../ports/registration-store';

export type ProcessSignUpOutcome = 'created' | 'already_created' | 'notified' | 'already_notified' | 'notice_suppressed';

export interface ProcessSignUpDeps {
  store: RegistrationStore;
  clock: Clock;
  newId?: () => string;
}

export function makeProcessSignUp({ store, clock, newId = randomUUID }: ProcessSignUpDeps) {
  const mailTo = (person: Person, now: Date, mail: { template: 'verify_email'; reminder: boolean } | { template: 'already_registered' }): MailJob => ({
    kind: 'mail',
    id: newId(),
    locale: person.locale,
    recordedAt: now.toISOString(),
    to: { role: person.role, personId: person.id },
    ...mail,
  });

  return async function processSignUp(job: SignUpJob): Promise<ProcessSignUpOutcome> {
    const now = clock.now();
    const person = personFromSignUp(job);
    const emailHash = hashEmail(person.email);
    const created = await store.create({
      person,
      emailHash,
      now,
      retentionSeconds: UNVERIFIED_RETENTION_SECONDS,
      mail: { job: mailTo(person, now, { template: 'verify_email', reminder: false }), dedupKey: `${job.id}.verification` },
    });
    if (created !== 'email_taken') return created;

    const existing = await store.findByEmail(job.role, emailHash, now);
    // The claim expired between the transaction and this read: the retry will find the address free.
    if (!existing) throw new RegistrationRaceError('address claim vanished');
    const unverified = existing.status === 'pending_verification';
    const outcome = await store.notifyOwner({
      role: job.role,
      emailHash,
      now,
      cooldownSeconds: REPEAT_NOTICE_COOLDOWN_SECONDS,
      noticeId: job.id,
      ...(unverified ? { extend: { personId: existing.id, retentionSeconds: UNVERIFIED_RETENTION_SECONDS } } : {}),
      mail: {
        job: mailTo(existing, now, unverified ? { template: 'verify_email', reminder: true } : { template: 'already_registered' }),
        dedupKey: `${job.id}.notice`,
      },
    });
    switch (outcome) {
      case 'changed':
        throw new RegistrationRaceError('registration changed while notifying its owner');
      case 'cooldown':
        logger.info('Repeat notice suppressed (cooldown)', { role: job.role });
        return 'notice_suppressed';
      default:
        return outcome;
    }
  };
}
