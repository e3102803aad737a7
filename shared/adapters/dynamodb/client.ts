/** One DynamoDB document client per container, created at cold start from the table config. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '../../config/runtime-config';
import { makeDynamoDbClient } from './low-level-client';

export { makeDynamoDbClient };

/** The marshalling every writer of the table uses (handlers, local seeds, tests). */
export function toDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function makeDocumentClient(config: Pick<TableConfig, 'endpoint'>): DynamoDBDocumentClient {
  return toDocumentClient(makeDynamoDbClient(config));
}
