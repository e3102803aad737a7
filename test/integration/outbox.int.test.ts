/**
 * The after-commit path (transactional outbox) on DynamoDB Local: retries, idempotent delivery,
 * dead letters, the stream filter and a restart of the consumer — the promises docs/outbox.md makes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { OUTBOX_CONSUMER_POLICY } from '../../shared/db/outbox-stream';
import { hashEmail } from '../../shared/domain/fingerprints';
import { MAILS_PER_ADDRESS_PER_DAY } from '../../shared/domain/mail-job';
import type { OutboxJob } from '../../shared/domain/outbox';
import { mentorSignUpSchema, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { lambdaContext } from '../helpers/api-event';
import { tokenFrom } from '../helpers/capturing-mailer';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { startOutboxHarness, type OutboxHarness } from '../helpers/outbox';
import { validMentor } from '../fixtures/sign-ups';

let table: TestTable;
let hub: OutboxHarness;
const clock = { current: new Date('2026-11-26T10:00:00Z'), now() { return this.current; } };
const mentor = (email: string, overrides: Partial<Record<keyof MentorSignUp, unknown>> = {}): MentorSignUp =>
  validate(mentorSignUpSchema, { ...validMentor(), email, ...overrides }, 'fr');
const attempts = OUTBOX_CONSUMER_POLICY.maxRetryAttempts + 1;

beforeAll(async () => {
  table = await createTestTable('outbox');
  hub = await startOutboxHarness(table, clock);
});
afterAll(async () => {
  await hub.stop();
  await table.drop();
});
beforeEach(() => {
  clock.current = new Date(clock.current.getTime() + 24 * 3600 * 1000);
});

describe('the after-commit consumers', () => {
  it('records the verification mail in the sign-up transaction and sends it from the mail consumer', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('two.hops@example.org'), locale: 'fr' });
    const kinds = (name: 'jobs' | 'mail') =>
      hub.events[name].flatMap((e) => e.Records).map((r) => unmarshall(r.dynamodb!.NewImage as Record<string, AttributeValue>).kind as string);
    expect(new Set(kinds('jobs'))).toEqual(new Set(['sign_up']));
    expect(new Set(kinds('mail'))).toEqual(new Set(['mail']));
    expect(hub.mailsTo('two.hops@example.org')).toHaveLength(1);
  });

  it('retries a mail that failed and delivers it once', async () => {
    hub.mailer.failNext();
    hub.mailer.failNext();
    await hub.register({ role: 'mentor', signUp: mentor('flaky.smtp@example.org'), locale: 'fr' });
    expect(hub.mailsTo('flaky.smtp@example.org')).toHaveLength(1);
    expect(hub.deadLetters()).toHaveLength(0);
    // The link works: the profile was written once, by the sign-up's transaction.
    expect(await hub.confirm(tokenFrom(hub.mailsTo('flaky.smtp@example.org')[0]))).toMatchObject({ personStatus: 'pending_validation' });
  });

  it('sends nothing twice when the same stream records are delivered again (replay, retried batch)', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('replayed@example.org'), locale: 'fr' });
    const signUps = hub.events.jobs.flatMap((e) => e.Records).filter((r) => JSON.stringify(r).includes('replayed@example.org'));
    expect(signUps).toHaveLength(1);
    expect((await hub.consumers.jobs({ Records: signUps }, lambdaContext)).batchItemFailures).toEqual([]);
    await hub.drain();
    const mails = hub.events.mail.flatMap((e) => e.Records);
    expect((await hub.consumers.mail({ Records: mails }, lambdaContext)).batchItemFailures).toEqual([]);
    expect(hub.mailsTo('replayed@example.org')).toHaveLength(1);
    expect(hub.events.mail.flatMap((e) => e.Records)).toHaveLength(mails.length); // the replayed sign-up recorded no second mail
  });

  it('dead-letters a mail that keeps failing, after the bounded retries; its reservation stands only with it', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('owner@example.org'), locale: 'fr' });
    const before = hub.deadLetters().length;
    for (let i = 0; i < attempts; i++) hub.mailer.failNext();
    await hub.register({ role: 'mentor', signUp: mentor('owner@example.org', { capacity: 3 }), locale: 'fr' });
    expect(hub.deadLetters().length).toBe(before + 1);
    const letter = hub.deadLetters().filter((d) => d.consumer === 'SendMail').at(-1);
    expect(letter).toMatchObject({ reason: 'retries_exhausted', attempts });
    expect(JSON.stringify(letter)).not.toContain('owner@example.org');
    // The reservation was recorded with the mail job, in one transaction.
    const claim = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.emailClaim('mentor', hashEmail('owner@example.org')) }));
    expect(claim.Item?.lastNoticeAt).toBeDefined();
    const mailJob = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.outbox('mail', `${claim.Item!.lastNoticeId}.notice`) }));
    expect(mailJob.Item?.job).toMatchObject({ template: 'verify_email', reminder: true });
    // After the cooldown, the person's next attempt gets the reminder.
    clock.current = new Date(clock.current.getTime() + 16 * 60 * 1000);
    await hub.register({ role: 'mentor', signUp: mentor('owner@example.org', { capacity: 4 }), locale: 'fr' });
    expect(hub.mailsTo('owner@example.org').map((m) => m.text.includes('déjà commencé'))).toEqual([false, true]);
  });

  it('sends one address at most MAILS_PER_ADDRESS_PER_DAY mails a day: the job past it is done, capped, not retried', async () => {
    const N = MAILS_PER_ADDRESS_PER_DAY;
    const start = clock.current;
    const deadLetters = hub.deadLetters().length;
    await hub.register({ role: 'mentor', signUp: mentor('many.sign-ups@example.org'), locale: 'fr' });
    for (let i = 1; i <= N; i++) {
      clock.current = new Date(start.getTime() + i * 16 * 60_000); // past the 15-minute cooldown
      await hub.register({ role: 'mentor', signUp: mentor('many.sign-ups@example.org', { capacity: (i % 5) + 1, bio: `attempt ${i}` }), locale: 'fr' });
    }
    expect(hub.mailsTo('many.sign-ups@example.org')).toHaveLength(N);
    expect(hub.deadLetters()).toHaveLength(deadLetters);
    const counter = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.mailCount(hashEmail('many.sign-ups@example.org'), start.toISOString().slice(0, 10)), ConsistentRead: true }));
    expect(counter.Item).toMatchObject({ count: N });
  });

  it('dead-letters a malformed job without blocking the records behind it', async () => {
    const malformed = { kind: 'sign_up', id: 'not-a-uuid', role: 'mentor' } as unknown as OutboxJob;
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: outboxItem(malformed, { dedupKey: 'poison', expiresAt: 4102444800 }) }));
    await hub.register({ role: 'mentor', signUp: mentor('behind.poison@example.org'), locale: 'fr' });
    expect(hub.deadLetters().filter((d) => d.consumer === 'ConsumeOutbox').at(-1)).toMatchObject({ reason: 'retries_exhausted', keys: { PK: { S: keys.outbox('sign_up', 'poison').PK } } });
    expect(hub.mailsTo('behind.poison@example.org')).toHaveLength(1);
  });

  it('hands each consumer its own job kinds only (profiles, claims and idempotency records are filtered out)', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('filtered@example.org'), locale: 'fr' });
    for (const [name, kind] of [['jobs', 'sign_up'], ['mail', 'mail']] as const) {
      const images = hub.events[name].flatMap((e) => e.Records).map((r) => unmarshall(r.dynamodb!.NewImage as Record<string, AttributeValue>));
      expect(new Set(images.map((i) => `${i.entity}/${i.kind}`))).toEqual(new Set([`Outbox/${kind}`]));
    }
  });
});

describe('a restarted consumer', () => {
  it('delivers what was committed while it was stopped, and nothing twice', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'tandem-outbox-'));
    const own = await createTestTable('restart');
    try {
      const first = await startOutboxHarness(own, clock, { stateDir });
      await first.register({ role: 'mentor', signUp: mentor('before.stop@example.org'), locale: 'fr' });
      await first.stop();
      expect(JSON.parse(await readFile(join(stateDir, 'jobs.json'), 'utf8')).shards).not.toEqual({});

      await first.submit({ role: 'mentor', signUp: mentor('while.stopped@example.org'), locale: 'fr' });
      expect(first.mailsTo('while.stopped@example.org')).toHaveLength(0);

      const second = await startOutboxHarness(own, clock, { stateDir });
      await second.drain();
      await second.stop();
      expect(second.mailsTo('while.stopped@example.org')).toHaveLength(1);
      expect(second.mailsTo('before.stop@example.org')).toHaveLength(0);
    } finally {
      await own.drop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
