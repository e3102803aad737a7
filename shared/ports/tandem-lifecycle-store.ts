/**
 * Persistence of a tandem's lifecycle after the match (docs/follow-up.md, "Lifecycle"): closing it
 * in one transaction, the CCI's outcome records, resolving an alert. Every change is one
 * conditional write or one transaction: a concurrent change (an answer, a job's run) makes it fail
 * and the method decide again from a fresh read, never overwrite.
 */
import type { AlertKind, EndReason, OutcomeMilestone, OutcomeRecord, OutcomeSurvey, TandemAlert } from '../domain/follow-up';
import type { Tandem } from '../domain/matching';
import type { MenteeProfile, MentorProfile } from '../domain/people';
import type { RecordedJob } from './matching-store';
import type { CloseTandemResult } from './tandem-lifecycle';

/** The people of a tandem as read when it closes (absent when the profile is gone). */
export interface ClosingPeople {
  tandem: Tandem;
  mentor?: MentorProfile;
  mentee?: MenteeProfile;
}

export interface CloseTandemChange {
  tandemId: string;
  next: 'completed' | 'ended_early';
  /** Set on the tandem with the status (endReason, outcome, endNote); `endedAt` is `now`. */
  fields: { endReason?: EndReason; outcome?: OutcomeRecord['value']; endNote?: string };
  now: Date;
  /** Days after the end when the retention job erases the tandem's personal fields. */
  retentionDays: number;
  /**
   * Whether the mentee goes back to matching (a new attempt, this mentor in `endedWith`): decided
   * on what was read. Only a mentee still `in_tandem` in this tandem is matched again.
   */
  rematch: (people: ClosingPeople) => boolean;
  /** Whether the outcome surveys still scheduled or sent are cancelled (a re-match, an erasure): a sent one's link then answers `closed`. */
  cancelSurveys: (people: ClosingPeople & { rematch: boolean }) => boolean;
  /** `completed`: the outcome also recorded as a CCI record on this milestone's survey. */
  outcomeRecord?: { milestone: (tandem: Tandem) => OutcomeMilestone; record: OutcomeRecord };
  /**
   * The after-commit jobs (mails, `capacity_appeared`, `start_matching` at `rematchAttempt`),
   * from what was read; each recorded once (dedup key).
   */
  jobs: (people: ClosingPeople & { rematch: boolean; rematchAttempt?: number; mentorFreed: boolean }) => RecordedJob[];
}

/** At most this many items in one DynamoDB transaction. */
export const TRANSACTION_LIMIT = 100;

export interface TandemLifecycleStore {
  /** The tandem (GetItem), for the checks before a change. */
  getTandem(tandemId: string): Promise<Tandem | undefined>;

  /**
   * Closes an active tandem in one transaction conditioned on what was read (the tandem `active`
   * and unanswered since, the mentor's load, the mentee in this tandem, each follow-up item in the
   * state read): the tandem's new status and fields; the mentor's `activeMentees - 1` and its
   * availability entries rewritten; the mentee `closed` or back to `awaiting_match`; scheduled
   * check-in rounds cancelled, sent ones out of the reminder queue; the silence watch disarmed;
   * open alerts resolved; surveys (scheduled or sent) cancelled when asked; the retention entry; the jobs.
   */
  close(change: CloseTandemChange): Promise<CloseTandemResult>;

  /**
   * Appends a record to a milestone's survey (list_append); creates the survey (`template`, with
   * this one record) when the tandem has none (older tandems). Returns the survey as stored.
   */
  appendOutcomeRecord(input: { tandemId: string; milestone: OutcomeMilestone; record: OutcomeRecord; template: OutcomeSurvey }): Promise<OutcomeSurvey>;

  /** An alert leaves the attention index (`resolved`, its first `resolvedAt` kept): idempotent. */
  resolveAlert(input: { tandemId: string; kind: AlertKind; now: Date }): Promise<TandemAlert | undefined>;
}
