/**
 * DynamoDB implementation of SignUpInbox: the sign-up job is an outbox item keyed by the
 * submission's fingerprint, written with "absent or expired" as its condition (DynamoDB deletes
 * expired items only eventually, DynamoDB Local never). A referred mentee's partner is checked in
 * the same transaction. A resend request is the same kind of item, keyed by its fingerprint. The
 * stream consumer picks the item up.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { outboxItem } from '../../db/items';
import { keys } from '../../db/keys';
import type { OutboxJob } from '../../domain/outbox';
import { TABLE } from '../../db/table';
import type { SignUpInbox } from '../../ports/sign-up-inbox';
import { transact } from './transactions';

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** The outbox item under `fingerprint`, written unless a live one holds the key. */
function conditionalPut(tableName: string, job: OutboxJob, fingerprint: string, nowS: number, memorySeconds: number) {
  return {
    TableName: tableName,
    Item: outboxItem(job, { dedupKey: fingerprint, expiresAt: nowS + memorySeconds }),
    ConditionExpression: 'attribute_not_exists(#pk) OR #ttl < :now',
    ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#ttl': TABLE.ttlAttribute },
    ExpressionAttributeValues: { ':now': nowS },
  };
}

export function dynamoSignUpInbox(db: DynamoDBDocumentClient, tableName: string): SignUpInbox {
  /** One conditional Put: 'repeated' when a live item holds the key. */
  async function putOnce(put: ReturnType<typeof conditionalPut>): Promise<'recorded' | 'repeated'> {
    try {
      await db.send(new PutCommand(put));
      return 'recorded';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'repeated';
      throw error;
    }
  }

  return {
    async submit({ job, fingerprint, now, memorySeconds }) {
      const nowS = epoch(now);
      const put = conditionalPut(tableName, job, fingerprint, nowS, memorySeconds);
      const partnerId = job.role === 'mentee' ? job.signUp.partnerId : undefined;
      if (!partnerId) return putOnce(put);
      const result = await transact(db, {
        job: { Put: put },
        partner: {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.partner(partnerId),
            ConditionExpression: 'attribute_exists(#pk) AND #status = :active',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        },
      });
      if (result.ok) return 'recorded';
      return result.failed.has('partner') ? 'unknown_partner' : 'repeated';
    },
    requestResend({ job, fingerprint, now, memorySeconds }) {
      return putOnce(conditionalPut(tableName, job, fingerprint, epoch(now), memorySeconds));
    },
  };
}
