/** Data for the contract tests: valid sign-up jobs and people, unique per call so subjects may share a table. */
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError } from '../../shared/domain/errors';
import { hashEmail } from '../../shared/domain/fingerprints';
import type { MailJob } from '../../shared/domain/mail-job';
import type { SignUpJob } from '../../shared/domain/sign-up-job';
import { personFromSignUp, type Person, type Role } from '../../shared/domain/people';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import type { RecordedMail } from '../../shared/ports/registration-store';
import { validMentee, validMentor } from '../fixtures/sign-ups';

/** A fixed instant the contracts count from (expiries are compared with the `now` they pass). */
export const T0 = new Date('2026-11-26T10:00:00Z');
export const later = (seconds: number, from = T0) => new Date(from.getTime() + seconds * 1000);

export const uniqueEmail = (label = 'person') => `${label}.${randomUUID()}@example.org`;

/** A sign-up job as submit-sign-up records it. */
export function signUpJob(options: { role?: Role; email?: string; partnerId?: string; recordedAt?: Date } = {}): SignUpJob {
  const role = options.role ?? 'mentor';
  const base = { kind: 'sign_up' as const, id: randomUUID(), personId: randomUUID(), locale: 'fr' as const, recordedAt: (options.recordedAt ?? T0).toISOString() };
  const email = options.email ?? uniqueEmail(role);
  if (role === 'mentor') return { ...base, role, signUp: validate(mentorSignUpSchema, { ...validMentor(), email }, 'fr') };
  return { ...base, role, signUp: validate(menteeSignUpSchema, { ...validMentee(), email, ...(options.partnerId ? { partnerId: options.partnerId } : {}) }, 'fr') };
}

/** An unverified person as process-sign-up builds it, with the hash of its address. */
export function newPerson(options: { role?: Role; email?: string } = {}): { person: Person; emailHash: string } {
  const person = personFromSignUp(signUpJob(options));
  return { person, emailHash: hashEmail(person.email) };
}

/** A mail job to a person, as process-sign-up records it with a change; a fresh job id per call. */
export function recordedMail(
  person: Person,
  dedupKey: string,
  mail: { template: 'verify_email'; reminder: boolean } | { template: 'already_registered' } = { template: 'verify_email', reminder: false },
  now: Date = T0,
): RecordedMail {
  const job: MailJob = { kind: 'mail', id: randomUUID(), locale: person.locale, recordedAt: now.toISOString(), to: { role: person.role, personId: person.id }, ...mail };
  return { job, dedupKey };
}

/**
 * Outcomes of racing calls. A store may refuse a contended write with ServiceUnavailableError
 * (DynamoDB's TransactionConflict: "retry, nothing was half-written"); it shows as 'retry'.
 */
export async function race<T>(calls: Array<Promise<T>>): Promise<Array<T | 'retry'>> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => {
    if (s.status === 'fulfilled') return s.value;
    if (s.reason instanceof ServiceUnavailableError) return 'retry';
    throw s.reason;
  });
}

/** Exactly one racing call won; each of the others got the refusal `loser` or was told to retry. */
export function expectOneWinner<T>(outcomes: Array<T | 'retry'>, winner: T, loser: T) {
  expect(outcomes.filter((o) => o === winner)).toHaveLength(1);
  expect(outcomes.filter((o) => o !== winner && o !== loser && o !== 'retry')).toEqual([]);
}
