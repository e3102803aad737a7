/**
 * DynamoDB implementation of RegistrationStore on the single table. Conditions compare
 * `expiresAt` with the current time because DynamoDB deletes expired items only eventually (and
 * DynamoDB Local never): an expired claim or submission counts as absent.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { keys, KEY_ATTRIBUTES } from '../../db/keys';
import { TABLE } from '../../db/table';
import { SUBMISSION_MEMORY_SECONDS, UNVERIFIED_RETENTION_SECONDS, type Person } from '../../domain/people';
import type { CreateRegistrationOutcome, RegistrationStore } from '../../ports/registration-store';

const TTL = TABLE.ttlAttribute;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
/** Absent, or present but expired. */
const ABSENT_OR_EXPIRED = `attribute_not_exists(#pk) OR #ttl < :now`;

function failedAt(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
}

export function toPerson(item: Record<string, unknown> | undefined): Person | undefined {
  if (!item) return undefined;
  const person: Record<string, unknown> = { ...item };
  for (const k of [...KEY_ATTRIBUTES, TTL, 'entity', 'emailHash']) delete person[k];
  return person as unknown as Person;
}

export function dynamoRegistrationStore(db: DynamoDBDocumentClient, tableName: string): RegistrationStore {
  const names = { '#pk': TABLE.partitionKey, '#ttl': TTL };

  return {
    async create({ person, emailHash, submission, now }) {
      const nowS = epoch(now);
      const expiresAt = nowS + UNVERIFIED_RETENTION_SECONDS;
      const partnerId = person.role === 'mentee' ? person.partnerId : undefined;
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.submission(submission), entity: 'Submission', [TTL]: nowS + SUBMISSION_MEMORY_SECONDS },
            ConditionExpression: ABSENT_OR_EXPIRED,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':now': nowS },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.emailClaim(person.role, emailHash), entity: 'EmailClaim', personId: person.id, [TTL]: expiresAt },
            ConditionExpression: ABSENT_OR_EXPIRED,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':now': nowS },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...person,
              ...keys.person(person.role, person.id),
              ...keys.personIndexes(person.role, person.id, person.status, person.createdAt, partnerId),
              entity: person.role === 'mentor' ? 'Mentor' : 'Mentee',
              emailHash,
              [TTL]: expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
          },
        },
      ];
      if (partnerId) {
        items.push({
          ConditionCheck: {
            TableName: tableName,
            Key: keys.partner(partnerId),
            ConditionExpression: 'attribute_exists(#pk) AND #status = :active',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        });
      }
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (error) {
        const failed = failedAt(error);
        if (!failed) throw error;
        const outcome: CreateRegistrationOutcome | undefined = failed[0]
          ? 'repeated_submission'
          : failed[3]
            ? 'unknown_partner'
            : failed[1]
              ? 'email_taken'
              : undefined;
        if (!outcome) throw error;
        return outcome;
      }
    },

    async rememberSubmission(submission, now) {
      const nowS = epoch(now);
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.submission(submission), entity: 'Submission', [TTL]: nowS + SUBMISSION_MEMORY_SECONDS },
            ConditionExpression: ABSENT_OR_EXPIRED,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':now': nowS },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async forgetSubmission(submission) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: keys.submission(submission) }));
    },

    async findByEmail(role, emailHash, now) {
      const claim = await db.send(new GetCommand({ TableName: tableName, Key: keys.emailClaim(role, emailHash), ConsistentRead: true }));
      const item = claim.Item;
      if (!item || (typeof item[TTL] === 'number' && item[TTL] < epoch(now))) return undefined;
      return this.get(role, String(item.personId));
    },

    async get(role, id) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.person(role, id), ConsistentRead: true }));
      return toPerson(result.Item);
    },

    async takeRepeatNotice({ role, emailHash, now, cooldownSeconds }) {
      const nowS = epoch(now);
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.emailClaim(role, emailHash),
            UpdateExpression: 'SET lastNoticeAt = :now',
            ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(lastNoticeAt) OR lastNoticeAt <= :cutoff)',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
            ExpressionAttributeValues: { ':now': nowS, ':cutoff': nowS - cooldownSeconds },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async extendUnverified({ role, id, emailHash, now }) {
      const nowS = epoch(now);
      const expiresAt = nowS + UNVERIFIED_RETENTION_SECONDS;
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.person(role, id),
                  UpdateExpression: 'SET #ttl = :exp',
                  ConditionExpression: 'attribute_exists(#pk) AND #status = :pending AND #ttl >= :now',
                  ExpressionAttributeNames: { ...names, '#status': 'status' },
                  ExpressionAttributeValues: { ':exp': expiresAt, ':pending': 'pending_verification', ':now': nowS },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.emailClaim(role, emailHash),
                  UpdateExpression: 'SET #ttl = :exp',
                  ConditionExpression: 'personId = :id',
                  ExpressionAttributeNames: { '#ttl': TTL },
                  ExpressionAttributeValues: { ':exp': expiresAt, ':id': id },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (failedAt(error)) return false;
        throw error;
      }
    },

    async confirmEmail({ person, emailHash, nextStatus, tokenId, linkExpiresAt, now }) {
      const { role, id } = person;
      const nowS = epoch(now);
      const verifiedAt = now.toISOString();
      const statusIndex = keys.personStatusIndex(role, id, nextStatus, person.createdAt);
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  // Kept a day past the link's expiry so a replay is recognised as "used", not "invalid".
                  Item: { ...keys.spentLink(tokenId), entity: 'SpentLink', [TTL]: linkExpiresAt + 24 * 3600 },
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.person(role, id),
                  UpdateExpression: 'SET #status = :next, verifiedAt = :at, #g1pk = :g1pk, #g1sk = :g1sk REMOVE #ttl',
                  ConditionExpression: 'attribute_exists(#pk) AND #status = :pending AND #ttl >= :now',
                  ExpressionAttributeNames: {
                    ...names,
                    '#status': 'status',
                    '#g1pk': TABLE.indexes.GSI1.partitionKey,
                    '#g1sk': TABLE.indexes.GSI1.sortKey,
                  },
                  ExpressionAttributeValues: {
                    ':next': nextStatus,
                    ':at': verifiedAt,
                    ':pending': 'pending_verification',
                    ':now': nowS,
                    ':g1pk': statusIndex[TABLE.indexes.GSI1.partitionKey],
                    ':g1sk': statusIndex[TABLE.indexes.GSI1.sortKey],
                  },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.emailClaim(role, emailHash),
                  UpdateExpression: 'REMOVE #ttl',
                  ConditionExpression: 'personId = :id',
                  ExpressionAttributeNames: { '#ttl': TTL },
                  ExpressionAttributeValues: { ':id': id },
                },
              },
            ],
          }),
        );
        return 'verified';
      } catch (error) {
        const failed = failedAt(error);
        if (!failed) throw error;
        if (failed[0]) return 'link_used';
        if (failed[1]) {
          const current = await this.get(role, id);
          return current && current.status !== 'pending_verification' ? 'already_verified' : 'gone';
        }
        return 'gone';
      }
    },
  };
}
