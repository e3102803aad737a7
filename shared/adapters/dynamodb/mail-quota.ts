/**
 * DynamoDB implementation of MailQuota: one UpdateItem on the day's counter that adds 1 and the
 * job id, on condition that the job is not counted yet and the count is under the cap. A failed
 * condition returns the item (ReturnValuesOnConditionCheckFailure), which tells a retried job
 * (its id is there: it may send) from one over the cap. On the low-level client, whose
 * UpdateItemCommand the effect ledger already brings: the mail consumer's bundle has little room.
 */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mailCount } from '../../db/items';
import { TABLE } from '../../db/table';
import type { MailQuota } from '../../ports/mail-quota';

export function dynamoMailQuota(client: DynamoDBClient, tableName: string): MailQuota {
  return {
    async take({ emailHash, day, jobId, cap }) {
      const { key, set } = mailCount(emailHash, day);
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshall(key),
            UpdateExpression: 'SET #e = :e, #t = :t ADD #n :one, #j :job',
            ConditionExpression: 'NOT contains(#j, :id) AND (attribute_not_exists(#n) OR #n < :cap)',
            ExpressionAttributeNames: { '#e': 'entity', '#t': TABLE.ttlAttribute, '#n': 'count', '#j': 'jobIds' },
            ExpressionAttributeValues: marshall({ ':e': set.entity, ':t': set[TABLE.ttlAttribute], ':one': 1, ':job': new Set([jobId]), ':id': jobId, ':cap': cap }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'taken';
      } catch (error) {
        const e = error as Error & { Item?: { jobIds?: { SS?: string[] } } };
        if (e.name !== 'ConditionalCheckFailedException') throw error;
        return e.Item?.jobIds?.SS?.includes(jobId) ? 'taken' : 'capped';
      }
    },
  };
}
