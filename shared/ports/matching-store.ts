/**
 * Persistence of matching: the availability index, proposals, decisions, tandems and the mentee's
 * matching status. Every method that changes state is one conditional write or one transaction,
 * and records its after-commit jobs (mails, workflow starts, decision deliveries) in it: the
 * database enforces the invariants (a proposal decided once, never more tandems than places, never
 * a mentee in two tandems), never a read-then-write.
 */
import type { initialSchedule } from '../domain/follow-up';
import type { DeclineReason, Decision, Proposal, Tandem } from '../domain/matching';
import type { OutboxJob } from '../domain/outbox';
import type { MenteeProfile, MentorProfile, Partner, UnmatchedReport } from '../domain/people';
import type { MentorCandidate } from '../matching/types';

/** A job to record with a change; `dedupKey` makes the same job of a replayed step one item. */
export interface RecordedJob {
  job: OutboxJob;
  dedupKey: string;
}

export interface MenteeWithProposals {
  mentee: MenteeProfile;
  /** Every proposal ever made for this mentee, whatever its status. */
  proposals: Proposal[];
}

/**
 * `recorded`: new proposal, its mail job recorded. `rebound`: the pending proposal (a resumed
 * attempt) now waits on this task's token; no new mail. `decided`: a decision was recorded but
 * never delivered (the earlier task is gone): the caller hands it to this task at once. `final`:
 * the proposal is over (declined, expired…): skip this candidate.
 */
export type RecordProposalOutcome =
  | { outcome: 'recorded' | 'rebound' }
  | { outcome: 'decided'; decision: Decision }
  | { outcome: 'final'; status: Proposal['status'] };

/** `recorded`: the decision is on the proposal and its delivery job recorded. Otherwise nothing changed. */
export type DecideOutcome =
  | { outcome: 'recorded' }
  | { outcome: 'already_decided'; decision: Decision }
  | { outcome: 'closed'; status: Proposal['status'] }
  | { outcome: 'not_found' };

/** What a new tandem's follow-up starts with (shared/domain/follow-up.ts `initialSchedule`). */
export type InitialSchedule = ReturnType<typeof initialSchedule>;

export type CreateTandemOutcome = { outcome: 'created'; tandem: Tandem } | { outcome: 'capacity_gone' } | { outcome: 'mentee_gone' };

export interface MatchingStore {
  getMentee(menteeId: string): Promise<MenteeWithProposals | undefined>;
  getMentor(mentorId: string): Promise<MentorProfile | undefined>;
  getPartner(partnerId: string): Promise<Partner | undefined>;
  getProposal(menteeId: string, mentorId: string): Promise<Proposal | undefined>;
  /** The proposal with the token of the workflow task waiting on it (server-side only). */
  getProposalWithToken(menteeId: string, mentorId: string): Promise<{ proposal: Proposal; taskToken: string } | undefined>;
  getTandem(tandemId: string): Promise<Tandem | undefined>;

  /**
   * Mentors available for a track within reach: the entries of the département's partition, plus
   * every remote shard when `remote` (read in parallel), each mentor once. Never a Scan.
   */
  loadCandidates(query: { track: string; departement: string | null; remote: boolean }): Promise<MentorCandidate[]>;

  /**
   * Records the proposal (new: with its mail job; pending: re-binds the task token), on condition
   * that the mentee is still in `awaiting_match` at `attempt` (else throws MatchingSupersededError).
   */
  recordProposal(input: { proposal: Proposal; taskToken: string; remindAt: string; mail: RecordedJob }): Promise<RecordProposalOutcome>;

  /**
   * The mentor's click: sets the decision once (condition: pending and undecided) and records the
   * delivery job; with `decline_and_pause`, pauses the mentor (out of the availability index) in
   * the same transaction.
   */
  decide(input: { menteeId: string; mentorId: string; decision: Decision; reason?: DeclineReason; now: Date; delivery: RecordedJob }): Promise<DecideOutcome>;

  /**
   * The accept, in one transaction: the tandem is created, the mentor's active count goes up under
   * the condition `< capacity` (its availability entries rewritten), the mentee moves from
   * `awaiting_match` (at `attempt`) to `in_tandem`, the proposal becomes `accepted`, and the
   * introduction mails are recorded, and the tandem's follow-up is put (`schedule`: the first
   * check-in round, the three outcome surveys, the armed silence watch, each in its due queue).
   * When the mentor has no place left, the proposal becomes `capacity_gone` instead (and nothing
   * else changes). AcceptProposal always passes `schedule`; only tests about places leave it out.
   */
  createTandem(input: { tandem: Tandem; now: Date; mails: (tandem: Tandem) => RecordedJob[]; schedule?: InitialSchedule }): Promise<CreateTandemOutcome>;

  /**
   * Declined / timed out / withdrawn: the proposal's final status (condition: still pending; for
   * `expired` and `withdrawn`, also undecided — a decision recorded meanwhile wins), out of the
   * reminder index.
   */
  closeProposal(input: { menteeId: string; mentorId: string; status: 'declined' | 'expired' | 'withdrawn'; now: Date }): Promise<'closed' | 'not_pending'>;

  /**
   * `awaiting_match` (at `attempt`) → `unmatched` or `matching_failed`, with the report or alert
   * mails; `report` (an attempt that found nobody) is kept on the mentee as `lastUnmatchedReport`.
   */
  endAttempt(input: {
    menteeId: string;
    attempt: number;
    status: 'unmatched' | 'matching_failed';
    now: Date;
    mails: RecordedJob[];
    report?: UnmatchedReport;
  }): Promise<'ended' | 'superseded'>;

  /**
   * A new attempt: the mentee (in one of `from`) goes to `awaiting_match` at `attempt`, with its
   * start job. `retryDay` (yyyy-mm-dd): at most one retry a day (condition on `lastRetryDay`).
   * `preferredMentorId`: the CCI chose this mentor (a mentor proposed from the console, a published
   * cohort pair); recorded on the mentee for this attempt, RankCandidates proposes to it first.
   * Leaving `unmatched` voids a retention notice (`retentionNoticeAt` removed): unmatched again
   * later, the mentee gets a new notice and a whole notice period.
   */
  startAttempt(input: {
    menteeId: string;
    from: readonly MenteeProfile['status'][];
    attempt: number;
    retryDay?: string;
    preferredMentorId?: string;
    now: Date;
    start: RecordedJob;
  }): Promise<'started' | 'not_eligible'>;

  /** Mentees in a status (status index), oldest first, at most `limit`. */
  listMentees(status: MenteeProfile['status'], limit: number): Promise<MenteeProfile[]>;

  /** Pending proposals whose reminder is due at `now` (reminder index), at most `limit`. */
  dueReminders(now: Date, limit: number): Promise<Proposal[]>;
  /** Marks the one reminder (condition: pending, undecided, not reminded) and records its mail. */
  recordReminder(input: { menteeId: string; mentorId: string; now: Date; mail: RecordedJob }): Promise<'recorded' | 'not_due'>;

  /** `paused` → `active` (availability entries written back) with a `capacity_appeared` job; idempotent. */
  reactivateMentor(input: { mentorId: string; now: Date; job: RecordedJob }): Promise<'reactivated' | 'already_active' | 'not_paused'>;
}
