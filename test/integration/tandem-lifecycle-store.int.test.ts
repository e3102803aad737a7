/**
 * The DynamoDB TandemLifecycleStore against its contract, on DynamoDB Local (a fresh table per
 * subject, production error translation); and the close through the use case with a change landing
 * between its read and its transaction (the scan below is a test's look at its own table).
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoTandemLifecycleStore } from '../../shared/adapters/dynamodb/tandem-lifecycle-store';
import { availabilityItems, ENTITY, OUTBOX_JOB_ATTRIBUTE, personItem, silenceWatchItem, tandemAlertItem, tandemItem } from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { mailJobSchema } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import { capacityAppearedJobSchema, startMatchingJobSchema } from '../../shared/domain/matching-jobs';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { tandemLifecycleStoreContract } from '../contract/tandem-lifecycle-store.contract';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

tandemLifecycleStoreContract('DynamoDB', async () => {
  const table = await createTestTable('lifecycle');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    store: dynamoTandemLifecycleStore(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async get(key) {
      return (await client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
    },
    async partition(pk) {
      const out = await client.send(
        new QueryCommand({ TableName: table.tableName, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': TABLE.partitionKey }, ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
      );
      return out.Items ?? [];
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});

describe('closing a tandem on DynamoDB Local, through the use case', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('lifecycle-close');
  });
  afterAll(async () => {
    await table.drop();
  });

  it('a silence flagged between the read and the write makes the close read again and resolve that alert too; the jobs are valid', async () => {
    const mentor = mentorProfile({ activeMentees: 1 });
    const mentee = menteeProfile({ status: 'in_tandem' });
    const tandem: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, track: 'business_creation', status: 'active', startedAt: '2026-09-01T09:00:00.000Z', attempt: 1 };
    const seed = [personItem(mentor), ...availabilityItems(mentor), personItem({ ...mentee, tandemId: tandem.id }), tandemItem(tandem), silenceWatchItem({ tandemId: tandem.id, dueAt: '2026-10-31T09:00:00.000Z', armed: true })];
    await Promise.all(seed.map((Item) => table.client.send(new PutCommand({ TableName: table.tableName, Item }))));
    // The silence job's transaction lands just before the close's first one (a real write, on the same table).
    let raced = false;
    const racing = new Proxy(table.client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
        return async (command: { constructor: { name: string } }) => {
          if (command.constructor.name === 'TransactWriteCommand' && !raced) {
            raced = true;
            await target.send(new PutCommand({ TableName: table.tableName, Item: silenceWatchItem({ tandemId: tandem.id, dueAt: '2026-10-31T09:00:00.000Z', armed: false }) }));
            await target.send(new PutCommand({ TableName: table.tableName, Item: tandemAlertItem({ tandemId: tandem.id, kind: 'silent', raisedAt: '2026-11-30T08:00:00.000Z', raisedBy: 'system', status: 'open' }) }));
          }
          return target.send(command as never);
        };
      },
    });
    const now = new Date('2026-12-01T10:00:00.000Z');
    const closeTandem = makeCloseTandem({ store: dynamoTandemLifecycleStore(racing, table.tableName), clock: { now: () => now }, settings: { closedTandemRetentionDays: 1095 } });

    const result = await closeTandem({ tandemId: tandem.id, status: 'ended_early', reason: 'mentor_unavailable', by: 'cci' });

    expect(result).toMatchObject({ outcome: 'closed', rematch: true });
    const get = async (key: Key) => (await table.client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
    expect(await get(keys.tandemAlert(tandem.id, 'silent'))).toMatchObject({ status: 'resolved' });
    expect(await get(keys.tandemAlert(tandem.id, 'silent'))).not.toHaveProperty(TABLE.indexes.GSI1.partitionKey);
    expect(await get(keys.person('mentor', mentor.id))).toMatchObject({ activeMentees: 0 });
    expect(await get(keys.person('mentee', mentee.id))).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, endedWith: [mentor.id] });
    const jobs = (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items!.filter((i) => i.entity === ENTITY.outbox).map((i) => i[OUTBOX_JOB_ATTRIBUTE] as { kind: string });
    expect(jobs.map((j) => j.kind).sort()).toEqual(['capacity_appeared', 'mail', 'mail', 'start_matching']);
    for (const job of jobs) {
      const schema = job.kind === 'mail' ? mailJobSchema : job.kind === 'start_matching' ? startMatchingJobSchema : capacityAppearedJobSchema;
      expect(schema.safeParse(job).success).toBe(true);
    }
  });
});
