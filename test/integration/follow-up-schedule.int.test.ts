/** The DynamoDB FollowUpSchedule against its contract, on DynamoDB Local (a fresh table per subject, production error translation). */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpSchedule } from '../../shared/adapters/dynamodb/follow-up-schedule';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { followUpScheduleContract } from '../contract/follow-up-schedule.contract';
import { createTestTable } from '../helpers/dynamodb';

followUpScheduleContract('DynamoDB', async () => {
  const table = await createTestTable('follow-up-schedule');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    schedule: dynamoFollowUpSchedule(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async readItem(key) {
      return (await client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});
