/**
 * DynamoDB implementation of PersonDirectory: a strongly consistent read of the profile item, with a
 * low-level GetItem (a document client sends it as well): the mail consumer then needs no lib-dynamodb.
 */
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { personFromItem } from '../../db/items';
import { keys } from '../../db/keys';
import type { PersonDirectory } from '../../ports/person-directory';

export function dynamoPersonDirectory(db: DynamoDBClient, tableName: string): PersonDirectory {
  return {
    async get(role, id) {
      const result = await db.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.person(role, id)), ConsistentRead: true }));
      return personFromItem(result.Item && unmarshall(result.Item));
    },
  };
}
