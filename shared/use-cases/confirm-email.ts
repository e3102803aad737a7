/**
 * Confirms an e-mail address from a verification link's token (posted by the verification page).
 * Output: the person's role and new status (mentor → pending_validation, mentee → awaiting_match).
 * Course: verify the signature and expiry, then spend the link and move the person out of
 * `pending_verification` in one transaction. A second use answers "link used".
 */
import { LinkExpiredError, LinkInvalidError, LinkUsedError } from '../domain/errors';
import { hashEmail } from '../domain/fingerprints';
import { ROLES, STATUS_AFTER_VERIFICATION, type Role } from '../domain/people';
import type { LinkSigner } from '../links/signed-links';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
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

export function makeConfirmEmail({ store, links, clock }: { store: RegistrationStore; links: LinkSigner; clock: Clock }) {
  return async function confirmEmail(token: string): Promise<ConfirmEmailResult> {
    const claims = await links.verify(token, 'verify_email');
    const { role, id } = parseSubject(claims.subject);
    const person = await store.get(role, id);
    if (!person) throw new LinkExpiredError('registration gone');
    const nextStatus = STATUS_AFTER_VERIFICATION[role];
    const outcome = await store.confirmEmail({
      person,
      emailHash: hashEmail(person.email),
      nextStatus,
      tokenId: claims.tokenId,
      linkExpiresAt: claims.expiresAt,
      now: clock.now(),
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
