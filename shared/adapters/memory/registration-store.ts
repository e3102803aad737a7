/**
 * In-memory RegistrationStore with the DynamoDB adapter's semantics, condition for condition: the
 * same items (item builders), the same expiry comparisons with the given `now`, the same outcome
 * when several conditions fail. Each method checks every condition before it writes anything, so
 * a refused transaction changes nothing.
 */
import { emailClaimItem, personFromItem, personItem, personTransition, spentLinkItem, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { RegistrationStore } from '../../ports/registration-store';
import { epoch, live, memoryTable, type MemoryTable } from './table';

const TTL = TABLE.ttlAttribute;

/** Sets and removes attributes, as an UpdateExpression does. */
function updated(item: Item, changes: { set?: Item; remove?: readonly string[] }): Item {
  const next: Item = { ...item };
  for (const name of changes.remove ?? []) delete next[name];
  return { ...next, ...changes.set };
}

/** The profile condition of extension and confirmation: still unverified, and not expired. */
function pendingAndLive(profile: Item | undefined, nowS: number): boolean {
  const expiresAt = profile?.[TTL];
  return profile?.status === 'pending_verification' && typeof expiresAt === 'number' && expiresAt >= nowS;
}

export function memoryRegistrationStore(table: MemoryTable = memoryTable()): RegistrationStore {
  return {
    async create({ person, emailHash, now, retentionSeconds }) {
      const nowS = epoch(now);
      const expiresAt = nowS + retentionSeconds;
      const claim = table.get(keys.emailClaim(person.role, emailHash));
      // The claim's condition is read first, as the DynamoDB adapter reads the cancellation reasons.
      if (live(claim, nowS)) return claim.personId === person.id ? 'already_created' : 'email_taken';
      if (table.get(keys.person(person.role, person.id))) return 'already_created';
      table.put(emailClaimItem({ role: person.role, emailHash, personId: person.id, expiresAt }));
      table.put(personItem(person, { expiresAt }));
      return 'created';
    },

    async findByEmail(role, emailHash, now) {
      const claim = table.get(keys.emailClaim(role, emailHash));
      if (!live(claim, epoch(now))) return undefined;
      return this.get(role, String(claim.personId));
    },

    async get(role, id) {
      return personFromItem(table.get(keys.person(role, id)));
    },

    async takeRepeatNotice({ role, emailHash, now, cooldownSeconds, noticeId }) {
      const nowS = epoch(now);
      const claim = table.get(keys.emailClaim(role, emailHash));
      if (!claim) return false;
      const free = claim.lastNoticeAt === undefined || Number(claim.lastNoticeAt) <= nowS - cooldownSeconds || claim.lastNoticeId === noticeId;
      if (!free) return false;
      table.put(updated(claim, { set: { lastNoticeAt: nowS, lastNoticeId: noticeId } }));
      return true;
    },

    async releaseRepeatNotice({ role, emailHash, noticeId }) {
      const claim = table.get(keys.emailClaim(role, emailHash));
      if (claim?.lastNoticeId !== noticeId) return;
      table.put(updated(claim, { remove: ['lastNoticeAt', 'lastNoticeId'] }));
    },

    async extendUnverified({ role, id, emailHash, now, retentionSeconds }) {
      const nowS = epoch(now);
      const profile = table.get(keys.person(role, id));
      const claim = table.get(keys.emailClaim(role, emailHash));
      if (!profile || !claim || !pendingAndLive(profile, nowS) || claim.personId !== id) return false;
      const expiresAt = nowS + retentionSeconds;
      table.put(updated(profile, { set: { [TTL]: expiresAt } }));
      table.put(updated(claim, { set: { [TTL]: expiresAt } }));
      return true;
    },

    async confirmEmail({ person, emailHash, nextStatus, tokenId, linkExpiresAt, now }) {
      const { role, id } = person;
      const nowS = epoch(now);
      const link = spentLinkItem(tokenId, linkExpiresAt + 24 * 3600);
      const profile = table.get(keys.person(role, id));
      const claim = table.get(keys.emailClaim(role, emailHash));
      if (table.get(keys.spentLink(tokenId))) return 'link_used';
      if (!profile || !pendingAndLive(profile, nowS)) return profile && profile.status !== 'pending_verification' ? 'already_verified' : 'gone';
      if (!claim || claim.personId !== id) return 'gone';
      const transition = personTransition(person, nextStatus);
      table.put(link);
      table.put(updated(profile, { set: { ...transition.set, verifiedAt: now.toISOString() }, remove: [...transition.remove, TTL] }));
      table.put(updated(claim, { remove: [TTL] }));
      return 'verified';
    },
  };
}
