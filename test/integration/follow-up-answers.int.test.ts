/**
 * The DynamoDB FollowUpAnswers against the FollowUpAnswers contract on DynamoDB Local (the
 * in-memory one: test/unit/follow-up-answers-memory.test.ts): each answer one transaction of
 * UpdateItems on the answer's own attributes and Puts of new items, conditions read by item name.
 * The client carries the production error translation.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpAnswers } from '../../shared/adapters/dynamodb/follow-up-answers';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { queryAll } from '../../shared/adapters/dynamodb/query-all';
import { TABLE } from '../../shared/db/table';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { followUpAnswersContract } from '../contract/follow-up-answers.contract';
import { createTestTable } from '../helpers/dynamodb';

followUpAnswersContract('DynamoDB', async () => {
  const table = await createTestTable('follow-up');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    answers: dynamoFollowUpAnswers(client, table.tableName),
    reads: dynamoFollowUpReads(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    readItem: async (Key) => (await client.send(new GetCommand({ TableName: table.tableName, Key, ConsistentRead: true }))).Item,
    partition: (pk) =>
      queryAll(client, table.tableName, {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});
