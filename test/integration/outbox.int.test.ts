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

describe('the after-commit consumer', () => {
  it('retries a mail that failed and delivers it once', async () => {
    hub.mailer.failNext();
    hub.mailer.failNext();
    await hub.register({ role: 'mentor', signUp: mentor('flaky.smtp@example.org'), locale: 'fr' });
    expect(hub.mailsTo('flaky.smtp@example.org')).toHaveLength(1);
    expect(hub.poller.deadLetters).toHaveLength(0);
    // The link works: the profile was written once, by the first attempt's transaction.
    expect(await hub.confirm(tokenFrom(hub.mailsTo('flaky.smtp@example.org')[0]))).toMatchObject({ personStatus: 'pending_validation' });
  });

  it('sends nothing twice when the same stream record is delivered again (replay, retried batch)', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('replayed@example.org'), locale: 'fr' });
    const delivered = hub.events.flatMap((e) => e.Records).filter((r) => JSON.stringify(r).includes('replayed@example.org'));
    expect(delivered).toHaveLength(1);
    const response = await hub.consumer({ Records: delivered }, lambdaContext);
    expect(response.batchItemFailures).toEqual([]);
    expect(hub.mailsTo('replayed@example.org')).toHaveLength(1);
  });

  it('dead-letters a mail that keeps failing, after the bounded retries, and sets no cooldown for it', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('owner@example.org'), locale: 'fr' });
    const before = hub.poller.deadLetters.length;
    for (let i = 0; i < attempts; i++) hub.mailer.failNext();
    await hub.register({ role: 'mentor', signUp: mentor('owner@example.org', { capacity: 3 }), locale: 'fr' });
    expect(hub.poller.deadLetters.length).toBe(before + 1);
    expect(hub.poller.deadLetters.at(-1)).toMatchObject({ reason: 'retries_exhausted', attempts });
    expect(JSON.stringify(hub.poller.deadLetters.at(-1))).not.toContain('owner@example.org');
    const claim = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.emailClaim('mentor', hashEmail('owner@example.org')) }));
    expect(claim.Item?.lastNoticeAt).toBeUndefined();
    // So the next attempt of the person gets the reminder at once, not in 15 minutes.
    await hub.register({ role: 'mentor', signUp: mentor('owner@example.org', { capacity: 4 }), locale: 'fr' });
    expect(hub.mailsTo('owner@example.org').map((m) => m.text.includes('déjà commencé'))).toEqual([false, true]);
  });

  it('dead-letters a malformed job without blocking the records behind it', async () => {
    const malformed = { kind: 'sign_up', id: 'not-a-uuid', role: 'mentor' } as unknown as OutboxJob;
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: outboxItem(malformed, { dedupKey: 'poison', expiresAt: 4102444800 }) }));
    await hub.register({ role: 'mentor', signUp: mentor('behind.poison@example.org'), locale: 'fr' });
    expect(hub.poller.deadLetters.at(-1)).toMatchObject({ reason: 'retries_exhausted', keys: { PK: { S: keys.outbox('sign_up', 'poison').PK } } });
    expect(hub.mailsTo('behind.poison@example.org')).toHaveLength(1);
  });

  it('hands the consumer outbox items only (profiles, claims and idempotency records are filtered out)', async () => {
    await hub.register({ role: 'mentor', signUp: mentor('filtered@example.org'), locale: 'fr' });
    const entities = hub.events.flatMap((e) => e.Records).map((r) => unmarshall(r.dynamodb!.NewImage as Record<string, AttributeValue>).entity);
    expect(new Set(entities)).toEqual(new Set(['Outbox']));
  });
});

describe('a restarted consumer', () => {
  it('delivers what was committed while it was stopped, and nothing twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-outbox-'));
    const checkpointFile = join(dir, 'stream-checkpoints.json');
    const own = await createTestTable('restart');
    try {
      const first = await startOutboxHarness(own, clock, { checkpointFile });
      await first.register({ role: 'mentor', signUp: mentor('before.stop@example.org'), locale: 'fr' });
      await first.stop();
      expect(JSON.parse(await readFile(checkpointFile, 'utf8')).shards).not.toEqual({});

      await first.submit({ role: 'mentor', signUp: mentor('while.stopped@example.org'), locale: 'fr' });
      expect(first.mailsTo('while.stopped@example.org')).toHaveLength(0);

      const second = await startOutboxHarness(own, clock, { checkpointFile });
      await second.poller.drain();
      await second.stop();
      expect(second.mailsTo('while.stopped@example.org')).toHaveLength(1);
      expect(second.mailsTo('before.stop@example.org')).toHaveLength(0);
    } finally {
      await own.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
