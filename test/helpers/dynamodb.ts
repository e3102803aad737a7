/**
 * Per-file isolation on the shared DynamoDB Local: each call creates a uniquely named table from
 * the same `createTableInput()` the runtime uses, with a document client bound to it.
 */
import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { inject } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { createTableInput } from '../../shared/db/table';

export interface TestTable {
  tableName: string;
  endpoint: string;
  /** Same marshalling options as the runtime adapter. */
  client: DynamoDBDocumentClient;
  /** The low-level client, for DescribeTable and the like. */
  raw: DynamoDBClient;
  /** Deletes the table and closes the clients; await it in `afterAll`. */
  drop(): Promise<void>;
}

/** Creates a fresh table on the endpoint provided by the global setup. */
export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const raw = localDynamoDbClient(endpoint);
  await raw.send(new CreateTableCommand(createTableInput(tableName)));
  const client = toDocumentClient(raw);
  return {
    tableName,
    endpoint,
    client,
    raw,
    async drop() {
      try {
        await raw.send(new DeleteTableCommand({ TableName: tableName }));
      } finally {
        client.destroy();
      }
    },
  };
}
