/**
 * In-memory MatchingStore with the DynamoDB adapter's semantics, condition for condition: the same
 * items (item builders) under the same keys, the same outcome when several conditions fail (read
 * in the same order as the DynamoDB adapter reads its cancellation reasons). Each method checks
 * every condition before it writes anything, with no `await` in between, so a refused transaction
 * changes nothing and racing calls are serial.
 */
import {
  availabilityChanges,
  candidateFromItem,
  checkInRoundItem,
  JOB_ITEM_SECONDS,
  outboxItem,
  outcomeSurveyItem,
  partnerFromItem,
  personFromItem,
  personTransition,
  menteeFromPartition,
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
import type { MenteeProfile, MentorProfile } from '../../domain/people';
import type { MatchingStore, RecordedJob } from '../../ports/matching-store';
import type { MentorCandidate } from '../../matching/types';
import { epoch, type MemoryTable } from './table';

const PK = TABLE.partitionKey;
const SK = TABLE.sortKey;
const { GSI1 } = TABLE.indexes;
/** The reminder index attributes a proposal leaves once decided, reminded or closed. */
const REMINDER_INDEX = [GSI1.partitionKey, GSI1.sortKey];

/** Sets and removes attributes, as an UpdateExpression does. */
function updated(item: Item, changes: { set?: Item; remove?: readonly string[] }): Item {
  const next: Item = { ...item };
  for (const name of changes.remove ?? []) delete next[name];
  return { ...next, ...changes.set };
}

const mentorOf = (item: Item | undefined) => personFromItem(item) as MentorProfile | undefined;
const menteeOf = (item: Item | undefined) => personFromItem(item) as MenteeProfile | undefined;

/** Statuses of a mentor who may still take a mentee (a paused mentor keeps the tandems it accepted). */
export const MENTOR_STATUSES_THAT_ACCEPT: readonly MentorProfile['status'][] = ['active', 'paused'];

/** The sort key bound of the reminder index: every reminder due at `now` sorts below it. */
export const reminderDueBound = (now: Date) => `${now.toISOString()}$`;

export function memoryMatchingStore(table: MemoryTable): MatchingStore {
  const jobItem = (recorded: RecordedJob, now: Date) => outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS });
  const jobExists = (recorded: RecordedJob) => table.get(keys.outbox(recorded.job.kind, recorded.dedupKey)) !== undefined;
  const inAttempt = (mentee: Item | undefined, attempt: number) => mentee?.status === 'awaiting_match' && mentee.matchingAttempt === attempt;
  /** A mentor's profile changed from `before` to `after`: the profile and its availability entries. */
  const writeMentor = (profile: Item, before: MentorProfile, after: MentorProfile, changes: { set: Item; remove?: readonly string[] }) => {
    const availability = availabilityChanges(before, after);
    table.put(updated(profile, changes));
    for (const key of availability.deletes) table.delete(key);
    for (const entry of availability.puts) table.put(entry);
  };

  return {
    async getMentee(menteeId) {
      // The partition as a Query returns it: sorted by sort key.
      const partition = keys.person('mentee', menteeId)[PK];
      const items = table
        .scan()
        .filter((item) => item[PK] === partition)
        .sort((a, b) => String(a[SK]).localeCompare(String(b[SK])));
      return menteeFromPartition(menteeId, items);
    },

    async getMentor(mentorId) {
      return mentorOf(table.get(keys.person('mentor', mentorId)));
    },

    async getPartner(partnerId) {
      return partnerFromItem(table.get(keys.partner(partnerId)));
    },

    async getProposal(menteeId, mentorId) {
      return proposalFromItem(table.get(keys.proposal(menteeId, mentorId)));
    },

    async getProposalWithToken(menteeId, mentorId) {
      const item = table.get(keys.proposal(menteeId, mentorId));
      if (!item) return undefined;
      return { proposal: proposalFromItem(item)!, taskToken: String(item[TASK_TOKEN_ATTRIBUTE]) };
    },

    async getTandem(tandemId) {
      return tandemFromItem(table.get(keys.tandem(tandemId)));
    },

    async loadCandidates({ track, departement, remote }) {
      const partitions = new Set([departementBucket(departement), ...(remote ? ALL_REMOTE_BUCKETS : [])].map((bucket) => keys.availabilityPartition(track, bucket)));
      const byMentor = new Map<string, MentorCandidate>();
      const entries = table
        .scan()
        .filter((item) => partitions.has(String(item[PK])))
        .sort((a, b) => String(a[SK]).localeCompare(String(b[SK])));
      for (const entry of entries) {
        const candidate = candidateFromItem(entry);
        if (!byMentor.has(candidate.id)) byMentor.set(candidate.id, candidate);
      }
      return [...byMentor.values()];
    },

    async recordProposal({ proposal, taskToken, remindAt, mail }) {
      const { menteeId, mentorId, attempt } = proposal;
      const mentee = table.get(keys.person('mentee', menteeId));
      const current = table.get(keys.proposal(menteeId, mentorId));
      if (!inAttempt(mentee, attempt)) throw new MatchingSupersededError('The mentee is no longer awaiting a match at this attempt');
      if (!current) {
        table.put(proposalItem(proposal, { taskToken, remindAt }));
        table.put(jobItem(mail, new Date(proposal.createdAt)));
        return { outcome: 'recorded' };
      }
      const stored = proposalFromItem(current)!;
      if (stored.status !== 'pending') return { outcome: 'final', status: stored.status };
      // Pending: this task now waits on it (a delivery still under way reaches the new token too).
      table.put(updated(current, { set: { [TASK_TOKEN_ATTRIBUTE]: taskToken, attempt } }));
      return stored.decision ? { outcome: 'decided', decision: stored.decision } : { outcome: 'rebound' };
    },

    async decide({ menteeId, mentorId, decision, reason, now, delivery }) {
      const current = table.get(keys.proposal(menteeId, mentorId));
      if (!current) return { outcome: 'not_found' };
      const stored = proposalFromItem(current)!;
      if (stored.decision) return { outcome: 'already_decided', decision: stored.decision };
      if (stored.status !== 'pending') return { outcome: 'closed', status: stored.status };
      const profile = decision === 'decline_and_pause' ? table.get(keys.person('mentor', mentorId)) : undefined;
      const mentor = mentorOf(profile);
      table.put(updated(current, { set: { decision, decidedAt: now.toISOString(), ...(reason ? { declineReason: reason } : {}) }, remove: REMINDER_INDEX }));
      table.put(jobItem(delivery, now));
      if (profile && mentor?.status === 'active') {
        const paused: MentorProfile = { ...mentor, status: 'paused' };
        writeMentor(profile, mentor, paused, personTransition(mentor, 'paused'));
      }
      return { outcome: 'recorded' };
    },

    async createTandem({ tandem, now, mails, schedule }) {
      const { menteeId, mentorId, attempt } = tandem;
      const proposalKey = keys.proposal(menteeId, mentorId);
      const current = table.get(proposalKey);
      const stored = proposalFromItem(current);
      const menteeRow = table.get(keys.person('mentee', menteeId));
      const mentorRow = table.get(keys.person('mentor', mentorId));
      const mentor = mentorOf(mentorRow);
      // A replayed accept (the task retried after its transaction committed) finds its tandem.
      if (stored?.status === 'accepted' && stored.tandemId) {
        const existing = tandemFromItem(table.get(keys.tandem(stored.tandemId)));
        if (existing) return { outcome: 'created', tandem: existing };
      }
      if (!inAttempt(menteeRow, attempt)) return { outcome: 'mentee_gone' };
      if (!current || !stored || stored.status !== 'pending') throw new Error(`The proposal is not pending (${stored?.status ?? 'absent'})`);
      if (!mentorRow || !mentor || !MENTOR_STATUSES_THAT_ACCEPT.includes(mentor.status) || mentor.activeMentees >= mentor.capacity) {
        table.put(updated(current, proposalLeavesPending('capacity_gone')));
        return { outcome: 'capacity_gone' };
      }
      const followUp = schedule
        ? [checkInRoundItem(schedule.round), ...schedule.surveys.map((survey) => outcomeSurveyItem(survey)), silenceWatchItem({ tandemId: tandem.id, dueAt: schedule.silentAt, armed: true })]
        : [];
      // Follow-up items are new items (attribute_not_exists): one left over refuses the transaction, as DynamoDB does round after round.
      if (followUp.some((item) => table.get(item as Key) !== undefined)) throw new ServiceUnavailableError('The tandem could not be created under contention; retry');
      const mentee = menteeOf(menteeRow)!;
      const loaded: MentorProfile = { ...mentor, activeMentees: mentor.activeMentees + 1 };
      const menteeMove = personTransition(mentee, 'in_tandem');
      table.put(tandemItem(tandem));
      writeMentor(mentorRow, mentor, loaded, { set: { activeMentees: loaded.activeMentees } });
      table.put(updated(menteeRow!, { set: { ...menteeMove.set, tandemId: tandem.id }, remove: menteeMove.remove }));
      table.put(updated(current, proposalLeavesPending('accepted', { tandemId: tandem.id })));
      for (const mail of mails(tandem)) table.put(jobItem(mail, now));
      for (const item of followUp) table.put(item);
      return { outcome: 'created', tandem };
    },

    async closeProposal({ menteeId, mentorId, status }) {
      const current = table.get(keys.proposal(menteeId, mentorId));
      if (current?.status !== 'pending') return 'not_pending';
      if (status !== 'declined' && current.decision !== undefined) return 'not_pending';
      table.put(updated(current, proposalLeavesPending(status)));
      return 'closed';
    },

    async endAttempt({ menteeId, attempt, status, now, mails, report }) {
      const row = table.get(keys.person('mentee', menteeId));
      if (!inAttempt(row, attempt)) return 'superseded';
      const move = personTransition(menteeOf(row)!, status);
      table.put(updated(row!, { set: { ...move.set, ...(report ? { lastUnmatchedReport: report } : {}) }, remove: move.remove }));
      for (const mail of mails) table.put(jobItem(mail, now));
      return 'ended';
    },

    async startAttempt({ menteeId, from, attempt, retryDay, preferredMentorId, now, start }) {
      const row = table.get(keys.person('mentee', menteeId));
      const mentee = menteeOf(row);
      if (!row || !mentee || !from.includes(mentee.status)) return 'not_eligible';
      if ((mentee.matchingAttempt ?? 0) >= attempt) return 'not_eligible';
      if (retryDay !== undefined && mentee.lastRetryDay !== undefined && mentee.lastRetryDay >= retryDay) return 'not_eligible';
      if (jobExists(start)) return 'not_eligible';
      const move = personTransition(mentee, 'awaiting_match');
      const preferred = preferredMentorId !== undefined ? { preferredMentor: { attempt, mentorId: preferredMentorId } } : {};
      // Leaving `unmatched` voids a retention notice: unmatched again later, the mentee is noticed anew.
      table.put(updated(row, { set: { ...move.set, matchingAttempt: attempt, ...preferred, ...(retryDay !== undefined ? { lastRetryDay: retryDay } : {}) }, remove: [...move.remove, 'retentionNoticeAt'] }));
      table.put(jobItem(start, now));
      return 'started';
    },

    async listMentees(status, limit) {
      const index = keys.personsByStatus('mentee', status);
      return table
        .scan()
        .filter((item) => item[index.partitionKey] === index.value)
        .sort((a, b) => String(a[GSI1.sortKey]).localeCompare(String(b[GSI1.sortKey])))
        .slice(0, limit)
        .map((item) => menteeOf(item)!);
    },

    async dueReminders(now, limit) {
      const index = keys.proposalsDueForReminder();
      const bound = reminderDueBound(now);
      return table
        .scan()
        .filter((item) => item[index.partitionKey] === index.value && String(item[index.sortKey]) < bound)
        .sort((a, b) => String(a[index.sortKey]).localeCompare(String(b[index.sortKey])))
        .slice(0, limit)
        .map((item) => proposalFromItem(item)!);
    },

    async recordReminder({ menteeId, mentorId, now, mail }) {
      const current = table.get(keys.proposal(menteeId, mentorId));
      const due =
        current?.status === 'pending' &&
        current.decision === undefined &&
        current.remindedAt === undefined &&
        current[GSI1.partitionKey] === keys.proposalsDueForReminder().value &&
        String(current[GSI1.sortKey]) < reminderDueBound(now);
      if (!due || jobExists(mail)) return 'not_due';
      table.put(updated(current, { set: { remindedAt: now.toISOString() }, remove: REMINDER_INDEX }));
      table.put(jobItem(mail, now));
      return 'recorded';
    },

    async reactivateMentor({ mentorId, now, job }) {
      const row = table.get(keys.person('mentor', mentorId));
      const mentor = mentorOf(row);
      if (!row || !mentor) return 'not_paused';
      if (mentor.status === 'active') return 'already_active';
      if (mentor.status !== 'paused' || mentor.pausedBy === 'cci') return 'not_paused';
      writeMentor(row, mentor, { ...mentor, status: 'active' }, personTransition(mentor, 'active'));
      // Written unconditionally: a mentor paused again may reactivate with the same job key (the job is idempotent).
      table.put(jobItem(job, now));
      return 'reactivated';
    },
  };
}
