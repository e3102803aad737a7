/**
 * DynamoDB implementation of FollowUpSchedule on the single table. The due queues are GSI1
 * partitions `DUE#<queue>` read up to `dueUpTo(now)`; each act is one conditional UpdateItem or one
 * transaction (transactions.ts) that moves or removes the item's queue entry with its effect, so a
 * second run finds nothing. Round, survey and watch items are only ever updated attribute by
 * attribute (answers are written on them concurrently); the items put are new ones
 * (`attribute_not_exists`). Reminders read the item and the tandem, then write on condition that
 * what decided the recipients is still so (no answer arrived, the tandem's status unchanged), and
 * decide again from a fresh read otherwise.
 */
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  checkInRoundFromItem,
  checkInRoundItem,
  JOB_ITEM_SECONDS,
  outboxItem,
  outcomeSurveyFromItem,
  personFromItem,
  tandemAlertItem,
  tandemFromItem,
  type Item,
} from '../../db/items';
import { dueUpTo, keys, type DueQueue, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { ServiceUnavailableError } from '../../domain/errors';
import { CHECK_IN_ROLES, type CheckInRole, type OutcomeRespondent } from '../../domain/follow-up';
import type { DuePage, FollowUpSchedule, PageRequest, RecordedJob, SilenceWatch } from '../../ports/follow-up-schedule';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PK = TABLE.partitionKey;
const { GSI1 } = TABLE.indexes;
/** The queue attributes an item leaves when it is done. */
const QUEUE_ATTRIBUTES = [GSI1.partitionKey, GSI1.sortKey];
/** Times a reminder decides again after an answer (or a closing) arrived between its read and its write. */
const ROUNDS = 5;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const queueValue = (queue: DueQueue) => keys.dueQueue(queue).value;

export function dynamoFollowUpSchedule(db: DynamoDBDocumentClient, tableName: string): FollowUpSchedule {
  const get = async (key: Key): Promise<Item | undefined> => (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  async function due(queue: DueQueue, now: Date, { limit, after }: PageRequest): Promise<DuePage<Item>> {
    const index = keys.dueQueue(queue);
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.index,
        KeyConditionExpression: '#pk = :pk AND #sk <= :bound',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': index.value, ':bound': dueUpTo(now) },
        Limit: limit,
        ...(after ? { ExclusiveStartKey: after } : {}),
      }),
    );
    return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
  }

  /** An update of one item with a condition; `names`/`values` are the condition's. */
  const update = (key: Key, changes: { set: Item; remove?: readonly string[] }, condition: string, names: Record<string, string>, values: Item): TransactItem => {
    const u = updateExpression(changes);
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: u.expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: { ...u.names, ...names },
        ExpressionAttributeValues: { ...u.values, ...values },
      },
    };
  };
  /** The same update alone (one item: a plain conditional UpdateItem, half the cost of a transaction). */
  const updateAlone = async (item: TransactItem): Promise<boolean> => {
    try {
      await db.send(new UpdateCommand(item.Update as ConstructorParameters<typeof UpdateCommand>[0]));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  const newItem = (Item: Item, condition = 'attribute_not_exists(#pk)', values?: Item): TransactItem => ({
    Put: { TableName: tableName, Item, ConditionExpression: condition, ExpressionAttributeNames: { '#pk': PK, ...(values ? { '#status': 'status' } : {}) }, ...(values ? { ExpressionAttributeValues: values } : {}) },
  });
  const jobPut = (recorded: RecordedJob, now: Date): TransactItem => newItem(outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
  const jobs = (list: RecordedJob[], now: Date) => Object.fromEntries(list.map((job, i) => [`mail${i}`, jobPut(job, now)])) as Record<string, TransactItem>;
  /** The tandem still has the status read (or is still absent). */
  const tandemAsRead = (tandemId: string, status: string | undefined): TransactItem => ({
    ConditionCheck: {
      TableName: tableName,
      Key: keys.tandem(tandemId),
      ConditionExpression: status ? '#status = :readStatus' : 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: status ? { '#status': 'status' } : { '#pk': PK },
      ...(status ? { ExpressionAttributeValues: { ':readStatus': status } } : {}),
    },
  });

  /**
   * Reminds an item of a reminder queue once: read it and the tandem, pick who has not answered,
   * write on condition that nothing of it changed (still due in the queue, not reminded, those
   * still without an answer, the tandem's status as read).
   */
  async function remind<R extends string>(input: {
    key: Key;
    queue: DueQueue;
    now: Date;
    /** Who is asked, from the item and the tandem read; the answered ones' attribute map. */
    recipients: (item: Item, tandem: ReturnType<typeof tandemFromItem>) => { asked: R[]; answeredMap: string };
    mails: (unanswered: R[]) => RecordedJob[];
  }) {
    const { key, queue, now } = input;
    for (let round = 0; round < ROUNDS; round++) {
      const item = await get(key);
      if (!item || item[GSI1.partitionKey] !== queueValue(queue) || String(item[GSI1.sortKey]) > dueUpTo(now) || item.remindedAt !== undefined) return { outcome: 'not_due' as const };
      const tandem = tandemFromItem(await get(keys.tandem(String(item.tandemId))));
      const { asked, answeredMap } = input.recipients(item, tandem);
      const answered = (item[answeredMap] ?? {}) as Record<string, unknown>;
      const unanswered = asked.filter((r) => answered[r] === undefined);
      const names: Record<string, string> = { '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey, '#reminded': 'remindedAt', ...(unanswered.length ? { '#map': answeredMap } : {}) };
      const stillUnanswered = unanswered.map((r, i) => {
        names[`#r${i}`] = r;
        return ` AND attribute_not_exists(#map.#r${i})`;
      });
      const result = await transact(db, {
        item: update(
          key,
          { set: { remindedAt: now.toISOString() }, remove: QUEUE_ATTRIBUTES },
          `#gpk = :queue AND #gsk <= :bound AND attribute_not_exists(#reminded)${stillUnanswered.join('')}`,
          names,
          { ':queue': queueValue(queue), ':bound': dueUpTo(now) },
        ),
        tandem: tandemAsRead(String(item.tandemId), tandem?.status),
        ...jobs(input.mails(unanswered), now),
      });
      if (result.ok) return { outcome: 'reminded' as const, mailed: unanswered };
      // Only a mail job refused (recorded already): nothing to decide again.
      if (!result.failed.has('item') && !result.failed.has('tandem')) return { outcome: 'not_due' as const };
      // An answer or a closing arrived since the read, or another run reminded it: decide again.
    }
    throw new ServiceUnavailableError('The reminder kept changing; retry');
  }

  /** A scheduled item of a tandem that will never be sent: `cancelled`, out of its queue. */
  const cancel = async (key: Key) =>
    (await updateAlone(update(key, { set: { status: 'cancelled' }, remove: QUEUE_ATTRIBUTES }, '#cstatus = :scheduled', { '#cstatus': 'status' }, { ':scheduled': 'scheduled' })))
      ? ('cancelled' as const)
      : ('not_scheduled' as const);

  return {
    async dueRounds(queue, now, page) {
      const { items, next } = await due(queue, now, page);
      return { items: items.map(checkInRoundFromItem), ...(next ? { next } : {}) };
    },

    async dueSurveys(queue, now, page) {
      const { items, next } = await due(queue, now, page);
      return { items: items.map(outcomeSurveyFromItem), ...(next ? { next } : {}) };
    },

    async dueWatches(now, page) {
      const { items, next } = await due('SILENCE', now, page);
      return { items: items.map((item): SilenceWatch => ({ tandemId: String(item.tandemId), dueAt: String(item.dueAt), armed: item.armed === true })), ...(next ? { next } : {}) };
    },

    async getTandem(tandemId) {
      return tandemFromItem(await get(keys.tandem(tandemId)));
    },

    async localeOf(role, personId) {
      return personFromItem(await get(keys.person(role, personId)))?.locale;
    },

    async sendRound({ tandemId, seq, now, remindAt, next, mails }) {
      // Its queue entry as checkInRoundItem gives a sent round: CHECKIN_REMINDER at remindAt.
      const reminderEntry = keys.dueIndex('CHECKIN_REMINDER', remindAt, tandemId, String(seq));
      const result = await transact(db, {
        round: update(
          keys.checkInRound(tandemId, seq),
          { set: { status: 'sent', sentAt: now.toISOString(), ...reminderEntry } },
          '#rstatus = :scheduled AND #gpk = :queue AND #due <= :now',
          { '#rstatus': 'status', '#gpk': GSI1.partitionKey, '#due': 'dueAt' },
          { ':scheduled': 'scheduled', ':queue': queueValue('CHECKIN'), ':now': now.toISOString() },
        ),
        tandem: {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.tandem(tandemId),
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        },
        next: newItem(checkInRoundItem(next)),
        ...jobs(mails, now),
      });
      if (result.ok) return 'sent';
      if (result.failed.has('round')) return 'not_due';
      if (result.failed.has('tandem')) return 'tandem_closed';
      // The next round or a mail job exists already: nothing was written; the round stays for a later run.
      return 'not_due';
    },

    cancelRound: ({ tandemId, seq }) => cancel(keys.checkInRound(tandemId, seq)),

    remindRound: ({ tandemId, seq, now, mails }) =>
      remind<CheckInRole>({
        key: keys.checkInRound(tandemId, seq),
        queue: 'CHECKIN_REMINDER',
        now,
        recipients: (_item, tandem) => ({ asked: tandem?.status === 'active' ? [...CHECK_IN_ROLES] : [], answeredMap: 'answers' }),
        mails,
      }),

    async sendSurvey({ tandemId, milestone, now, remindAt, mails }) {
      // Its queue entry as outcomeSurveyItem gives a sent survey: OUTCOME_REMINDER at remindAt.
      const reminderEntry = keys.dueIndex('OUTCOME_REMINDER', remindAt, tandemId, `M${milestone}`);
      const result = await transact(db, {
        survey: update(
          keys.outcomeSurvey(tandemId, milestone),
          { set: { status: 'sent', sentAt: now.toISOString(), ...reminderEntry } },
          '#sstatus = :scheduled AND #gpk = :queue AND #due <= :now',
          { '#sstatus': 'status', '#gpk': GSI1.partitionKey, '#due': 'dueAt' },
          { ':scheduled': 'scheduled', ':queue': queueValue('OUTCOME'), ':now': now.toISOString() },
        ),
        ...jobs(mails, now),
      });
      return result.ok ? 'sent' : 'not_due';
    },

    cancelSurvey: ({ tandemId, milestone }) => cancel(keys.outcomeSurvey(tandemId, milestone)),

    remindSurvey: ({ tandemId, milestone, now, mails }) =>
      remind<OutcomeRespondent>({
        key: keys.outcomeSurvey(tandemId, milestone),
        queue: 'OUTCOME_REMINDER',
        now,
        recipients: (_item, tandem) => ({ asked: tandem ? ['mentee', ...(tandem.partnerId ? (['partner'] as const) : [])] : [], answeredMap: 'answeredBy' }),
        mails,
      }),

    async flagSilent({ tandemId, dueAt, now, mail }) {
      const disarm = update(
        keys.silenceWatch(tandemId),
        { set: { armed: false }, remove: QUEUE_ATTRIBUTES },
        '#armed = :true AND #due = :dueAt AND #due <= :now',
        { '#armed': 'armed', '#due': 'dueAt' },
        { ':true': true, ':dueAt': dueAt, ':now': now.toISOString() },
      );
      const alert = tandemAlertItem({ tandemId, kind: 'silent', raisedAt: now.toISOString(), raisedBy: 'system', status: 'open' });
      const result = await transact(db, {
        watch: disarm,
        tandem: {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.tandem(tandemId),
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        },
        // A resolved alert of this kind is raised again (rewritten); an open one is left as it is.
        alert: newItem(alert, 'attribute_not_exists(#pk) OR #status <> :open', { ':open': 'open' }),
        mail: jobPut(mail, now),
      });
      if (result.ok) return 'flagged';
      if (result.failed.has('watch')) return 'not_due';
      // Nothing to raise (the tandem closed, or its silence is already flagged): the watch leaves the queue alone.
      const why = result.failed.has('tandem') ? ('tandem_closed' as const) : result.failed.has('alert') ? ('already_open' as const) : undefined;
      if (!why) return 'not_due';
      return (await updateAlone(disarm)) ? why : 'not_due';
    },
  };
}
