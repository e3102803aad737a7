/**
 * The in-memory adapters (shared/adapters/memory) against the same contracts as the DynamoDB ones
 * (test/integration/dynamodb-adapters.int.test.ts), plus what only the doubles offer: the inbox's
 * recorded jobs and the mailer's failures on demand.
 */
import { describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryMailQuota } from '../../shared/adapters/memory/mail-quota';
import { memoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryPartnerStore } from '../../shared/adapters/memory/partner-store';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { memoryTable } from '../../shared/adapters/memory/table';
import { effectLedgerContract } from '../contract/effect-ledger.contract';
import { mailQuotaContract } from '../contract/mail-quota.contract';
import { matchingStoreContract } from '../contract/matching-store.contract';
import { partnerStoreContract } from '../contract/partner-store.contract';
import { registrationStoreContract } from '../contract/registration-store.contract';
import { signUpInboxContract } from '../contract/sign-up-inbox.contract';
import { later, signUpJob, T0 } from '../contract/support';

const nothing = async () => undefined;

registrationStoreContract('memory', async () => {
  const table = memoryTable();
  return { store: memoryRegistrationStore(table), readItem: async (key) => table.get(key), cleanup: nothing };
});
matchingStoreContract('memory', async () => {
  const table = memoryTable();
  return {
    store: memoryMatchingStore(table),
    put: async (items) => items.forEach((item) => table.put(item)),
    readItem: async (key) => table.get(key),
    cleanup: nothing,
  };
});
partnerStoreContract('memory', async () => ({ partners: memoryPartnerStore(), cleanup: nothing }));
effectLedgerContract('memory', async () => ({ ledger: memoryEffectLedger(), cleanup: nothing }));
mailQuotaContract('memory', async () => {
  const table = memoryTable();
  return { quota: memoryMailQuota(table), readItem: async (key) => table.get(key), cleanup: nothing };
});
signUpInboxContract('memory', async () => {
  const table = memoryTable();
  return { inbox: memorySignUpInbox(table), partners: memoryPartnerStore(table), cleanup: nothing };
});

describe('memory sign-up inbox', () => {
  it('hands over the recorded jobs in order, as the stream would, and not the repeated ones', async () => {
    const inbox = memorySignUpInbox();
    const [first, repeat, second, again] = [signUpJob(), signUpJob(), signUpJob(), signUpJob()];
    await inbox.submit({ job: first!, fingerprint: 'f1', now: T0, memorySeconds: 600 });
    await inbox.submit({ job: repeat!, fingerprint: 'f1', now: later(60), memorySeconds: 600 });
    await inbox.submit({ job: second!, fingerprint: 'f2', now: later(60), memorySeconds: 600 });
    await inbox.submit({ job: again!, fingerprint: 'f1', now: later(601), memorySeconds: 600 });
    expect(inbox.jobs()).toEqual([first, second, again]);
  });

  it('hands over copies: changing them changes nothing recorded', async () => {
    const inbox = memorySignUpInbox();
    await inbox.submit({ job: signUpJob(), fingerprint: 'f1', now: T0, memorySeconds: 600 });
    inbox.jobs()[0]!.id = 'changed';
    expect(inbox.jobs()[0]!.id).not.toBe('changed');
  });
});

describe('memory mailer', () => {
  const mail = (to: string) => ({ to, subject: 's', text: 't', html: '<p>t</p>', category: 'test' });

  it('keeps what it sends, in order', async () => {
    const mailer = memoryMailer();
    await mailer.send(mail('a@example.org'));
    await mailer.send(mail('b@example.org'));
    expect(mailer.sent.map((m) => m.to)).toEqual(['a@example.org', 'b@example.org']);
  });

  it('fails the next N sends, then delivers again', async () => {
    const mailer = memoryMailer();
    mailer.failNext(2);
    mailer.failNext();
    for (let i = 0; i < 3; i++) await expect(mailer.send(mail('a@example.org'))).rejects.toThrow('SMTP down');
    await mailer.send(mail('a@example.org'));
    expect(mailer.sent).toHaveLength(1);
  });
});
