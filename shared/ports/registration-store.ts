/**
 * Persistence of sign-ups and e-mail verification. Every method is one conditional write or
 * transaction: invariants (one address per role, one effect per submission, single-use links)
 * are enforced by the database, never by read-then-write.
 */
import type { Person, Role, PersonStatus } from '../domain/people';

export type CreateRegistrationOutcome = 'created' | 'repeated_submission' | 'email_taken' | 'unknown_partner';
export type ConfirmEmailOutcome = 'verified' | 'link_used' | 'already_verified' | 'gone';

export interface RegistrationStore {
  /**
   * In one transaction: remembers the submission, claims the address for the role, writes the
   * profile (unverified, expiring) and, for a referred mentee, checks that the partner is active.
   */
  create(input: { person: Person; emailHash: string; submission: string; now: Date }): Promise<CreateRegistrationOutcome>;
  /** Remembers a submission that created nothing; false when it was already remembered (a retry). */
  rememberSubmission(submission: string, now: Date): Promise<boolean>;
  /** Forgets a submission whose e-mail could not be sent, so that the person can simply retry. */
  forgetSubmission(submission: string): Promise<void>;
  /** The person whose live claim holds this address for the role. */
  findByEmail(role: Role, emailHash: string, now: Date): Promise<Person | undefined>;
  /**
   * Records that the owner of a claimed address is being e-mailed about a repeated sign-up;
   * false when one was already sent within the cooldown (or the claim is gone).
   */
  takeRepeatNotice(input: { role: Role; emailHash: string; now: Date; cooldownSeconds: number }): Promise<boolean>;
  /** Pushes back the expiry of a registration that is still unverified; false if it is not. */
  extendUnverified(input: { role: Role; id: string; emailHash: string; now: Date }): Promise<boolean>;
  get(role: Role, id: string): Promise<Person | undefined>;
  /** Spends the link and moves the person out of `pending_verification`, in one transaction. */
  confirmEmail(input: { person: Person; emailHash: string; nextStatus: PersonStatus; tokenId: string; linkExpiresAt: number; now: Date }): Promise<ConfirmEmailOutcome>;
}
