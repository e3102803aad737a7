/**
 * A recorded sign-up, processed by the jobs consumer (after-commit).
 * Input: the sign-up job. Output: what happened (for logs and tests).
 * Course: one transaction claims the address for the role, writes the unverified profile and
 * records its verification mail. If another person holds the address, its owner gets one mail
 * instead (notify-address-owner): a fresh verification link while still unverified, otherwise a
 * note that the address is already registered, at most one per address and role every 15 minutes.
 * The profile records the submission's fingerprint (`signUpKey`), the key of the outbox item that
 * carries the form, so that an erasure can delete that item. The mails themselves are sent by the mail consumer (send-mail). A replayed job (same id) changes nothing:
 * each transaction recognises what it wrote before.
 */
import { randomUUID } from 'node:crypto';
import { RegistrationRaceError } from '../domain/errors';
import { fingerprintSubmission, hashEmail } from '../domain/fingerprints';
import { personFromSignUp, UNVERIFIED_RETENTION_SECONDS } from '../domain/people';
import type { SignUpJob } from '../domain/sign-up-job';
import type { Clock } from '../ports/clock';
import type { RegistrationStore } from '../ports/registration-store';
import { mailJobTo, notifyAddressOwner } from './notify-address-owner';

export type ProcessSignUpOutcome = 'created' | 'already_created' | 'notified' | 'already_notified' | 'notice_suppressed';

export interface ProcessSignUpDeps {
  store: RegistrationStore;
  clock: Clock;
  newId?: () => string;
}

export function makeProcessSignUp({ store, clock, newId = randomUUID }: ProcessSignUpDeps) {
  return async function processSignUp(job: SignUpJob): Promise<ProcessSignUpOutcome> {
    const now = clock.now();
    // The submission's fingerprint keys the outbox item that carries the whole form: the erasure deletes it by this.
    const person = { ...personFromSignUp(job), signUpKey: fingerprintSubmission(job.role, job.signUp) };
    const emailHash = hashEmail(person.email);
    const created = await store.create({
      person,
      emailHash,
      now,
      retentionSeconds: UNVERIFIED_RETENTION_SECONDS,
      mail: { job: mailJobTo(person, now, newId(), { template: 'verify_email', reminder: false }), dedupKey: `${job.id}.verification` },
    });
    if (created !== 'email_taken') return created;

    const owner = await store.findByEmail(job.role, emailHash, now);
    // The claim expired between the transaction and this read: the retry will find the address free.
    if (!owner) throw new RegistrationRaceError('address claim vanished');
    return notifyAddressOwner({ store, owner, role: job.role, emailHash, now, noticeId: job.id, mailId: newId() });
  };
}
