/**
 * Persistence of registrations: the stream consumer's side of a sign-up, and e-mail verification.
 * Every method is one conditional write or transaction: invariants (one address per role, one
 * profile per sign-up, single-use links) are enforced by the database, never by read-then-write.
 */
import type { Person, Role, PersonStatus } from '../domain/people';

/**
 * `created`: the address was free, the profile is written. `already_created`: this very sign-up
 * created it before (a replayed job). `email_taken`: another person holds the address.
 */
export type CreateRegistrationOutcome = 'created' | 'already_created' | 'email_taken';
export type ConfirmEmailOutcome = 'verified' | 'link_used' | 'already_verified' | 'gone';

export interface RegistrationStore {
  /** In one transaction: claims the address for the role and writes the unverified, expiring profile. */
  create(input: { person: Person; emailHash: string; now: Date; retentionSeconds: number }): Promise<CreateRegistrationOutcome>;
  /** The person whose live claim holds this address for the role. */
  findByEmail(role: Role, emailHash: string, now: Date): Promise<Person | undefined>;
  /**
   * Reserves the one repeated-sign-up e-mail allowed per address and role within the cooldown, for
   * `noticeId`; true when reserved now or already by the same `noticeId` (a retried job).
   */
  takeRepeatNotice(input: { role: Role; emailHash: string; now: Date; cooldownSeconds: number; noticeId: string }): Promise<boolean>;
  /** Gives back a reservation whose e-mail could not be sent, so that no cooldown stands for a mail never sent. */
  releaseRepeatNotice(input: { role: Role; emailHash: string; noticeId: string }): Promise<void>;
  /** Pushes back the expiry of a registration that is still unverified; false if it is not. */
  extendUnverified(input: { role: Role; id: string; emailHash: string; now: Date; retentionSeconds: number }): Promise<boolean>;
  get(role: Role, id: string): Promise<Person | undefined>;
  /** Spends the link and moves the person out of `pending_verification`, in one transaction. */
  confirmEmail(input: { person: Person; emailHash: string; nextStatus: PersonStatus; tokenId: string; linkExpiresAt: number; now: Date }): Promise<ConfirmEmailOutcome>;
}
