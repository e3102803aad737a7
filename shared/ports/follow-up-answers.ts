/**
 * Recording the answers of the follow-up links (docs/follow-up.md "Check-ins", "Outcomes"): a
 * check-in answer once per person and round, an outcome once per respondent and milestone. Each is
 * one transaction with the link's token id spent, so a replayed link records nothing. Only the
 * attributes the answer owns are updated (the jobs update the same round and survey items: status,
 * sentAt, remindedAt, queue entries): never a Put over them.
 */
import type { CheckInAnswer, CheckInRole, OutcomeMilestone, OutcomeRecord, OutcomeRespondent, TandemAlert } from '../domain/follow-up';
import type { RecordedJob } from './matching-store';

/** The link being spent: its token id, kept (spent) until its expiry (epoch seconds). */
export interface SpentLink {
  tokenId: string;
  expiresAt: number;
}

/**
 * `recorded`: the answer and everything with it are stored. `already_answered`: this person (or
 * respondent) answered before, or this link was spent. `closed`: the tandem is no longer active or
 * the round (survey) is not open (cancelled, not yet sent). `not_found`: no such tandem, round or
 * survey. Anything but `recorded` changed nothing.
 */
export type AnswerOutcome = 'recorded' | 'already_answered' | 'closed' | 'not_found';

export interface CheckInAnswerInput {
  tandemId: string;
  seq: number;
  role: CheckInRole;
  /** Free texts already trimmed, empty ones absent. */
  answer: CheckInAnswer;
  link: SpentLink;
  /** When the re-armed silence watch is due (answeredAt + silentAfterDays). */
  silentAt: string;
  /** Alerts the answer raises (open, raised now): each put (one per kind: rewritten if it existed). */
  alerts: TandemAlert[];
  /** Their `follow_up_alert` mails. */
  mails: RecordedJob[];
}

export interface OutcomeAnswerInput {
  tandemId: string;
  milestone: OutcomeMilestone;
  respondent: OutcomeRespondent;
  record: OutcomeRecord;
  link: SpentLink;
}

export interface FollowUpAnswers {
  /**
   * One transaction: the answer on the round (`answers.<role>`, condition: not answered, round
   * `sent`), the tandem's `lastAnswerAt` (condition: `active`), the spent link, the silence watch
   * re-armed, an open `silent` alert resolved, the raised alerts and their mails.
   */
  answerCheckIn(input: CheckInAnswerInput): Promise<AnswerOutcome>;
  /** One transaction: the record appended to the survey (condition: `sent`, not answered by this respondent) and the spent link. */
  answerOutcome(input: OutcomeAnswerInput): Promise<AnswerOutcome>;
}
