/**
 * DynamoDB implementation of MatchingStore on the single table. Every state change is one
 * conditional write or one transaction (shared/adapters/dynamodb/transactions.ts, cancellation
 * reasons read by item name); its jobs are outbox items in the same transaction. Where a change
 * needs the current item to be built (a status transition recomputes index attributes; a mentor's
 * availability entries carry its load), the item is read, and the write is conditioned on what was
 * read: a concurrent change makes the write fail and the method decide again from a fresh read,
 * never overwrite. The database keeps the invariants: a proposal decided once, a mentor's count
 * never above its capacity, a mentee in one tandem.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandOutput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  availabilityChanges,
  CANDIDATE_ATTRIBUTE,
  candidateFromItem,
  checkInRoundItem,
  JOB_ITEM_SECONDS,
  menteeFromPartition,
  outboxItem,
  outcomeSurveyItem,
  partnerFromItem,
  personFromItem,
  personTransition,
  proposalFromItem,
  proposalItem,
  proposalLeavesPending,
  silenceWatchItem,
  tandemFromItem,
  tandemItem,
  TASK_TOKEN_ATTRIBUTE,
  type Item,
} from '../../db/items';
import { ALL_REMOTE_BUCKETS, departementBucket, keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { MatchingSupersededError, ServiceUnavailableError } from '../../domain/errors';
import type { Proposal } from '../../domain/matching';
import type { MenteeProfile, MentorProfile } from '../../domain/people';
import type { InitialSchedule, MatchingStore, RecordedJob } from '../../ports/matching-store';
import type { MentorCandidate } from '../../matching/types';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PK = TABLE.partitionKey;
const { GSI1 } = TABLE.indexes;
/** The reminder index attributes a proposal leaves once decided, reminded or closed. */
const REMINDER_INDEX = [GSI1.partitionKey, GSI1.sortKey];
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** Statuses of a mentor who may still take a mentee (a paused mentor keeps honouring an accept it gave). */
const MENTOR_STATUSES_THAT_ACCEPT = ['active', 'paused'] as const;
/** The sort key bound of the reminder index: every reminder due at `now` sorts below it (`$` follows `#`). */
const reminderDueBound = (now: Date) => `${now.toISOString()}$`;
/**
 * How many times a method decides again after a write refused because what it read changed
 * meanwhile (another accept took a place, a decision arrived): each round re-reads; past the last
 * the caller is told to retry, as for a contended transaction.
 */
const ROUNDS = 5;

const mentorOf = (item: Item | undefined) => personFromItem(item) as MentorProfile | undefined;
const menteeOf = (item: Item | undefined) => personFromItem(item) as MenteeProfile | undefined;

/** The DynamoDB store also tells how many Query pages a candidate load took (the bench reports it). */
export interface DynamoMatchingStore extends MatchingStore {
  loadCandidatePages(query: { track: string; departement: string | null; remote: boolean }): Promise<{ candidates: MentorCandidate[]; pages: number }>;
}

export function dynamoMatchingStore(db: DynamoDBDocumentClient, tableName: string): DynamoMatchingStore {
  const get = async (key: Key): Promise<Item | undefined> => (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  /** A job recorded with the change; its dedup key makes a replayed step's job one item. */
  const jobPut = (recorded: RecordedJob, now: Date, options: { once: boolean } = { once: true }): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }),
      ...(options.once ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } : {}),
    },
  });

  /** A new item (never over an existing one). */
  const newItem = (Item: Item): TransactItem => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } });
  /** A new tandem's follow-up: its first round, its outcome surveys, its armed silence watch. */
  const scheduleItems = (schedule: InitialSchedule | undefined): TransactItem[] =>
    schedule
      ? [
          checkInRoundItem(schedule.round),
          ...schedule.surveys.map((survey) => outcomeSurveyItem(survey)),
          silenceWatchItem({ tandemId: schedule.round.tandemId, dueAt: schedule.silentAt, armed: true }),
        ].map(newItem)
      : [];

  /** The mentee is still in `awaiting_match` at `attempt`. */
  const menteeInAttempt = { expression: '#status = :awaiting AND matchingAttempt = :attempt', names: { '#status': 'status' } };
  const menteeCheck = (menteeId: string, attempt: number): TransactItem => ({
    ConditionCheck: {
      TableName: tableName,
      Key: keys.person('mentee', menteeId),
      ConditionExpression: menteeInAttempt.expression,
      ExpressionAttributeNames: menteeInAttempt.names,
      ExpressionAttributeValues: { ':awaiting': 'awaiting_match', ':attempt': attempt },
    },
  });

  /** An update of one item with a condition; `values`/`names` are the condition's. */
  const update = (key: Key, changes: { set: Item; remove?: readonly string[] }, condition: string, names: Record<string, string> = {}, values: Item = {}): TransactItem => {
    const u = updateExpression(changes);
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: u.expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: { ...u.names, ...names },
        ...(Object.keys(u.values).length + Object.keys(values).length > 0 ? { ExpressionAttributeValues: { ...u.values, ...values } } : {}),
      },
    };
  };

  /**
   * A mentor's profile going from `before` to `after` (conditioned on the status and load read) and
   * its availability entries: every entry of `after` put (with the new load), those it leaves deleted.
   */
  const mentorChange = (before: MentorProfile, after: MentorProfile, changes: { set: Item; remove?: readonly string[] }, extra: { condition: string; names: Record<string, string> } = { condition: '', names: {} }) => {
    const availability = availabilityChanges(before, after);
    const items: TransactItem[] = [
      update(
        keys.person('mentor', before.id),
        changes,
        `#status = :readStatus AND activeMentees = :readLoad${extra.condition}`,
        { '#status': 'status', ...extra.names },
        { ':readStatus': before.status, ':readLoad': before.activeMentees },
      ),
      ...availability.puts.map((Item): TransactItem => ({ Put: { TableName: tableName, Item } })),
      ...availability.deletes.map((Key): TransactItem => ({ Delete: { TableName: tableName, Key } })),
    ];
    return items;
  };

  /** Named items plus a list of unnamed ones (availability entries carry no condition). */
  const entries = (list: TransactItem[], prefix: string) => Object.fromEntries(list.map((item, i) => [`${prefix}${i}`, item])) as Record<string, TransactItem>;

  /** Every page of a Query, the candidate attribute only. */
  async function queryPartition(partition: string): Promise<{ items: Item[]; pages: number }> {
    const items: Item[] = [];
    let pages = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK, '#candidate': CANDIDATE_ATTRIBUTE },
          ExpressionAttributeValues: { ':pk': partition },
          ProjectionExpression: '#candidate',
          ExclusiveStartKey: start,
        }),
      );
      pages += 1;
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return { items, pages };
  }

  const store: MatchingStore = {
    async getMentee(menteeId) {
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      const partition = keys.person('mentee', menteeId)[PK];
      do {
        // One Query reads the profile (`PROFILE`) and every proposal (`PROPOSAL#…`); nothing else lives there.
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': PK },
            ExpressionAttributeValues: { ':pk': partition },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return menteeFromPartition(menteeId, items);
    },

    async getMentor(mentorId) {
      return mentorOf(await get(keys.person('mentor', mentorId)));
    },

    async getPartner(partnerId) {
      return partnerFromItem(await get(keys.partner(partnerId)));
    },

    async getProposal(menteeId, mentorId) {
      return proposalFromItem(await get(keys.proposal(menteeId, mentorId)));
    },

    async getProposalWithToken(menteeId, mentorId) {
      const item = await get(keys.proposal(menteeId, mentorId));
      if (!item) return undefined;
      return { proposal: proposalFromItem(item)!, taskToken: String(item[TASK_TOKEN_ATTRIBUTE]) };
    },

    async getTandem(tandemId) {
      return tandemFromItem(await get(keys.tandem(tandemId)));
    },

    async loadCandidates(query) {
      return (await loadCandidatePages(query)).candidates;
    },

    async recordProposal({ proposal, taskToken, remindAt, mail }) {
      const { menteeId, mentorId, attempt } = proposal;
      const key = keys.proposal(menteeId, mentorId);
      const superseded = () => new MatchingSupersededError('The mentee is no longer awaiting a match at this attempt');
      const created = await transact(db, {
        mentee: menteeCheck(menteeId, attempt),
        proposal: {
          Put: {
            TableName: tableName,
            Item: proposalItem(proposal, { taskToken, remindAt }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        mail: jobPut(mail, new Date(proposal.createdAt)),
      });
      if (created.ok) return { outcome: 'recorded' };
      if (created.failed.has('mentee')) throw superseded();
      let current = created.current.proposal ?? (await get(key));
      for (let round = 0; round < ROUNDS && current; round++) {
        const stored = proposalFromItem(current)!;
        if (stored.status !== 'pending') return { outcome: 'final', status: stored.status };
        // Pending: this task now waits on it (a delivery still under way reaches the new token too).
        const rebound = await transact(db, {
          mentee: menteeCheck(menteeId, attempt),
          proposal: update(
            key,
            { set: { [TASK_TOKEN_ATTRIBUTE]: taskToken, attempt } },
            `#status = :pending AND ${stored.decision ? 'decision = :decision' : 'attribute_not_exists(decision)'}`,
            { '#status': 'status' },
            { ':pending': 'pending', ...(stored.decision ? { ':decision': stored.decision } : {}) },
          ),
        });
        if (rebound.ok) return stored.decision ? { outcome: 'decided', decision: stored.decision } : { outcome: 'rebound' };
        if (rebound.failed.has('mentee')) throw superseded();
        current = await get(key);
      }
      throw new ServiceUnavailableError('The proposal kept changing; retry');
    },

    async decide({ menteeId, mentorId, decision, reason, now, delivery }) {
      const key = keys.proposal(menteeId, mentorId);
      for (let round = 0; round < ROUNDS; round++) {
        const mentor = decision === 'decline_and_pause' ? mentorOf(await get(keys.person('mentor', mentorId))) : undefined;
        const pause = mentor?.status === 'active' ? mentorChange(mentor, { ...mentor, status: 'paused' }, personTransition(mentor, 'paused')) : [];
        const result = await transact(db, {
          proposal: {
            ...update(
              key,
              { set: { decision, decidedAt: now.toISOString(), ...(reason ? { declineReason: reason } : {}) }, remove: REMINDER_INDEX },
              'attribute_exists(#pk) AND #status = :pending AND attribute_not_exists(decision)',
              { '#pk': PK, '#status': 'status' },
              { ':pending': 'pending' },
            ),
          },
          delivery: jobPut(delivery, now),
          ...entries(pause, 'mentor'),
        });
        if (result.ok) return { outcome: 'recorded' };
        if (result.failed.has('proposal')) {
          const stored = proposalFromItem(await get(key));
          if (!stored) return { outcome: 'not_found' };
          if (stored.decision) return { outcome: 'already_decided', decision: stored.decision };
          if (stored.status !== 'pending') return { outcome: 'closed', status: stored.status };
        }
        // The mentor changed between the read and the write (or the proposal meanwhile): decide again.
      }
      throw new ServiceUnavailableError('The mentor kept changing; retry');
    },

    async createTandem({ tandem, now, mails, schedule }) {
      const { menteeId, mentorId, attempt } = tandem;
      const proposalKey = keys.proposal(menteeId, mentorId);
      for (let round = 0; round < ROUNDS; round++) {
        const [proposalRow, menteeRow, mentorRow] = await Promise.all([get(proposalKey), get(keys.person('mentee', menteeId)), get(keys.person('mentor', mentorId))]);
        const stored = proposalFromItem(proposalRow);
        // A replayed accept (the task retried after its transaction committed) finds its tandem.
        if (stored?.status === 'accepted' && stored.tandemId) {
          const existing = tandemFromItem(await get(keys.tandem(stored.tandemId)));
          if (existing) return { outcome: 'created', tandem: existing };
        }
        const mentee = menteeOf(menteeRow);
        if (mentee?.status !== 'awaiting_match' || mentee.matchingAttempt !== attempt) return { outcome: 'mentee_gone' };
        if (!stored || stored.status !== 'pending') throw new Error(`The proposal is not pending (${stored?.status ?? 'absent'})`);
        const mentor = mentorOf(mentorRow);
        const pendingProposal = { cond: '#pstatus = :pending', names: { '#pstatus': 'status' }, values: { ':pending': 'pending' } };

        if (!mentor || !(MENTOR_STATUSES_THAT_ACCEPT as readonly string[]).includes(mentor.status) || mentor.activeMentees >= mentor.capacity) {
          // No place left: the proposal says so, on condition that the mentor is still as read.
          const gone = await transact(db, {
            proposal: update(proposalKey, proposalLeavesPending('capacity_gone'), pendingProposal.cond, pendingProposal.names, pendingProposal.values),
            mentor: {
              ConditionCheck: {
                TableName: tableName,
                Key: keys.person('mentor', mentorId),
                ConditionExpression: mentor ? '#status = :readStatus AND activeMentees = :readLoad' : 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: mentor ? { '#status': 'status' } : { '#pk': PK },
                ...(mentor ? { ExpressionAttributeValues: { ':readStatus': mentor.status, ':readLoad': mentor.activeMentees } } : {}),
              },
            },
          });
          if (gone.ok) return { outcome: 'capacity_gone' };
          continue;
        }

        const loaded: MentorProfile = { ...mentor, activeMentees: mentor.activeMentees + 1 };
        const menteeMove = personTransition(mentee, 'in_tandem');
        const result = await transact(db, {
          tandem: { Put: { TableName: tableName, Item: tandemItem(tandem), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } },
          mentee: update(
            keys.person('mentee', menteeId),
            { set: { ...menteeMove.set, tandemId: tandem.id }, remove: menteeMove.remove },
            menteeInAttempt.expression,
            menteeInAttempt.names,
            { ':awaiting': 'awaiting_match', ':attempt': attempt },
          ),
          proposal: update(proposalKey, proposalLeavesPending('accepted', { tandemId: tandem.id }), pendingProposal.cond, pendingProposal.names, pendingProposal.values),
          // The count goes up under `< capacity`, and only from the load read (its entries carry it).
          ...entries(mentorChange(mentor, loaded, { set: { activeMentees: loaded.activeMentees } }, { condition: ' AND activeMentees < #capacity', names: { '#capacity': 'capacity' } }), 'mentor'),
          ...entries(
            mails(tandem).map((mail) => jobPut(mail, now)),
            'mail',
          ),
          ...entries(scheduleItems(schedule), 'followUp'),
        });
        if (result.ok) return { outcome: 'created', tandem };
        // Something changed since the read (another accept, the mentee moved on): decide again.
      }
      throw new ServiceUnavailableError('The tandem could not be created under contention; retry');
    },

    async closeProposal({ menteeId, mentorId, status }) {
      // One item: a plain conditional update (a one-item transaction would cost twice the units).
      // Expiring or withdrawing needs an undecided proposal: an accept clicked as the proposal
      // lapses is never lost under an 'expired' (RecordExpiry re-reads it and goes on to accept).
      const u = updateExpression(proposalLeavesPending(status));
      const undecided = status === 'declined' ? '' : ' AND attribute_not_exists(#decision)';
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.proposal(menteeId, mentorId),
            UpdateExpression: u.expression,
            ConditionExpression: `#status = :pending${undecided}`,
            ExpressionAttributeNames: { ...u.names, '#status': 'status', ...(undecided ? { '#decision': 'decision' } : {}) },
            ExpressionAttributeValues: { ...u.values, ':pending': 'pending' },
          }),
        );
        return 'closed';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'not_pending';
        throw error;
      }
    },

    async endAttempt({ menteeId, attempt, status, now, mails, report }) {
      const mentee = menteeOf(await get(keys.person('mentee', menteeId)));
      if (mentee?.status !== 'awaiting_match' || mentee.matchingAttempt !== attempt) return 'superseded';
      const move = personTransition(mentee, status);
      const result = await transact(db, {
        mentee: update(keys.person('mentee', menteeId), { set: { ...move.set, ...(report ? { lastUnmatchedReport: report } : {}) }, remove: move.remove }, menteeInAttempt.expression, menteeInAttempt.names, { ':awaiting': 'awaiting_match', ':attempt': attempt }),
        ...entries(
          mails.map((mail) => jobPut(mail, now)),
          'mail',
        ),
      });
      return result.ok ? 'ended' : 'superseded';
    },

    async startAttempt({ menteeId, from, attempt, retryDay, preferredMentorId, now, start }) {
      const mentee = menteeOf(await get(keys.person('mentee', menteeId)));
      if (!mentee || !from.includes(mentee.status)) return 'not_eligible';
      const move = personTransition(mentee, 'awaiting_match');
      const preferred = preferredMentorId !== undefined ? { preferredMentor: { attempt, mentorId: preferredMentorId } } : {};
      // Leaving `unmatched` voids a retention notice: unmatched again later, the mentee is noticed anew.
      const remove = [...move.remove, 'retentionNoticeAt'];
      const statuses = Object.fromEntries(from.map((s, i) => [`:from${i}`, s]));
      const result = await transact(db, {
        mentee: update(
          keys.person('mentee', menteeId),
          { set: { ...move.set, matchingAttempt: attempt, ...preferred, ...(retryDay !== undefined ? { lastRetryDay: retryDay } : {}) }, remove },
          `attribute_exists(#pk) AND #status IN (${Object.keys(statuses).join(', ')}) AND (attribute_not_exists(matchingAttempt) OR matchingAttempt < :attempt)` +
            (retryDay !== undefined ? ' AND (attribute_not_exists(lastRetryDay) OR lastRetryDay < :day)' : ''),
          { '#pk': PK, '#status': 'status' },
          { ...statuses, ':attempt': attempt, ...(retryDay !== undefined ? { ':day': retryDay } : {}) },
        ),
        start: jobPut(start, now),
      });
      return result.ok ? 'started' : 'not_eligible';
    },

    async listMentees(status, limit) {
      const index = keys.personsByStatus('mentee', status);
      const mentees: MenteeProfile[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey },
            ExpressionAttributeValues: { ':pk': index.value },
            Limit: limit - mentees.length,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) mentees.push(menteeOf(item)!);
        start = page.LastEvaluatedKey;
      } while (start && mentees.length < limit);
      return mentees;
    },

    async dueReminders(now, limit) {
      const index = keys.proposalsDueForReminder();
      const proposals: Proposal[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.index,
            KeyConditionExpression: '#pk = :pk AND #sk < :bound',
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
            ExpressionAttributeValues: { ':pk': index.value, ':bound': reminderDueBound(now) },
            Limit: limit - proposals.length,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) proposals.push(proposalFromItem(item)!);
        start = page.LastEvaluatedKey;
      } while (start && proposals.length < limit);
      return proposals;
    },

    async recordReminder({ menteeId, mentorId, now, mail }) {
      const result = await transact(db, {
        proposal: update(
          keys.proposal(menteeId, mentorId),
          { set: { remindedAt: now.toISOString() }, remove: REMINDER_INDEX },
          '#status = :pending AND attribute_not_exists(decision) AND attribute_not_exists(remindedAt) AND #gpk = :due AND #gsk < :bound',
          { '#status': 'status', '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey },
          { ':pending': 'pending', ':due': keys.proposalsDueForReminder().value, ':bound': reminderDueBound(now) },
        ),
        mail: jobPut(mail, now),
      });
      return result.ok ? 'recorded' : 'not_due';
    },

    async reactivateMentor({ mentorId, now, job }) {
      for (let round = 0; round < ROUNDS; round++) {
        const mentor = mentorOf(await get(keys.person('mentor', mentorId)));
        if (!mentor) return 'not_paused';
        if (mentor.status === 'active') return 'already_active';
        // Paused by the CCI: only the CCI reactivates (the condition on the profile read covers a pause meanwhile).
        if (mentor.status !== 'paused' || mentor.pausedBy === 'cci') return 'not_paused';
        const result = await transact(db, {
          ...entries(mentorChange(mentor, { ...mentor, status: 'active' }, personTransition(mentor, 'active')), 'mentor'),
          // Unconditional: a mentor paused again may reactivate with the same job key (the job is idempotent).
          job: jobPut(job, now, { once: false }),
        });
        if (result.ok) return 'reactivated';
      }
      throw new ServiceUnavailableError('The mentor kept changing; retry');
    },
  };

  /** The candidates and how many Query pages they took (the bench reports both). */
  async function loadCandidatePages({ track, departement, remote }: { track: string; departement: string | null; remote: boolean }) {
    const partitions = [...new Set([departementBucket(departement), ...(remote ? ALL_REMOTE_BUCKETS : [])])].map((bucket) => keys.availabilityPartition(track, bucket));
    const results = await Promise.all(partitions.map(queryPartition));
    const byMentor = new Map<string, MentorCandidate>();
    for (const item of results.flatMap((r) => r.items)) {
      const candidate = candidateFromItem(item);
      if (!byMentor.has(candidate.id)) byMentor.set(candidate.id, candidate);
    }
    return { candidates: [...byMentor.values()], pages: results.reduce((sum, r) => sum + r.pages, 0) };
  }

  return Object.assign(store, { loadCandidatePages });
}
