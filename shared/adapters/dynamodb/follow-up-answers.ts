/**
 * DynamoDB implementation of FollowUpAnswers. Each answer is one transaction of UpdateItems on the
 * attributes the answer owns (the jobs write the same round and survey items: a Put would erase
 * their `status`, `sentAt`, `remindedAt` and queue entries) and Puts of new items (the spent link,
 * alerts, mail jobs). Conditions are taken on what was read (the round's and the watch's state):
 * a refused transaction is decided again from a fresh read — already answered, closed, gone — and
 * a change meanwhile (the silence job flagged the tandem, the CCI resolved the alert) is retried,
 * never overwritten. A spent link fails its own condition: `already_answered` at once.
 */
import { GetCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { JOB_ITEM_SECONDS, outboxItem, silenceWatchItem, spentLinkItem, tandemAlertItem, type Item, followUpLeavesQueue } from '../../db/items';
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { ServiceUnavailableError } from '../../domain/errors';
import type { FollowUpAnswers } from '../../ports/follow-up-answers';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PK = TABLE.partitionKey;
const SK = TABLE.sortKey;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
/** Decisions made again after a refused transaction whose cause changed meanwhile; then "retry". */
const ROUNDS = 4;

export function dynamoFollowUpAnswers(db: DynamoDBDocumentClient, tableName: string): FollowUpAnswers {
  const get = async (key: Key): Promise<Item | undefined> => (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  const spentLink = (link: { tokenId: string; expiresAt: number }): TransactItem => ({
    Put: { TableName: tableName, Item: spentLinkItem(link.tokenId, link.expiresAt), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } },
  });

  /**
   * `SET <map>.<entry> = :value`, conditioned on the entry being absent. A map the item does not
   * have yet is set whole (DynamoDB refuses a path into a missing map), conditioned on its absence.
   */
  const setEntry = (map: string, entry: string, value: unknown, hasMap: boolean): { set: string; condition: string; names: Record<string, string>; values: Item } =>
    hasMap
      ? { set: `#map.#entry = :entry`, condition: 'attribute_not_exists(#map.#entry)', names: { '#map': map, '#entry': entry }, values: { ':entry': value } }
      : { set: '#map = :map', condition: 'attribute_not_exists(#map)', names: { '#map': map }, values: { ':map': { [entry]: value } } };

  return {
    async answerCheckIn({ tandemId, seq, role, answer, link, silentAt, alerts, mails }) {
      const now = new Date(answer.answeredAt);
      for (let round = 0; round < ROUNDS; round++) {
        const [tandem, stored, watch, silent] = await Promise.all([
          get(keys.tandem(tandemId)),
          get(keys.checkInRound(tandemId, seq)),
          get(keys.silenceWatch(tandemId)),
          get(keys.tandemAlert(tandemId, 'silent')),
        ]);
        if (!tandem || !stored) return 'not_found';
        const answers = stored.answers as Record<string, unknown> | undefined;
        if (answers?.[role] !== undefined) return 'already_answered';
        if (tandem.status !== 'active' || stored.status !== 'sent') return 'closed';

        const entry = setEntry('answers', role, answer, answers !== undefined);
        const watchItem = silenceWatchItem({ tandemId, dueAt: silentAt, armed: true });
        const { [PK]: _pk, [SK]: _sk, ...watchSet } = watchItem;
        const watchChange = updateExpression({ set: watchSet });
        const resolve = updateExpression(followUpLeavesQueue({ status: 'resolved', resolvedAt: answer.answeredAt }));
        const result = await transact(db, {
          round: {
            Update: {
              TableName: tableName,
              Key: keys.checkInRound(tandemId, seq),
              UpdateExpression: `SET ${entry.set}`,
              ConditionExpression: `attribute_exists(#pk) AND #status = :sent AND ${entry.condition}`,
              ExpressionAttributeNames: { '#pk': PK, '#status': 'status', ...entry.names },
              ExpressionAttributeValues: { ':sent': 'sent', ...entry.values },
            },
          },
          tandem: {
            Update: {
              TableName: tableName,
              Key: keys.tandem(tandemId),
              UpdateExpression: 'SET lastAnswerAt = :at',
              ConditionExpression: '#status = :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':at': answer.answeredAt, ':active': 'active' },
            },
          },
          link: spentLink(link),
          // Re-armed from the state read: the silence job flagging it meanwhile makes this round retry.
          watch: {
            Update: {
              TableName: tableName,
              Key: keys.silenceWatch(tandemId),
              UpdateExpression: watchChange.expression,
              ConditionExpression: watch ? 'armed = :readArmed AND dueAt = :readDue' : 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { ...watchChange.names, ...(watch ? {} : { '#pk': PK }) },
              ExpressionAttributeValues: { ...watchChange.values, ...(watch ? { ':readArmed': watch.armed, ':readDue': watch.dueAt } : {}) },
            },
          },
          silent:
            silent?.status === 'open'
              ? {
                  Update: {
                    TableName: tableName,
                    Key: keys.tandemAlert(tandemId, 'silent'),
                    UpdateExpression: resolve.expression,
                    ConditionExpression: '#st = :open',
                    ExpressionAttributeNames: { ...resolve.names, '#st': 'status' },
                    ExpressionAttributeValues: { ...resolve.values, ':open': 'open' },
                  },
                }
              : undefined,
          ...Object.fromEntries(alerts.map((alert) => [`alert:${alert.kind}`, { Put: { TableName: tableName, Item: tandemAlertItem(alert) } } satisfies TransactItem])),
          ...Object.fromEntries(
            mails.map((mail, i) => [
              `mail${i}`,
              {
                Put: {
                  TableName: tableName,
                  Item: outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }),
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                },
              } satisfies TransactItem,
            ]),
          ),
        });
        if (result.ok) return 'recorded';
        if (result.failed.has('link') || [...result.failed].some((name) => name.startsWith('mail'))) return 'already_answered';
        // The round, the tandem, the watch or the alert changed since the read: decide again.
      }
      throw new ServiceUnavailableError('The check-in kept changing; retry');
    },

    async answerOutcome({ tandemId, milestone, respondent, record, link }) {
      const key = keys.outcomeSurvey(tandemId, milestone);
      for (let round = 0; round < ROUNDS; round++) {
        const survey = await get(key);
        if (!survey) return 'not_found';
        const answeredBy = survey.answeredBy as Record<string, string> | undefined;
        if (answeredBy?.[respondent] !== undefined) return 'already_answered';
        if (survey.status !== 'sent') return 'closed';
        const entry = setEntry('answeredBy', respondent, record.recordedAt, answeredBy !== undefined);
        const result = await transact(db, {
          survey: {
            Update: {
              TableName: tableName,
              Key: key,
              UpdateExpression: `SET #records = list_append(if_not_exists(#records, :none), :record), ${entry.set}`,
              ConditionExpression: `attribute_exists(#pk) AND #status = :sent AND ${entry.condition}`,
              ExpressionAttributeNames: { '#pk': PK, '#status': 'status', '#records': 'records', ...entry.names },
              ExpressionAttributeValues: { ':sent': 'sent', ':none': [], ':record': [record], ...entry.values },
            },
          },
          link: spentLink(link),
        });
        if (result.ok) return 'recorded';
        if (result.failed.has('link')) return 'already_answered';
      }
      throw new ServiceUnavailableError('The outcome survey kept changing; retry');
    },
  };
}
