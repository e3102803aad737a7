/**
 * The DynamoDB FollowUpAnswers against the FollowUpAnswers contract on DynamoDB Local (the
 * in-memory one: test/unit/follow-up-answers-memory.test.ts): each answer one transaction of
 * UpdateItems on the answer's own attributes and Puts of new items, conditions read by item name.
 * The client carries the production error translation.
 */
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpAnswers } from '../../shared/adapters/dynamodb/follow-up-answers';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { queryAll } from '../../shared/adapters/dynamodb/query-all';
import { TABLE } from '../../shared/db/table';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { checkInSubject } from '../../shared/links/follow-up-links';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeAnswerFollowUp } from '../../shared/use-cases/answer-follow-up';
import { followUpAnswersContract, followUpItems, followUpTandem } from '../contract/follow-up-answers.contract';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

followUpAnswersContract('DynamoDB', async () => {
  const table = await createTestTable('follow-up');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    answers: dynamoFollowUpAnswers(client, table.tableName),
    reads: dynamoFollowUpReads(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    readItem: async (Key) => (await client.send(new GetCommand({ TableName: table.tableName, Key, ConsistentRead: true }))).Item,
    partition: (pk) =>
      queryAll(client, table.tableName, {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});

describe('answering a check-in through the use case, on DynamoDB Local', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('follow-up-use-case');
  });
  afterAll(async () => {
    await table.drop();
  });

  it('records the answer, its alerts and their mails and re-arms the watch in one transaction; a replay changes nothing', async () => {
    const now = new Date('2026-11-16T09:00:00.000Z');
    const clock = { now: () => now };
    const links = makeLinkSigner({ keys: { getKeys: async () => ({ current: new Uint8Array(32).fill(5) }) }, clock });
    const tandem = followUpTandem({ partnerId: 'p-workup' });
    await Promise.all(followUpItems(tandem).map((Item) => table.client.send(new PutCommand({ TableName: table.tableName, Item }))));
    const answerFollowUp = makeAnswerFollowUp({
      reads: dynamoFollowUpReads(table.client, table.tableName),
      answers: dynamoFollowUpAnswers(table.client, table.tableName),
      links,
      clock,
      settings: FOLLOW_UP_DEFAULTS,
    });
    const { token } = await links.sign('check_in', checkInSubject(tandem.id, 1, 'mentor'), 30 * 86400);
    const answer = { kind: 'first' as const, firstMeetingHeld: false, fit: 'not_a_good_fit' as const, needsHelp: true };
    expect(await answerFollowUp({ token, answer })).toEqual({ status: 'recorded' });

    const everything = async () => (await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }))).Items ?? [];
    const after = await everything();
    const jobs = after.filter((item) => item.entity === 'Outbox').map((item) => item.job as { to: unknown; alert: string });
    expect(jobs.map(({ to, alert }) => ({ to, alert })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { to: { partnerId: 'p-workup' }, alert: 'help_requested' },
      { to: { programme: true }, alert: 'help_requested' },
      { to: { programme: true }, alert: 'not_a_good_fit' },
    ]);
    const followUp = (await dynamoFollowUpReads(table.client, table.tableName).getFollowUp(tandem.id))!;
    expect(followUp.rounds[0]!.answers.mentor).toEqual({ ...answer, answeredAt: now.toISOString() });
    expect(followUp.alerts.map((a) => a.kind).sort()).toEqual(['help_requested', 'not_a_good_fit']);
    expect(followUp.watch).toEqual({ tandemId: tandem.id, dueAt: '2027-01-15T09:00:00.000Z', armed: true });

    expect(await answerFollowUp({ token, answer })).toEqual({ status: 'already_answered' });
    expect(await everything()).toEqual(after);
  });
});
