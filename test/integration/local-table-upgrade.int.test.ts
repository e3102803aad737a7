/**
 * The local runtime's table upgrade: a `.local/` table made by older code (no stream, every index
 * projecting ALL) is rebuilt with the current definition on start, its items kept.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ensureTable, localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../../shared/db/keys';
import { createTableInput, projectionOf, TABLE } from '../../shared/db/table';

const endpoint = () => inject('dynamoEndpoint');
const tableName = `upgrade-${Date.now().toString(36)}`;
const client = localDynamoDbClient(endpoint());

beforeAll(async () => {
  const current = createTableInput(tableName);
  const { StreamSpecification: _stream, ...old } = current;
  await client.send(
    new CreateTableCommand({ ...old, GlobalSecondaryIndexes: current.GlobalSecondaryIndexes!.map((i) => ({ ...i, Projection: { ProjectionType: 'ALL' } })) }),
  );
  await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.partner('p1'), name: 'Partenaire' }) }));
});
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

describe('ensureTable', () => {
  it('rebuilds an older table with the stream and projections of the current definition, keeping its items', async () => {
    expect(await ensureTable(endpoint(), tableName)).toBe('rebuilt');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: TABLE.stream.viewType });
    expect(Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'GSI3')?.Projection?.ProjectionType).toBe(projectionOf('GSI3').ProjectionType);
    const kept = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.partner('p1')) }));
    expect(kept.Item?.name?.S).toBe('Partenaire');
  });

  it('leaves a table of the current definition alone', async () => {
    expect(await ensureTable(endpoint(), tableName)).toBe('exists');
  });
});
