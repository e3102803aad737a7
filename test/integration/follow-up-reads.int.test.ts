/** The DynamoDB FollowUpReads against its contract, on DynamoDB Local (a fresh table per subject, production error translation). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { followUpReadsContract } from '../contract/follow-up-reads.contract';
import { createTestTable } from '../helpers/dynamodb';

followUpReadsContract('DynamoDB', async () => {
  const table = await createTestTable('follow-up-reads');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    reads: dynamoFollowUpReads(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});
