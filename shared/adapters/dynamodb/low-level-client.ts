/**
 * The low-level DynamoDB client, apart from the document client (client.ts): lib-dynamodb is not
 * marked free of side effects, so importing it brings all its commands into a bundle. The mail
 * consumer, which uses only low-level commands, imports this module and carries none of it (~4 KB).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableConfig } from '../../config/runtime-config';
import { withErrorTranslation } from '../aws-errors';

/** The low-level client, with transient errors translated into domain errors (see aws-errors.ts). */
export function makeDynamoDbClient(config: Pick<TableConfig, 'endpoint'>): DynamoDBClient {
  return withErrorTranslation(new DynamoDBClient(config.endpoint ? { endpoint: config.endpoint } : {}), 'DynamoDB');
}
