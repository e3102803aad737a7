/**
 * The notice to the owner of a claimed address, shared by a repeated sign-up (process-sign-up)
 * and a resend request (process-resend): a fresh verification link while the registration is
 * unverified (kept alive), else a note that the address is already registered — at most one per
 * address and role every 15 minutes, the reservation and its mail job recorded in one transaction.
 * `noticeId` (the source job's id) makes a replayed job record nothing new.
 */
import { RegistrationRaceError } from '../domain/errors';
import type { MailJob } from '../domain/mail-job';
import { REPEAT_NOTICE_COOLDOWN_SECONDS, UNVERIFIED_RETENTION_SECONDS, type Person, type Role } from '../domain/people';
import { logger } from '../observability/logger';
import type { RegistrationStore } from '../ports/registration-store';

export type NotifyAddressOwnerOutcome = 'notified' | 'already_notified' | 'notice_suppressed';

/** A mail job to `person`, recorded at `now`. */
export function mailJobTo(
  person: Person,
  now: Date,
  id: string,
  mail: { template: 'verify_email'; reminder: boolean } | { template: 'already_registered' },
): MailJob {
  return { kind: 'mail', id, locale: person.locale, recordedAt: now.toISOString(), to: { role: person.role, personId: person.id }, ...mail };
}

export async function notifyAddressOwner(input: {
  store: RegistrationStore;
  owner: Person;
  role: Role;
  emailHash: string;
  now: Date;
  noticeId: string;
  mailId: string;
}): Promise<NotifyAddressOwnerOutcome> {
  const { store, owner, role, emailHash, now, noticeId } = input;
  const unverified = owner.status === 'pending_verification';
  const outcome = await store.notifyOwner({
    role,
    emailHash,
    now,
    cooldownSeconds: REPEAT_NOTICE_COOLDOWN_SECONDS,
    noticeId,
    ...(unverified ? { extend: { personId: owner.id, retentionSeconds: UNVERIFIED_RETENTION_SECONDS } } : {}),
    mail: {
      job: mailJobTo(owner, now, input.mailId, unverified ? { template: 'verify_email', reminder: true } : { template: 'already_registered' }),
      dedupKey: `${noticeId}.notice`,
    },
  });
  switch (outcome) {
    case 'changed':
      // Verified or expired meanwhile: the job's retry decides again.
      throw new RegistrationRaceError('registration changed while notifying its owner');
    case 'cooldown':
      logger.info('Repeat notice suppressed (cooldown)', { role, noticeId });
      return 'notice_suppressed';
    default:
      return outcome;
  }
}
