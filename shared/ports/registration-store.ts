/**
 * Persistence of registrations: the jobs consumer's side of a sign-up, and e-mail verification.
 * Every method is one conditional write or transaction: invariants (one address per role, one
 * profile per sign-up, single-use links) are enforced by the database, never by read-then-write.
 */
import type { MailJob } from '../domain/mail-job';
import type { StartMatchingJob } from '../domain/matching-jobs';
import type { Person, Role, PersonStatus } from '../domain/people';
import type { PersonDirectory } from './person-directory';

/**
 * `created`: the address was free, the profile and its verification mail are recorded.
 * `already_created`: this very sign-up did it before (a replayed job). `email_taken`: another
 * person holds the address.
 */
export type CreateRegistrationOutcome = 'created' | 'already_created' | 'email_taken';
/**
 * `notified`: the reservation and the mail are recorded. `already_notified`: this very notice was
 * recorded before (a replayed job). `cooldown`: another notice was recorded within the cooldown.
 * `changed`: the registration changed meanwhile (verified, expired): decide again.
 */
export type NotifyOwnerOutcome = 'notified' | 'already_notified' | 'cooldown' | 'changed';
export type ConfirmEmailOutcome = 'verified' | 'link_used' | 'already_verified' | 'gone';

/** A mail job to record with a change; `dedupKey` makes the same notice of a replayed job one item. */
export interface RecordedMail {
  job: MailJob;
  dedupKey: string;
}

export interface RegistrationStore extends PersonDirectory {
  /**
   * In one transaction: claims the address for the role, writes the unverified, expiring profile
   * and records its verification mail.
   */
  create(input: { person: Person; emailHash: string; now: Date; retentionSeconds: number; mail: RecordedMail }): Promise<CreateRegistrationOutcome>;
  /** The person whose live claim holds this address for the role. */
  findByEmail(role: Role, emailHash: string, now: Date): Promise<Person | undefined>;
  /**
   * In one transaction, for a repeated sign-up of a claimed address: reserves the one e-mail
   * allowed per address and role within the cooldown (for `noticeId`; the same id may take it
   * again), pushes back the expiry of the unverified registration when `extend` is given (it must
   * still be unverified and live), and records the mail. A reservation never stands without its mail.
   */
  notifyOwner(input: {
    role: Role;
    emailHash: string;
    now: Date;
    cooldownSeconds: number;
    noticeId: string;
    extend?: { personId: string; retentionSeconds: number };
    mail: RecordedMail;
  }): Promise<NotifyOwnerOutcome>;
  /**
   * Spends the link and moves the person out of `pending_verification`, in one transaction. With
   * `startMatching` (a mentee), the same transaction sets the profile's `matchingAttempt` to the
   * job's attempt and records the job that starts the matching workflow.
   */
  confirmEmail(input: {
    person: Person;
    emailHash: string;
    nextStatus: PersonStatus;
    tokenId: string;
    linkExpiresAt: number;
    now: Date;
    startMatching?: { job: StartMatchingJob; dedupKey: string };
  }): Promise<ConfirmEmailOutcome>;
}
