/** DynamoDB implementation of PersonDirectory: a strongly consistent read of the profile item. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { personFromItem } from '../../db/items';
import { keys } from '../../db/keys';
import type { PersonDirectory } from '../../ports/person-directory';

export function dynamoPersonDirectory(db: DynamoDBDocumentClient, tableName: string): PersonDirectory {
  return {
    async get(role, id) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.person(role, id), ConsistentRead: true }));
      return personFromItem(result.Item);
    },
  };
}
