/**
 * In-memory FollowUpSchedule with the DynamoDB adapter's semantics, condition for condition: the
 * same items under the same keys, the due queues read from the items' GSI1 attributes in sort key
 * order, a page ending with a cursor when it is full (as a Query with `Limit`). Each method checks
 * every condition before it writes anything, with no `await` in between, so a refused write
 * changes nothing and racing calls are serial. Updates change only their attributes.
 */
import { checkInRoundFromItem, checkInRoundItem, JOB_ITEM_SECONDS, outboxItem, outcomeSurveyFromItem, personFromItem, tandemAlertItem, tandemFromItem, type Item } from '../../db/items';
import { dueUpTo, keys, type DueQueue, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { CHECK_IN_ROLES, type CheckInRole, type OutcomeRespondent } from '../../domain/follow-up';
import type { DuePage, FollowUpSchedule, PageRequest, RecordedJob, SilenceWatch } from '../../ports/follow-up-schedule';
import { epoch, type MemoryTable } from './table';

const PK = TABLE.partitionKey;
const SK = TABLE.sortKey;
const { GSI1 } = TABLE.indexes;
const QUEUE_ATTRIBUTES = [GSI1.partitionKey, GSI1.sortKey];
const queueValue = (queue: DueQueue) => keys.dueQueue(queue).value;

/** Sets and removes attributes, as an UpdateExpression does. */
function updated(item: Item, changes: { set?: Item; remove?: readonly string[] }): Item {
  const next: Item = { ...item };
  for (const name of changes.remove ?? []) delete next[name];
  return { ...next, ...changes.set };
}

export function memoryFollowUpSchedule(table: MemoryTable): FollowUpSchedule {
  const jobItem = (recorded: RecordedJob, now: Date) => outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS });
  const jobExists = (recorded: RecordedJob) => table.get(keys.outbox(recorded.job.kind, recorded.dedupKey)) !== undefined;
  const inQueue = (item: Item | undefined, queue: DueQueue, now: Date): item is Item =>
    item !== undefined && item[GSI1.partitionKey] === queueValue(queue) && String(item[GSI1.sortKey]) <= dueUpTo(now);

  function due(queue: DueQueue, now: Date, { limit, after }: PageRequest): DuePage<Item> {
    const from = after ? String(after[GSI1.sortKey]) : undefined;
    const items = table
      .scan()
      .filter((item) => inQueue(item, queue, now) && (from === undefined || String(item[GSI1.sortKey]) > from))
      .sort((a, b) => String(a[GSI1.sortKey]).localeCompare(String(b[GSI1.sortKey])))
      .slice(0, limit);
    const last = items.length === limit ? items.at(-1) : undefined;
    return { items, ...(last ? { next: { [PK]: last[PK], [SK]: last[SK], [GSI1.partitionKey]: last[GSI1.partitionKey], [GSI1.sortKey]: last[GSI1.sortKey] } } : {}) };
  }

  function remind<R extends string>(input: {
    key: Key;
    queue: DueQueue;
    now: Date;
    asked: (tandem: ReturnType<typeof tandemFromItem>) => R[];
    answeredMap: string;
    mails: (unanswered: R[]) => RecordedJob[];
  }) {
    const { key, queue, now } = input;
    const item = table.get(key);
    if (!inQueue(item, queue, now) || item.remindedAt !== undefined) return { outcome: 'not_due' as const };
    const tandem = tandemFromItem(table.get(keys.tandem(String(item.tandemId))));
    const answered = (item[input.answeredMap] ?? {}) as Record<string, unknown>;
    const unanswered = input.asked(tandem).filter((r) => answered[r] === undefined);
    const mails = input.mails(unanswered);
    if (mails.some(jobExists)) return { outcome: 'not_due' as const };
    table.put(updated(item, { set: { remindedAt: now.toISOString() }, remove: QUEUE_ATTRIBUTES }));
    for (const mail of mails) table.put(jobItem(mail, now));
    return { outcome: 'reminded' as const, mailed: unanswered };
  }

  const cancel = (key: Key) => {
    const item = table.get(key);
    if (item?.status !== 'scheduled') return 'not_scheduled' as const;
    table.put(updated(item, { set: { status: 'cancelled' }, remove: QUEUE_ATTRIBUTES }));
    return 'cancelled' as const;
  };

  return {
    async dueRounds(queue, now, page) {
      const { items, next } = due(queue, now, page);
      return { items: items.map(checkInRoundFromItem), ...(next ? { next } : {}) };
    },

    async dueSurveys(queue, now, page) {
      const { items, next } = due(queue, now, page);
      return { items: items.map(outcomeSurveyFromItem), ...(next ? { next } : {}) };
    },

    async dueWatches(now, page) {
      const { items, next } = due('SILENCE', now, page);
      return { items: items.map((item): SilenceWatch => ({ tandemId: String(item.tandemId), dueAt: String(item.dueAt), armed: item.armed === true })), ...(next ? { next } : {}) };
    },

    async getTandem(tandemId) {
      return tandemFromItem(table.get(keys.tandem(tandemId)));
    },

    async localeOf(role, personId) {
      return personFromItem(table.get(keys.person(role, personId)))?.locale;
    },

    async sendRound({ tandemId, seq, now, remindAt, next, mails }) {
      const key = keys.checkInRound(tandemId, seq);
      const round = table.get(key);
      if (round?.status !== 'scheduled' || round[GSI1.partitionKey] !== queueValue('CHECKIN') || String(round.dueAt) > now.toISOString()) return 'not_due';
      if (table.get(keys.tandem(tandemId))?.status !== 'active') return 'tandem_closed';
      const nextItem = checkInRoundItem(next);
      if (table.get(nextItem as Key) !== undefined || mails.some(jobExists)) return 'not_due';
      table.put(updated(round, { set: { status: 'sent', sentAt: now.toISOString(), ...keys.dueIndex('CHECKIN_REMINDER', remindAt, tandemId, String(seq)) } }));
      table.put(nextItem);
      for (const mail of mails) table.put(jobItem(mail, now));
      return 'sent';
    },

    cancelRound: async ({ tandemId, seq }) => cancel(keys.checkInRound(tandemId, seq)),

    remindRound: async ({ tandemId, seq, now, mails }) =>
      remind<CheckInRole>({
        key: keys.checkInRound(tandemId, seq),
        queue: 'CHECKIN_REMINDER',
        now,
        asked: (tandem) => (tandem?.status === 'active' ? [...CHECK_IN_ROLES] : []),
        answeredMap: 'answers',
        mails,
      }),

    async sendSurvey({ tandemId, milestone, now, remindAt, mails }) {
      const survey = table.get(keys.outcomeSurvey(tandemId, milestone));
      if (survey?.status !== 'scheduled' || survey[GSI1.partitionKey] !== queueValue('OUTCOME') || String(survey.dueAt) > now.toISOString()) return 'not_due';
      if (mails.some(jobExists)) return 'not_due';
      table.put(updated(survey, { set: { status: 'sent', sentAt: now.toISOString(), ...keys.dueIndex('OUTCOME_REMINDER', remindAt, tandemId, `M${milestone}`) } }));
      for (const mail of mails) table.put(jobItem(mail, now));
      return 'sent';
    },

    cancelSurvey: async ({ tandemId, milestone }) => cancel(keys.outcomeSurvey(tandemId, milestone)),

    remindSurvey: async ({ tandemId, milestone, now, mails }) =>
      remind<OutcomeRespondent>({
        key: keys.outcomeSurvey(tandemId, milestone),
        queue: 'OUTCOME_REMINDER',
        now,
        asked: (tandem) => (tandem ? ['mentee', ...(tandem.partnerId ? (['partner'] as const) : [])] : []),
        answeredMap: 'answeredBy',
        mails,
      }),

    async flagSilent({ tandemId, dueAt, now, mail }) {
      const watch = table.get(keys.silenceWatch(tandemId));
      if (watch?.armed !== true || watch.dueAt !== dueAt || dueAt > now.toISOString()) return 'not_due';
      const disarmed = updated(watch, { set: { armed: false }, remove: QUEUE_ATTRIBUTES });
      if (table.get(keys.tandem(tandemId))?.status !== 'active') {
        table.put(disarmed);
        return 'tandem_closed';
      }
      if (table.get(keys.tandemAlert(tandemId, 'silent'))?.status === 'open') {
        table.put(disarmed);
        return 'already_open';
      }
      if (jobExists(mail)) return 'not_due';
      table.put(disarmed);
      table.put(tandemAlertItem({ tandemId, kind: 'silent', raisedAt: now.toISOString(), raisedBy: 'system', status: 'open' }));
      table.put(jobItem(mail, now));
      return 'flagged';
    },
  };
}
