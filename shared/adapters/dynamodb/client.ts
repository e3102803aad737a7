/** One DynamoDB document client per container, created at cold start from the table config. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '../../config/runtime-config';
import { withErrorTranslation } from '../aws-errors';

/** The marshalling every writer of the table uses (handlers, local seeds, tests). */
export function toDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** The low-level client, with transient errors translated into domain errors (see aws-errors.ts). */
export function makeDynamoDbClient(config: Pick<TableConfig, 'endpoint'>): DynamoDBClient {
  return withErrorTranslation(new DynamoDBClient(config.endpoint ? { endpoint: config.endpoint } : {}), 'DynamoDB');
}

export function makeDocumentClient(config: Pick<TableConfig, 'endpoint'>): DynamoDBDocumentClient {
  return toDocumentClient(makeDynamoDbClient(config));
}
