/**
 * DynamoDB implementation of TandemLifecycleStore. Closing a tandem reads its partition (one
 * consistent Query) and both profiles, plans every write from what was read (`closingPlan`, which
 * the memory adapter applies too), and runs the plan as one transaction in which every item is
 * conditioned on the state read: a check-in answered, a job's run or another close meanwhile makes
 * it fail, and the close decides again from a fresh read. Check-in rounds are only ever updated
 * (never Put over: their answers are written by others).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  availabilityChanges,
  JOB_ITEM_SECONDS,
  outboxItem,
  outcomeSurveyFromItem,
  outcomeSurveyItem,
  personFromItem,
  personTransition,
  tandemAlertFromItem,
  tandemFromItem,
  tandemFromPartition,
  tandemRetentionItem,
  tandemTransition,
  type Item,
} from '../../db/items';
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { ServiceUnavailableError } from '../../domain/errors';
import { addDays, addMonths, type OutcomeMilestone, type OutcomeSurvey, type TandemFollowUp } from '../../domain/follow-up';
import type { Tandem } from '../../domain/matching';
import type { MenteeProfile, MentorProfile } from '../../domain/people';
import type { RecordedJob } from '../../ports/matching-store';
import { TRANSACTION_LIMIT, type CloseTandemChange, type ClosingPeople, type TandemLifecycleStore } from '../../ports/tandem-lifecycle-store';
import type { CloseTandemResult } from '../../ports/tandem-lifecycle';
import { queryAll } from './query-all';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PK = TABLE.partitionKey;
const { GSI1 } = TABLE.indexes;
/** The due queue and attention index attributes a follow-up item leaves. */
const QUEUE_ATTRIBUTES = [GSI1.partitionKey, GSI1.sortKey];
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
/** How many times a close decides again after its transaction was refused by a change meanwhile. */
const ROUNDS = 5;

/** Absent, in an `expect` map: the attribute must not exist. */
export const ABSENT = Symbol('absent');

/**
 * One write of a plan. `expect`: attributes that must still have the value read (ABSENT: not
 * exist); an update or a condition check also needs the item to exist. `put` with `once` needs the
 * key free.
 */
export type PlannedWrite =
  | { name: string; kind: 'update'; key: Key; set: Item; remove?: readonly string[]; append?: { attribute: string; values: unknown[] }; expect: Record<string, unknown> }
  | { name: string; kind: 'put'; item: Item; once: boolean }
  | { name: string; kind: 'delete'; key: Key };

export interface ClosingRead {
  followUp: TandemFollowUp | undefined;
  mentor: MentorProfile | undefined;
  mentee: MenteeProfile | undefined;
}

export type ClosingPlan = { outcome: 'not_found' } | { outcome: 'not_active'; status: Tandem['status'] } | { outcome: 'close'; writes: PlannedWrite[]; tandem: Tandem; rematch: boolean };

const jobPut = (name: string, recorded: RecordedJob, now: Date): PlannedWrite => ({
  name,
  kind: 'put',
  item: outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }),
  once: true,
});

/** Every write of a close, from what was read (shared by both adapters: the same items, the same conditions). */
export function closingPlan(read: ClosingRead, change: CloseTandemChange): ClosingPlan {
  const { followUp, mentor, mentee } = read;
  if (!followUp) return { outcome: 'not_found' };
  const { tandem } = followUp;
  if (tandem.status !== 'active') return { outcome: 'not_active', status: tandem.status };
  const now = change.now;
  const endedAt = now.toISOString();
  const writes: PlannedWrite[] = [];
  const people: ClosingPeople = { tandem, ...(mentor ? { mentor } : {}), ...(mentee ? { mentee } : {}) };

  // The tandem: status, end fields, GSI1 to its new status; unanswered since the read.
  const fields = Object.fromEntries(Object.entries(change.fields).filter(([, v]) => v !== undefined));
  const closed: Tandem = { ...tandem, ...fields, status: change.next, endedAt };
  const transition = tandemTransition(tandem, change.next, { ...fields, endedAt });
  writes.push({ name: 'tandem', kind: 'update', key: keys.tandem(tandem.id), ...transition, expect: { status: 'active', lastAnswerAt: tandem.lastAnswerAt ?? ABSENT } });

  // The mentor's place, and its availability entries (they carry the load).
  const mentorFreed = mentor !== undefined && mentor.activeMentees > 0;
  if (mentor && mentorFreed) {
    const after: MentorProfile = { ...mentor, activeMentees: mentor.activeMentees - 1 };
    writes.push({ name: 'mentor', kind: 'update', key: keys.person('mentor', mentor.id), set: { activeMentees: after.activeMentees }, expect: { status: mentor.status, activeMentees: mentor.activeMentees } });
    const availability = availabilityChanges(mentor, after);
    availability.puts.forEach((item, i) => writes.push({ name: `available${i}`, kind: 'put', item, once: false }));
    availability.deletes.forEach((key, i) => writes.push({ name: `unavailable${i}`, kind: 'delete', key }));
  }

  // The mentee: closed, or matched again at the next attempt (never with this mentor again).
  const menteeHere = mentee !== undefined && mentee.status === 'in_tandem' && mentee.tandemId === tandem.id;
  const rematch = menteeHere && change.rematch(people);
  let rematchAttempt: number | undefined;
  if (mentee && menteeHere) {
    const move = personTransition(mentee, rematch ? 'awaiting_match' : 'closed');
    const extra: Item = {};
    if (rematch) {
      rematchAttempt = Math.max(mentee.matchingAttempt ?? 0, tandem.attempt) + 1;
      extra.matchingAttempt = rematchAttempt;
      extra.endedWith = [...new Set([...(mentee.endedWith ?? []), tandem.mentorId])];
    }
    writes.push({
      name: 'mentee',
      kind: 'update',
      key: keys.person('mentee', mentee.id),
      set: { ...move.set, ...extra },
      remove: [...move.remove, 'tandemId'],
      expect: { status: 'in_tandem', tandemId: tandem.id, matchingAttempt: mentee.matchingAttempt ?? ABSENT },
    });
  }

  // The follow-up: nothing more is asked of this tandem, except the outcome surveys after a plain end.
  for (const round of followUp.rounds) {
    if (round.status === 'scheduled') {
      writes.push({ name: `round${round.seq}`, kind: 'update', key: keys.checkInRound(tandem.id, round.seq), set: { status: 'cancelled' }, remove: QUEUE_ATTRIBUTES, expect: { status: 'scheduled' } });
    } else if (round.status === 'sent' && round.remindedAt === undefined) {
      writes.push({ name: `round${round.seq}`, kind: 'update', key: keys.checkInRound(tandem.id, round.seq), set: {}, remove: QUEUE_ATTRIBUTES, expect: { status: 'sent', remindedAt: ABSENT } });
    }
  }
  if (followUp.watch) {
    // Conditioned on the state read either way: a silence flagged meanwhile opened an alert this close has not seen.
    writes.push({ name: 'watch', kind: 'update', key: keys.silenceWatch(tandem.id), set: { armed: false }, remove: QUEUE_ATTRIBUTES, expect: { armed: followUp.watch.armed } });
  }
  for (const alert of followUp.alerts) {
    if (alert.status !== 'open') continue;
    writes.push({ name: `alert_${alert.kind}`, kind: 'update', key: keys.tandemAlert(tandem.id, alert.kind), set: { status: 'resolved', resolvedAt: endedAt }, remove: QUEUE_ATTRIBUTES, expect: { status: 'open' } });
  }
  const cancelSurveys = change.cancelSurveys({ ...people, rematch });
  const recordOn = change.outcomeRecord ? change.outcomeRecord.milestone(tandem) : undefined;
  for (const survey of followUp.surveys) {
    const key = keys.outcomeSurvey(tandem.id, survey.milestone);
    const append = recordOn === survey.milestone && change.outcomeRecord ? { attribute: 'records', values: [change.outcomeRecord.record] } : undefined;
    if (cancelSurveys && survey.status === 'scheduled') {
      writes.push({ name: `survey${survey.milestone}`, kind: 'update', key, set: { status: 'cancelled' }, remove: QUEUE_ATTRIBUTES, ...(append ? { append } : {}), expect: { status: 'scheduled' } });
    } else if (cancelSurveys && survey.status === 'sent') {
      // Sent but no longer answerable: its link then answers `closed`.
      writes.push({ name: `survey${survey.milestone}`, kind: 'update', key, set: { status: 'cancelled' }, remove: QUEUE_ATTRIBUTES, ...(append ? { append } : {}), expect: { status: 'sent', remindedAt: survey.remindedAt ?? ABSENT } });
    } else if (append) {
      writes.push({ name: `survey${survey.milestone}`, kind: 'update', key, set: {}, append, expect: {} });
    }
  }
  if (change.outcomeRecord && recordOn !== undefined && !followUp.surveys.some((s) => s.milestone === recordOn)) {
    // An older tandem without its surveys: this one is created with the CCI's record.
    const template = surveyTemplate(tandem, recordOn, cancelSurveys ? 'cancelled' : 'scheduled');
    writes.push({ name: `survey${recordOn}`, kind: 'put', item: outcomeSurveyItem({ ...template, records: [change.outcomeRecord.record] }), once: true });
  }
  writes.push({ name: 'retention', kind: 'put', item: tandemRetentionItem({ tandemId: tandem.id, dueAt: addDays(endedAt, change.retentionDays), done: false }), once: false });

  change
    .jobs({ ...people, rematch, ...(rematchAttempt !== undefined ? { rematchAttempt } : {}), mentorFreed })
    .forEach((job, i) => writes.push(jobPut(`job${i}`, job, now)));

  if (writes.length > TRANSACTION_LIMIT) throw new Error(`Closing tandem ${tandem.id} needs ${writes.length} writes, over the transaction limit`);
  return { outcome: 'close', writes, tandem: closed, rematch };
}

/** The survey a tandem started at `startedAt` has for a milestone (as initialSchedule makes it), without records. */
export function surveyTemplate(tandem: Pick<Tandem, 'id' | 'startedAt'>, milestone: OutcomeMilestone, status: OutcomeSurvey['status']): OutcomeSurvey {
  return { tandemId: tandem.id, milestone, dueAt: addMonths(tandem.startedAt, milestone), status, records: [] };
}

/** A plan's write as a transaction item, its expectations as the condition. */
function transactItem(tableName: string, write: PlannedWrite): TransactItem {
  if (write.kind === 'delete') return { Delete: { TableName: tableName, Key: write.key } };
  if (write.kind === 'put') {
    return { Put: { TableName: tableName, Item: write.item, ...(write.once ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } : {}) } };
  }
  const u = updateExpression({ set: write.set, remove: write.remove ?? [] });
  const names: Record<string, string> = { ...u.names, '#pk': PK };
  const values: Record<string, unknown> = { ...u.values };
  const conditions = ['attribute_exists(#pk)'];
  Object.entries(write.expect).forEach(([attribute, value], i) => {
    names[`#e${i}`] = attribute;
    if (value === ABSENT) conditions.push(`attribute_not_exists(#e${i})`);
    else {
      values[`:e${i}`] = value;
      conditions.push(`#e${i} = :e${i}`);
    }
  });
  let expression = u.expression;
  if (write.append) {
    names['#append'] = write.append.attribute;
    values[':append'] = write.append.values;
    values[':none'] = [];
    const clause = '#append = list_append(if_not_exists(#append, :none), :append)';
    expression = expression.startsWith('SET ') ? expression.replace('SET ', `SET ${clause}, `) : `SET ${clause}${expression ? ` ${expression}` : ''}`;
  }
  if (!expression) return { ConditionCheck: { TableName: tableName, Key: write.key, ConditionExpression: conditions.join(' AND '), ExpressionAttributeNames: names, ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}) } };
  return {
    Update: {
      TableName: tableName,
      Key: write.key,
      UpdateExpression: expression,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

export function dynamoTandemLifecycleStore(db: DynamoDBDocumentClient, tableName: string): TandemLifecycleStore {
  const get = async (key: Key): Promise<Item | undefined> => (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  async function readClosing(tandemId: string): Promise<ClosingRead> {
    const items = await queryAll(db, tableName, {
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': PK },
      ExpressionAttributeValues: { ':pk': keys.tandemPartition(tandemId) },
      ConsistentRead: true,
    });
    const followUp = tandemFromPartition(items);
    if (!followUp) return { followUp, mentor: undefined, mentee: undefined };
    const [mentorItem, menteeItem] = await Promise.all([get(keys.person('mentor', followUp.tandem.mentorId)), get(keys.person('mentee', followUp.tandem.menteeId))]);
    return { followUp, mentor: personFromItem(mentorItem) as MentorProfile | undefined, mentee: personFromItem(menteeItem) as MenteeProfile | undefined };
  }

  return {
    async getTandem(tandemId) {
      return tandemFromItem(await get(keys.tandem(tandemId)));
    },

    async close(change): Promise<CloseTandemResult> {
      for (let round = 0; round < ROUNDS; round++) {
        const plan = closingPlan(await readClosing(change.tandemId), change);
        if (plan.outcome !== 'close') return plan;
        const result = await transact(db, Object.fromEntries(plan.writes.map((w) => [w.name, transactItem(tableName, w)])));
        if (result.ok) return { outcome: 'closed', tandem: plan.tandem, rematch: plan.rematch };
        // Something changed since the read (an answer, a job, another close): decide again.
      }
      throw new ServiceUnavailableError('The tandem kept changing; retry');
    },

    async appendOutcomeRecord({ tandemId, milestone, record, template }) {
      const key = keys.outcomeSurvey(tandemId, milestone);
      for (let round = 0; round < ROUNDS; round++) {
        try {
          const out = await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: 'SET #records = list_append(if_not_exists(#records, :none), :record)',
              ConditionExpression: 'attribute_exists(#pk)',
              ExpressionAttributeNames: { '#pk': PK, '#records': 'records' },
              ExpressionAttributeValues: { ':record': [record], ':none': [] },
              ReturnValues: 'ALL_NEW',
            }),
          );
          return outcomeSurveyFromItem(out.Attributes!);
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
        // No survey (an older tandem): created with this record, unless another request just did.
        const item = outcomeSurveyItem({ ...template, records: [record] });
        const set = Object.fromEntries(Object.entries(item).filter(([name]) => name !== PK && name !== TABLE.sortKey));
        const u = updateExpression({ set });
        try {
          const out = await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: u.expression,
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { ...u.names, '#pk': PK },
              ExpressionAttributeValues: u.values,
              ReturnValues: 'ALL_NEW',
            }),
          );
          return outcomeSurveyFromItem(out.Attributes!);
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      throw new ServiceUnavailableError('The survey kept changing; retry');
    },

    async resolveAlert({ tandemId, kind, now }) {
      try {
        const out = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.tandemAlert(tandemId, kind),
            UpdateExpression: 'SET #status = :resolved, #resolvedAt = if_not_exists(#resolvedAt, :now) REMOVE #g1pk, #g1sk',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK, '#status': 'status', '#resolvedAt': 'resolvedAt', '#g1pk': GSI1.partitionKey, '#g1sk': GSI1.sortKey },
            ExpressionAttributeValues: { ':resolved': 'resolved', ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return tandemAlertFromItem(out.Attributes!);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
  };
}
