/**
 * The DynamoDB CohortStore against the CohortStore contract on DynamoDB Local (the in-memory one:
 * test/unit/cohort-store-memory.test.ts): conditional revisions, a publication started once of
 * racing starts, its lease. The client carries the production error translation.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoCohortStore } from '../../shared/adapters/dynamodb/cohort-store';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { cohortStoreContract } from '../contract/cohort-store.contract';
import { createTestTable } from '../helpers/dynamodb';

cohortStoreContract('DynamoDB', async () => {
  const table = await createTestTable('cohorts');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    cohorts: dynamoCohortStore(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});
