/**
 * The follow-up jobs' side of a tandem's partition (docs/follow-up.md, "Check-ins" and
 * "Outcomes"): the due queues they read (GSI1 `DUE#<queue>`, up to `now`, a page at a time) and
 * the one conditional write per item that acts on it and moves it out of its queue, so a job run
 * twice does nothing twice.
 *
 * Answers are recorded on the same round and survey items by another writer (UpdateItem on
 * `answers.<role>`, `answeredBy.<respondent>`, `records`; the silence watch re-armed): every method
 * here updates only the attributes it changes and puts only new items (`attribute_not_exists`),
 * never an item over one that exists.
 */
import type { CheckInRole, CheckInRound, OutcomeMilestone, OutcomeRespondent, OutcomeSurvey } from '../domain/follow-up';
import type { Locale } from '../domain/locale';
import type { Tandem } from '../domain/matching';
import type { Role } from '../domain/people';
import type { RecordedJob } from './matching-store';

export type { RecordedJob } from './matching-store';

/** Where the next page of a due queue starts (opaque: the adapter's last key read). */
export type DueCursor = Record<string, unknown>;
/** One page of a due queue, oldest due first; `next` when more may follow. */
export interface DuePage<T> {
  items: T[];
  next?: DueCursor;
}
export interface PageRequest {
  limit: number;
  after?: DueCursor | undefined;
}

export interface SilenceWatch {
  tandemId: string;
  dueAt: string;
  armed: boolean;
}

/** `sent`: done. `not_due`: the round was no longer scheduled (another run sent it). `tandem_closed`: the tandem is not active (nothing written). */
export type SendRoundOutcome = 'sent' | 'not_due' | 'tandem_closed';
/** `reminded`: the round (or survey) left its reminder queue; `mailed`: who got the reminder (nobody when everyone answered or the tandem closed). */
export type RemindOutcome<R extends string> = { outcome: 'reminded'; mailed: R[] } | { outcome: 'not_due' };
/** `flagged`: watch disarmed, alert opened, mail recorded. `tandem_closed` / `already_open`: the watch disarmed only. `not_due`: the watch was re-armed or disarmed meanwhile. */
export type FlagSilentOutcome = 'flagged' | 'not_due' | 'tandem_closed' | 'already_open';

export interface FollowUpSchedule {
  /** Check-in rounds due at `now` in `CHECKIN` (to mail) or `CHECKIN_REMINDER` (to remind). */
  dueRounds(queue: 'CHECKIN' | 'CHECKIN_REMINDER', now: Date, page: PageRequest): Promise<DuePage<CheckInRound>>;
  /** Outcome surveys due at `now` in `OUTCOME` or `OUTCOME_REMINDER`. */
  dueSurveys(queue: 'OUTCOME' | 'OUTCOME_REMINDER', now: Date, page: PageRequest): Promise<DuePage<OutcomeSurvey>>;
  /** Armed silence watches due at `now` (`SILENCE`). */
  dueWatches(now: Date, page: PageRequest): Promise<DuePage<SilenceWatch>>;

  /** The tandem (consistent read); `undefined` when unknown. */
  getTandem(tandemId: string): Promise<Tandem | undefined>;
  /** A person's language for its mails; `undefined` when there is no such profile. */
  localeOf(role: Role, personId: string): Promise<Locale | undefined>;

  /**
   * One transaction, on condition that the round is still `scheduled` in `CHECKIN` and due, and
   * the tandem `active`: the round `sent` at `now` and moved to `CHECKIN_REMINDER` at `remindAt`,
   * `next` put (a new item), the mail jobs recorded.
   */
  sendRound(input: { tandemId: string; seq: number; now: Date; remindAt: string; next: CheckInRound; mails: RecordedJob[] }): Promise<SendRoundOutcome>;
  /** A scheduled round whose tandem is no longer active: `cancelled`, out of its queue. */
  cancelRound(input: { tandemId: string; seq: number }): Promise<'cancelled' | 'not_scheduled'>;
  /**
   * The one reminder of a sent round (condition: still in `CHECKIN_REMINDER`, due, not reminded):
   * `remindedAt` set, out of the queue, and `mails(unanswered)` recorded — the roles without an
   * answer as read, on condition they still have none; nobody when the tandem is not active.
   */
  remindRound(input: { tandemId: string; seq: number; now: Date; mails: (unanswered: CheckInRole[]) => RecordedJob[] }): Promise<RemindOutcome<CheckInRole>>;

  /**
   * A scheduled survey (condition: still `scheduled` in `OUTCOME`, due): `sent` at `now`, moved to
   * `OUTCOME_REMINDER` at `remindAt`, the mail jobs recorded. Whatever the tandem's status: the
   * outcome is asked after the end too (a closing that must not ask cancels the surveys).
   */
  sendSurvey(input: { tandemId: string; milestone: OutcomeMilestone; now: Date; remindAt: string; mails: RecordedJob[] }): Promise<'sent' | 'not_due'>;
  /** A scheduled survey of a tandem that no longer exists: `cancelled`, out of its queue. */
  cancelSurvey(input: { tandemId: string; milestone: OutcomeMilestone }): Promise<'cancelled' | 'not_scheduled'>;
  /**
   * The one reminder of a sent survey (condition: still in `OUTCOME_REMINDER`, due, not
   * reminded): `remindedAt` set, out of the queue, `mails(unanswered)` recorded — the mentee and,
   * for a referred mentee, the partner, less those in `answeredBy` (on condition they still are not).
   */
  remindSurvey(input: { tandemId: string; milestone: OutcomeMilestone; now: Date; mails: (unanswered: OutcomeRespondent[]) => RecordedJob[] }): Promise<RemindOutcome<OutcomeRespondent>>;

  /**
   * A silent tandem, in one transaction on condition that the watch is still armed at `dueAt` and
   * the tandem `active`: the watch disarmed (out of `SILENCE`), the `silent` alert opened (put over
   * a resolved one, never over an open one), the CCI's mail recorded.
   */
  flagSilent(input: { tandemId: string; dueAt: string; now: Date; mail: RecordedJob }): Promise<FlagSilentOutcome>;
}
