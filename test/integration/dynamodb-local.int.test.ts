/**
 * Proves the integration layer stands on a real DynamoDB: the table built from `createTableInput()`
 * carries every index of TABLE, and a transaction whose condition fails writes nothing at all
 * (the invariants of the brief rely on that; a pure-Node emulator would not enforce it).
 */
import { DescribeTableCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_NAMES, projectionOf, TABLE } from '../../shared/db/table';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

describe('DynamoDB Local', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await createTestTable('dynamodb-local');
  });

  afterAll(async () => {
    await table.drop();
  });

  it('creates the table with the key schema, every GSI of TABLE with its projection, and the stream', async () => {
    // Act
    const { Table } = await table.raw.send(new DescribeTableCommand({ TableName: table.tableName }));

    // Assert
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
    expect(Object.keys(indexes).sort()).toEqual([...INDEX_NAMES].sort());
    for (const name of INDEX_NAMES) {
      expect(indexes[name]?.KeySchema).toEqual([
        { AttributeName: TABLE.indexes[name].partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.indexes[name].sortKey, KeyType: 'RANGE' },
      ]);
      expect({ ...indexes[name]?.Projection, NonKeyAttributes: indexes[name]?.Projection?.NonKeyAttributes?.sort() }).toEqual({
        ...projectionOf(name),
        NonKeyAttributes: projectionOf(name).NonKeyAttributes?.sort(),
      });
    }
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: TABLE.stream.viewType });
    expect(Table?.LatestStreamArn).toBeDefined();
  });

  it('writes nothing when one condition of a transaction fails', async () => {
    // Arrange: a mentor with no capacity left.
    const mentor = { PK: 'MENTOR#m1', SK: 'PROFILE', capacityLeft: 0 };
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: mentor }));
    const tandem = { PK: 'TANDEM#t1', SK: 'TANDEM' };

    // Act: create a tandem and take one place from the mentor, in one transaction.
    const attempt = table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table.tableName, Item: tandem, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: table.tableName,
              Key: { PK: mentor.PK, SK: mentor.SK },
              UpdateExpression: 'SET capacityLeft = capacityLeft - :one',
              ConditionExpression: 'capacityLeft >= :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );

    // Assert: cancelled for the second item's condition, and the first item was not written.
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    const written = await table.client.send(new GetCommand({ TableName: table.tableName, Key: { PK: tandem.PK, SK: tandem.SK } }));
    expect(written.Item).toBeUndefined();
    const unchanged = await table.client.send(new GetCommand({ TableName: table.tableName, Key: { PK: mentor.PK, SK: mentor.SK } }));
    expect(unchanged.Item).toEqual(mentor);
  });
});
