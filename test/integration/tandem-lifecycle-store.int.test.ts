/** The DynamoDB TandemLifecycleStore against its contract, on DynamoDB Local (a fresh table per subject, production error translation). */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoTandemLifecycleStore } from '../../shared/adapters/dynamodb/tandem-lifecycle-store';
import { TABLE } from '../../shared/db/table';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { tandemLifecycleStoreContract } from '../contract/tandem-lifecycle-store.contract';
import { createTestTable } from '../helpers/dynamodb';

tandemLifecycleStoreContract('DynamoDB', async () => {
  const table = await createTestTable('lifecycle');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    store: dynamoTandemLifecycleStore(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async get(key) {
      return (await client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
    },
    async partition(pk) {
      const out = await client.send(
        new QueryCommand({ TableName: table.tableName, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': TABLE.partitionKey }, ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
      );
      return out.Items ?? [];
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});
