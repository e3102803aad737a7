/**
 * "Send the e-mail again" through the after-commit path on DynamoDB Local (the outbox harness):
 * the request's resend job reaches the jobs consumer, which records the owner's notice; the mail
 * consumer sends it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { tokenFrom } from '../helpers/capturing-mailer';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { startOutboxHarness, type OutboxHarness } from '../helpers/outbox';
import { validMentor } from '../fixtures/sign-ups';

let table: TestTable;
let hub: OutboxHarness;
const clock = { current: new Date('2026-11-26T10:00:00Z'), now() { return this.current; } };
const mentor = (email: string) => validate(mentorSignUpSchema, { ...validMentor(), email }, 'fr');

beforeAll(async () => {
  table = await createTestTable('resend-outbox');
  hub = await startOutboxHarness(table, clock);
});
afterAll(async () => {
  await hub.stop();
  await table.drop();
});
beforeEach(() => {
  clock.current = new Date(clock.current.getTime() + 24 * 3600 * 1000);
});

describe('a resend request through the consumers', () => {
  it('sends an unverified address one reminder link, which confirms it; a double click or a retry within 15 minutes sends nothing more', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('resend.me@example.org'), locale: 'fr' });
    await hub.resend({ role: 'mentor', email: 'resend.me@example.org', locale: 'fr' });
    await hub.resend({ role: 'mentor', email: 'resend.me@example.org', locale: 'fr' });
    const mails = hub.mailsTo('resend.me@example.org');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('Vous avez déjà commencé votre inscription');
    clock.current = new Date(clock.current.getTime() + 5 * 60_000);
    await hub.resend({ role: 'mentor', email: 'resend.me@example.org', locale: 'fr' });
    expect(hub.mailsTo('resend.me@example.org')).toHaveLength(2);
    expect(await hub.confirm(tokenFrom(mails[1]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
  });

  it('sends nothing for an address nobody signed up with, and dead-letters nothing', async () => {
    await hub.resend({ role: 'mentee', email: 'stranger@example.org', locale: 'en' });
    expect(hub.mailsTo('stranger@example.org')).toEqual([]);
    expect(hub.deadLetters()).toEqual([]);
  });
});
