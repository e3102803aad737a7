/** One DynamoDB document client per container, created at cold start from the table config. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '../../config/runtime-config';

export function makeDocumentClient(config: Pick<TableConfig, 'endpoint'>): DynamoDBDocumentClient {
  const client = new DynamoDBClient(config.endpoint ? { endpoint: config.endpoint } : {});
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
