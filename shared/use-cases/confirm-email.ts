/**
 * Confirms an e-mail address from a verification link's token (posted by the verification page).
 * Output: the person's role and new status (mentor → pending_validation, mentee → awaiting_match).
 * Course: verify the signature and expiry, then spend the link and move the person out of
 * `pending_verification` in one transaction; for a mentee, the same transaction sets its first
 * matching attempt and records the job that starts the matching workflow. A second use answers
 * "link used".
 */
import { randomUUID } from 'node:crypto';
import { LinkExpiredError, LinkInvalidError, LinkUsedError } from '../domain/errors';
import { hashEmail } from '../domain/fingerprints';
import { ROLES, STATUS_AFTER_VERIFICATION, type Person, type Role } from '../domain/people';
import type { LinkSigner } from '../links/signed-links';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { StartMatchingJob } from '../domain/matching-jobs';
import type { RegistrationStore } from '../ports/registration-store';

export interface ConfirmEmailResult {
  role: Role;
  personStatus: (typeof STATUS_AFTER_VERIFICATION)[Role];
}

function parseSubject(subject: string): { role: Role; id: string } {
  const [role, id, ...rest] = subject.split(':');
  if (!role || !id || rest.length > 0 || !(ROLES as readonly string[]).includes(role)) throw new LinkInvalidError('bad subject');
  return { role: role as Role, id };
}

/**
 * The job that starts a newly verified mentee's first matching attempt. Built here rather than with
 * the workflow's helper (matching-context.ts), which would bring the communes data into this
 * route's bundle; the dedup key is spelled as that helper spells it.
 */
function firstAttempt(mentee: Pick<Person, 'id' | 'locale'>, now: Date, id: string): { job: StartMatchingJob; dedupKey: string } {
  const attempt = 1;
  return {
    job: { kind: 'start_matching', id, locale: mentee.locale, recordedAt: now.toISOString(), menteeId: mentee.id, attempt },
    dedupKey: `start_matching#${mentee.id}#${attempt}`,
  };
}

export function makeConfirmEmail({ store, links, clock, newId = randomUUID }: { store: RegistrationStore; links: LinkSigner; clock: Clock; newId?: () => string }) {
  return async function confirmEmail(token: string): Promise<ConfirmEmailResult> {
    const claims = await links.verify(token, 'verify_email');
    const { role, id } = parseSubject(claims.subject);
    const person = await store.get(role, id);
    if (!person) throw new LinkExpiredError('registration gone');
    const nextStatus = STATUS_AFTER_VERIFICATION[role];
    const now = clock.now();
    const outcome = await store.confirmEmail({
      person,
      emailHash: hashEmail(person.email),
      nextStatus,
      tokenId: claims.tokenId,
      linkExpiresAt: claims.expiresAt,
      now,
      ...(person.role === 'mentee' ? { startMatching: firstAttempt(person, now, newId()) } : {}),
    });
    logger.info('E-mail confirmation', { role, outcome });
    switch (outcome) {
      case 'verified':
        return { role, personStatus: nextStatus };
      case 'link_used':
      case 'already_verified':
        throw new LinkUsedError('link already used');
      case 'gone':
        throw new LinkExpiredError('registration expired');
    }
  };
}
