/**
 * The DynamoDB MentorAdminStore against its contract on DynamoDB Local (the same describe blocks as
 * the memory one), and the CCI's status changes on it: the jobs a consumer reads, racing officers.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMentorAdminStore } from '../../shared/adapters/dynamodb/mentor-admin';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { availabilityItems, OUTBOX_JOB_ATTRIBUTE, personItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { ConflictError, ServiceUnavailableError } from '../../shared/domain/errors';
import { mailJobSchema } from '../../shared/domain/mail-job';
import type { MentorProfile } from '../../shared/domain/people';
import { makeChangeMentorStatus } from '../../shared/use-cases/admin/change-mentor-status';
import { mentorAdminContract, mentorAt } from '../contract/mentor-admin.contract';
import { createTestTable } from '../helpers/dynamodb';

mentorAdminContract('DynamoDB', async () => {
  const table = await createTestTable('mentor-admin');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    store: dynamoMentorAdminStore(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async readItem(key) {
      return (await client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});

describe('the CCI’s status changes on DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let client: ReturnType<typeof toDocumentClient>;
  beforeEach(async () => {
    table = await createTestTable('mentor-status');
    client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  });
  afterEach(async () => {
    client.destroy();
    await table.drop();
  });
  const clock = { now: () => new Date('2026-12-01T09:00:00.000Z') };
  const seed = async (mentor: MentorProfile) => {
    await Promise.all([personItem(mentor), ...availabilityItems(mentor)].map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    return mentor;
  };
  const outbox = async (kind: string, dedupKey: string) => (await client.send(new GetCommand({ TableName: table.tableName, Key: keys.outbox(kind, dedupKey), ConsistentRead: true }))).Item;

  it('validates with the mail job and the capacity job a consumer can read, then pauses', async () => {
    const store = dynamoMentorAdminStore(client, table.tableName);
    const mentor = await seed(mentorAt(1));
    const change = makeChangeMentorStatus({ store, clock });
    expect((await change({ mentorId: mentor.id, request: { action: 'validate' }, locale: 'fr' })).status).toBe('active');
    const mail = await outbox('mail', `mentor_validated#${mentor.id}`);
    expect(mailJobSchema.parse(mail?.[OUTBOX_JOB_ATTRIBUTE])).toMatchObject({ template: 'mentor_validated', to: { role: 'mentor', personId: mentor.id } });
    expect(await outbox('capacity_appeared', `capacity_appeared#${mentor.id}#${clock.now().toISOString()}`)).toBeDefined();
    expect((await store.listMentors({ status: 'active', limit: 5 })).mentors.map((m) => m.id)).toEqual([mentor.id]);
    await change({ mentorId: mentor.id, request: { action: 'pause' }, locale: 'fr' });
    expect((await store.listMentors({ status: 'paused', limit: 5 })).mentors.map((m) => m.id)).toEqual([mentor.id]);
    for (const entry of availabilityItems({ ...mentor, status: 'active' })) {
      expect((await client.send(new GetCommand({ TableName: table.tableName, Key: { PK: entry.PK, SK: entry.SK } }))).Item).toBeUndefined();
    }
  });

  it('two officers, validate and refuse at once: one wins, the other gets 409 (or retry), never both', async () => {
    const mentor = await seed(mentorAt(1));
    const change = makeChangeMentorStatus({ store: dynamoMentorAdminStore(client, table.tableName), clock });
    const settled = await Promise.allSettled([
      change({ mentorId: mentor.id, request: { action: 'validate' }, locale: 'fr' }),
      change({ mentorId: mentor.id, request: { action: 'refuse', reason: 'Hors périmètre' }, locale: 'fr' }),
    ]);
    const won = settled.filter((s) => s.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = settled.find((s) => s.status === 'rejected')!.reason as Error;
    expect(lost instanceof ConflictError || lost instanceof ServiceUnavailableError).toBe(true);
    if (lost instanceof ConflictError) expect(lost.code).toBe('invalid_transition');
    const validated = settled[0]!.status === 'fulfilled';
    expect(Boolean(await outbox('mail', `mentor_validated#${mentor.id}`))).toBe(validated);
    expect(Boolean(await outbox('mail', `mentor_refused#${mentor.id}`))).toBe(!validated);
  });
});
