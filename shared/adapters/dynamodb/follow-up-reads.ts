/** FollowUpReads on DynamoDB: one Query of the tandem's partition (a few tens of small items). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tandemFromPartition } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import { queryAll } from './query-all';

export function dynamoFollowUpReads(db: DynamoDBDocumentClient, tableName: string): FollowUpReads {
  return {
    async getFollowUp(tandemId) {
      const items = await queryAll(db, tableName, {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.tandemPartition(tandemId) },
      });
      return tandemFromPartition(items);
    },
  };
}
