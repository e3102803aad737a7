/**
 * What every MailQuota promises (shared/ports/mail-quota.ts): at most `cap` jobs counted per
 * address and day, even when they race; a job counted once is 'taken' again (its retry) without
 * counting twice, even past the cap; days and addresses are counted apart; the counter item holds
 * no address and expires a few days after its day.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAIL_COUNT_DAYS } from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { hashEmail } from '../../shared/domain/fingerprints';
import type { MailQuota } from '../../shared/ports/mail-quota';
import { uniqueEmail } from './support';

export interface MailQuotaSubject {
  quota: MailQuota;
  readItem(key: Key): Promise<Record<string, unknown> | undefined>;
  cleanup(): Promise<void>;
}

const DAY = '2026-11-26';
const cap = 3;

export function mailQuotaContract(name: string, makeSubject: () => Promise<MailQuotaSubject>) {
  describe(`MailQuota contract: ${name}`, () => {
    let subject: MailQuotaSubject;
    let emailHash: string;
    beforeEach(async () => {
      subject = await makeSubject();
      emailHash = hashEmail(uniqueEmail());
    });
    afterEach(async () => {
      await subject.cleanup();
    });
    const take = (jobId: string, options: { day?: string; hash?: string } = {}) =>
      subject.quota.take({ emailHash: options.hash ?? emailHash, day: options.day ?? DAY, jobId, cap });

    it('counts up to the cap, then refuses', async () => {
      const outcomes = [];
      for (let i = 0; i <= cap; i++) outcomes.push(await take(randomUUID()));
      expect(outcomes).toEqual([...Array<string>(cap).fill('taken'), 'capped']);
    });

    it('counts a job once however often it comes back, even once the cap is reached', async () => {
      const retried = randomUUID();
      expect(await take(retried)).toBe('taken');
      expect(await take(retried)).toBe('taken');
      for (let i = 1; i < cap; i++) expect(await take(randomUUID())).toBe('taken');
      expect(await take(retried)).toBe('taken');
      expect(await take(randomUUID())).toBe('capped');
      expect((await subject.readItem(keys.mailCount(emailHash, DAY)))?.count).toBe(cap);
    });

    it('counts days and addresses apart', async () => {
      for (let i = 0; i < cap; i++) await take(randomUUID());
      expect(await take(randomUUID())).toBe('capped');
      expect(await take(randomUUID(), { day: '2026-11-27' })).toBe('taken');
      expect(await take(randomUUID(), { hash: hashEmail(uniqueEmail()) })).toBe('taken');
    });

    it('lets exactly `cap` of racing jobs through', async () => {
      const outcomes = await Promise.all(Array.from({ length: cap + 3 }, () => take(randomUUID())));
      expect(outcomes.filter((o) => o === 'taken')).toHaveLength(cap);
      expect(outcomes.filter((o) => o === 'capped')).toHaveLength(3);
    });

    it('keeps a counter that holds no address and expires a few days after its day', async () => {
      const address = uniqueEmail();
      await take(randomUUID(), { hash: hashEmail(address) });
      const item = await subject.readItem(keys.mailCount(hashEmail(address), DAY));
      expect(item).toMatchObject({ entity: 'MailCount', count: 1, expiresAt: Date.parse(`${DAY}T00:00:00Z`) / 1000 + MAIL_COUNT_DAYS * 86400 });
      expect(JSON.stringify(item, (_k, v: unknown) => (v instanceof Set ? [...v] : v))).not.toContain(address);
    });
  });
}
