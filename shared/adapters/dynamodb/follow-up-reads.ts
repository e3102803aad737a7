/**
 * FollowUpReads on DynamoDB: one strongly consistent Query of the tandem's partition (a few tens of
 * small items). Consistent: the mail consumer checks the state written in the same transaction as
 * its job (a round sent, an alert open, a tandem closed), and a lagging replica would make it drop
 * the mail as obsolete; the erasure re-reads what it scrubs.
 */
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
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.tandemPartition(tandemId) },
      });
      return tandemFromPartition(items);
    },
  };
}
