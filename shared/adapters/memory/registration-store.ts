/**
 * In-memory RegistrationStore with the DynamoDB adapter's semantics, condition for condition: the
 * same items (item builders), the same expiry comparisons with the given `now`, the same outcome
 * when several conditions fail. Each method checks every condition before it writes anything, so
 * a refused transaction changes nothing.
 */
import { emailClaimItem, JOB_ITEM_SECONDS, outboxItem, personFromItem, personItem, personTransition, spentLinkItem, type Item } from '../../db/items';
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
    async create({ person, emailHash, now, retentionSeconds, mail }) {
      const nowS = epoch(now);
      const expiresAt = nowS + retentionSeconds;
      const claim = table.get(keys.emailClaim(person.role, emailHash));
      const mailItem = outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: nowS + JOB_ITEM_SECONDS });
      // The claim's condition is read first, as the DynamoDB adapter reads the cancellation reasons.
      if (live(claim, nowS)) return claim.personId === person.id ? 'already_created' : 'email_taken';
      if (table.get(keys.person(person.role, person.id)) || table.get(keys.outbox('mail', mail.dedupKey))) return 'already_created';
      table.put(emailClaimItem({ role: person.role, emailHash, personId: person.id, expiresAt }));
      table.put(personItem(person, { expiresAt }));
      table.put(mailItem);
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

    async notifyOwner({ role, emailHash, now, cooldownSeconds, noticeId, extend, mail }) {
      const nowS = epoch(now);
      const claim = table.get(keys.emailClaim(role, emailHash));
      const profile = extend ? table.get(keys.person(role, extend.personId)) : undefined;
      const mailItem = outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: nowS + JOB_ITEM_SECONDS });
      const claimLive = live(claim, nowS) && (!extend || claim.personId === extend.personId);
      const free = claim !== undefined && (claim.lastNoticeAt === undefined || Number(claim.lastNoticeAt) <= nowS - cooldownSeconds || claim.lastNoticeId === noticeId);
      // Outcome order as the DynamoDB adapter reads its cancellation reasons: mail, profile, claim.
      if (table.get(keys.outbox('mail', mail.dedupKey))) return 'already_notified';
      if (extend && !pendingAndLive(profile, nowS)) return 'changed';
      if (!claimLive) return 'changed';
      if (!free) return 'cooldown';
      const expiry = extend ? { [TTL]: nowS + extend.retentionSeconds } : {};
      table.put(updated(claim, { set: { lastNoticeAt: nowS, lastNoticeId: noticeId, ...expiry } }));
      if (extend && profile) table.put(updated(profile, { set: expiry }));
      table.put(mailItem);
      return 'notified';
    },

    async confirmEmail({ person, emailHash, nextStatus, tokenId, linkExpiresAt, now, startMatching }) {
      const { role, id } = person;
      const nowS = epoch(now);
      const link = spentLinkItem(tokenId, linkExpiresAt + 24 * 3600);
      const profile = table.get(keys.person(role, id));
      const claim = table.get(keys.emailClaim(role, emailHash));
      if (table.get(keys.spentLink(tokenId))) return 'link_used';
      if (!profile || !pendingAndLive(profile, nowS)) return profile && profile.status !== 'pending_verification' ? 'already_verified' : 'gone';
      if (!claim || claim.personId !== id) return 'gone';
      if (startMatching && table.get(keys.outbox(startMatching.job.kind, startMatching.dedupKey))) return 'gone';
      const transition = personTransition(person, nextStatus);
      const attempt = startMatching ? { matchingAttempt: startMatching.job.attempt } : {};
      table.put(link);
      table.put(updated(profile, { set: { ...transition.set, ...attempt, verifiedAt: now.toISOString() }, remove: [...transition.remove, TTL] }));
      table.put(updated(claim, { remove: [TTL] }));
      if (startMatching) table.put(outboxItem(startMatching.job, { dedupKey: startMatching.dedupKey, expiresAt: nowS + JOB_ITEM_SECONDS }));
      return 'verified';
    },
  };
}
