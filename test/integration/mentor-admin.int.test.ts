/** The DynamoDB MentorAdminStore against its contract on DynamoDB Local (the same describe blocks as the memory one). */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMentorAdminStore } from '../../shared/adapters/dynamodb/mentor-admin';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { mentorAdminContract } from '../contract/mentor-admin.contract';
import { createTestTable } from '../helpers/dynamodb';

mentorAdminContract('DynamoDB', async () => {
  const table = await createTestTable('mentor-admin');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    store: dynamoMentorAdminStore(client, table.tableName),
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
