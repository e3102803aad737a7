/** The DynamoDB BackOfficeReads against its contract, on DynamoDB Local (a fresh table per subject, production error translation). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { dynamoBackOfficeReads } from '../../shared/adapters/dynamodb/back-office-reads';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { backOfficeReadsContract } from '../contract/back-office-reads.contract';
import { createTestTable } from '../helpers/dynamodb';

backOfficeReadsContract('DynamoDB', async () => {
  const table = await createTestTable('back-office');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    reads: dynamoBackOfficeReads(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});
