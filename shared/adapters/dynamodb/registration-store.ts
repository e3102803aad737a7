/**
 * DynamoDB implementation of RegistrationStore on the single table. Items come from the item
 * builders (shared/db/items.ts); status changes from the transition function. Conditions compare
 * `expiresAt` with the current time because DynamoDB deletes expired items only eventually (and
 * DynamoDB Local never): an expired claim counts as absent.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { emailClaimItem, JOB_ITEM_SECONDS, outboxItem, personItem, personTransition, spentLinkItem } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { RecordedMail, RegistrationStore } from '../../ports/registration-store';
import { dynamoPersonDirectory } from './person-directory';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

const TTL = TABLE.ttlAttribute;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

export function dynamoRegistrationStore(db: DynamoDBDocumentClient, tableName: string): RegistrationStore {
  const names = { '#pk': TABLE.partitionKey, '#ttl': TTL };
  const people = dynamoPersonDirectory(db, tableName);

  /** A mail job recorded with the change; its dedup key makes a replayed job's mail one item. */
  const mailPut = (mail: RecordedMail, nowS: number) => ({
    Put: {
      TableName: tableName,
      Item: outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: nowS + JOB_ITEM_SECONDS }),
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
    },
  });

  return {
    async create({ person, emailHash, now, retentionSeconds, mail }) {
      const nowS = epoch(now);
      const expiresAt = nowS + retentionSeconds;
      const result = await transact(db, {
        claim: {
          Put: {
            TableName: tableName,
            Item: emailClaimItem({ role: person.role, emailHash, personId: person.id, expiresAt }),
            ConditionExpression: 'attribute_not_exists(#pk) OR #ttl < :now',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':now': nowS },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        profile: {
          Put: {
            TableName: tableName,
            Item: personItem(person, { expiresAt }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
          },
        },
        mail: mailPut(mail, nowS),
      });
      if (result.ok) return 'created';
      // The claim already names this person: this very sign-up was processed before.
      if (result.failed.has('claim')) return result.current.claim?.personId === person.id ? 'already_created' : 'email_taken';
      return 'already_created';
    },

    async findByEmail(role, emailHash, now) {
      const claim = await db.send(new GetCommand({ TableName: tableName, Key: keys.emailClaim(role, emailHash), ConsistentRead: true }));
      const item = claim.Item;
      if (!item || (typeof item[TTL] === 'number' && item[TTL] < epoch(now))) return undefined;
      return this.get(role, String(item.personId));
    },

    get: people.get,

    async notifyOwner({ role, emailHash, now, cooldownSeconds, noticeId, extend, mail }) {
      const nowS = epoch(now);
      const expiresAt = extend ? nowS + extend.retentionSeconds : undefined;
      const result = await transact(db, {
        claim: {
          Update: {
            TableName: tableName,
            Key: keys.emailClaim(role, emailHash),
            UpdateExpression: `SET lastNoticeAt = :now, lastNoticeId = :notice${extend ? ', #ttl = :exp' : ''}`,
            ConditionExpression:
              'attribute_exists(#pk) AND (attribute_not_exists(#ttl) OR #ttl >= :now) AND ' +
              '(attribute_not_exists(lastNoticeAt) OR lastNoticeAt <= :cutoff OR lastNoticeId = :notice)' +
              (extend ? ' AND personId = :person' : ''),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: {
              ':now': nowS,
              ':cutoff': nowS - cooldownSeconds,
              ':notice': noticeId,
              ...(extend ? { ':exp': expiresAt, ':person': extend.personId } : {}),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        profile: extend
          ? {
              Update: {
                TableName: tableName,
                Key: keys.person(role, extend.personId),
                UpdateExpression: 'SET #ttl = :exp',
                ConditionExpression: 'attribute_exists(#pk) AND #status = :pending AND #ttl >= :now',
                ExpressionAttributeNames: { ...names, '#status': 'status' },
                ExpressionAttributeValues: { ':exp': expiresAt, ':pending': 'pending_verification', ':now': nowS },
              },
            }
          : undefined,
        mail: mailPut(mail, nowS),
      });
      if (result.ok) return 'notified';
      if (result.failed.has('mail')) return 'already_notified';
      if (result.failed.has('profile')) return 'changed';
      const claim = result.current.claim;
      const live = claim !== undefined && (typeof claim[TTL] !== 'number' || (claim[TTL] as number) >= nowS);
      return live && (!extend || claim.personId === extend.personId) ? 'cooldown' : 'changed';
    },

    async confirmEmail({ person, emailHash, nextStatus, tokenId, linkExpiresAt, now, startMatching }) {
      const { role, id } = person;
      const nowS = epoch(now);
      const transition = personTransition(person, nextStatus);
      const attempt = startMatching ? { matchingAttempt: startMatching.job.attempt } : {};
      const update = updateExpression({ set: { ...transition.set, ...attempt, verifiedAt: now.toISOString() }, remove: [...transition.remove, TTL] });
      const result = await transact(db, {
        // Kept a day past the link's expiry so a replay is recognised as "used", not "invalid".
        link: {
          Put: {
            TableName: tableName,
            Item: spentLinkItem(tokenId, linkExpiresAt + 24 * 3600),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
          },
        },
        profile: {
          Update: {
            TableName: tableName,
            Key: keys.person(role, id),
            UpdateExpression: update.expression,
            ConditionExpression: 'attribute_exists(#pk) AND #status = :pending AND #ttl >= :now',
            ExpressionAttributeNames: { ...update.names, ...names, '#status': 'status' },
            ExpressionAttributeValues: { ...update.values, ':pending': 'pending_verification', ':now': nowS },
          },
        },
        claim: {
          Update: {
            TableName: tableName,
            Key: keys.emailClaim(role, emailHash),
            UpdateExpression: 'REMOVE #ttl',
            ConditionExpression: 'personId = :id',
            ExpressionAttributeNames: { '#ttl': TTL },
            ExpressionAttributeValues: { ':id': id },
          },
        },
        // The mentee's first matching attempt starts after commit (the jobs consumer starts its execution).
        start: startMatching
          ? {
              Put: {
                TableName: tableName,
                Item: outboxItem(startMatching.job, { dedupKey: startMatching.dedupKey, expiresAt: nowS + JOB_ITEM_SECONDS }),
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
              },
            }
          : undefined,
      });
      if (result.ok) return 'verified';
      if (result.failed.has('link')) return 'link_used';
      if (result.failed.has('profile')) {
        const current = await this.get(role, id);
        return current && current.status !== 'pending_verification' ? 'already_verified' : 'gone';
      }
      return 'gone';
    },
  };
}
