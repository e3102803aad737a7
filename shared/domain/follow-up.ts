/**
 * A tandem's life after the match (docs/follow-up.md): its lifecycle, the check-ins mentor and
 * mentee answer by e-mailed link, the outcomes asked at 3, 6 and 12 months, the alerts the CCI sees,
 * and the schedule the jobs read (every due date is an index entry, never a Scan).
 *
 * Items live in the tandem's partition (`TANDEM#<id>`): the tandem, one check-in round per period
 * (both answers on it), one outcome survey per milestone, the silence watch, the open alerts and the
 * retention entry. Everything here is pure: dates in, dates out.
 */
import { boolean, enum as enumOf, int, literal, strictObject, string, union } from 'zod';
import type { z } from 'zod';
import { OUTCOME_MILESTONES, type CheckInRole, type OutcomeMilestone, type OutcomeRespondent } from './follow-up-terms';
import { longText } from './sign-up-fields';

export * from './follow-up-terms';
import type { Tandem, TandemStatus } from './matching';

// ── Lifecycle ────────────────────────────────────────────────────────────────────────────────────

/**
 * Why a tandem ended early. `not_a_good_fit` offers the mentee a new match (a new attempt, this
 * mentor never proposed again); `mentor_unavailable` too (not the mentee's doing); `person_erased`
 * is set by an erasure, never chosen in the console.
 */
export const END_REASONS = ['no_contact', 'not_a_good_fit', 'mentee_found_job', 'mentee_stopped', 'mentor_unavailable', 'other', 'person_erased'] as const;
export type EndReason = (typeof END_REASONS)[number];
/** End reasons after which the mentee is matched again (status `awaiting_match`, a new attempt). */
export const REMATCH_REASONS: ReadonlySet<EndReason> = new Set(['not_a_good_fit', 'mentor_unavailable']);
/** End reasons a person may choose in the console (an erasure sets `person_erased` itself). */
export const CHOSEN_END_REASONS = END_REASONS.filter((r) => r !== 'person_erased') as Exclude<EndReason, 'person_erased'>[];

/**
 * The transition table: `active` → `completed` (with an outcome) or `ended_early` (with a reason);
 * nothing leaves a closed status. Anything else answers 409 `invalid_transition`.
 */
export const TANDEM_TRANSITIONS: Readonly<Record<TandemStatus, readonly TandemStatus[]>> = {
  active: ['completed', 'ended_early'],
  completed: [],
  ended_early: [],
};
export const canTransition = (from: TandemStatus, to: TandemStatus): boolean => TANDEM_TRANSITIONS[from].includes(to);

// ── Outcomes ─────────────────────────────────────────────────────────────────────────────────────


/**
 * Job search: a positive exit as French programmes count it — permanent contract (CDI), fixed-term
 * contract of 6 months or more, work-study contract, qualifying training of more than 6 months — or
 * `none` yet. The same codes as the programme import (issue: reports).
 */
export const JOB_OUTCOMES = ['permanent_contract', 'fixed_term_6m_plus', 'work_study', 'training', 'none'] as const;
export const POSITIVE_JOB_OUTCOMES: ReadonlySet<string> = new Set(['permanent_contract', 'fixed_term_6m_plus', 'work_study', 'training']);
/** Business creation: company created (date, optional SIREN; later, whether it is still active) or `none` yet. */
export const BUSINESS_OUTCOMES = ['company_created', 'none'] as const;

const isoDay = string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'YYYY-MM-DD' });
const siren = string().regex(/^\d{9}$/).meta({ description: 'SIREN, 9 digits (optional).' });

/** An outcome as stated, discriminated by the tandem's track. */
export const outcomeValueSchema = union([
  strictObject({ track: literal('job_search'), situation: enumOf(JOB_OUTCOMES) }),
  strictObject({
    track: literal('business_creation'),
    situation: enumOf(BUSINESS_OUTCOMES),
    companyCreatedOn: isoDay.optional(),
    siren: siren.optional(),
    /** Asked once the company exists: is it still trading? */
    stillActive: boolean().optional(),
  }),
]).meta({ id: 'OutcomeValue' });
export type OutcomeValue = z.infer<typeof outcomeValueSchema>;

export const OUTCOME_SOURCES = ['mentee', 'partner', 'cci'] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];

/** One statement of an outcome, with its date and source; a correction is one more record. */
export interface OutcomeRecord {
  value: OutcomeValue;
  source: OutcomeSource;
  recordedAt: string;
}

/** The outcome survey of a milestone: asked by mail (mentee, partner), answered by link or recorded by the CCI. */
export interface OutcomeSurvey {
  tandemId: string;
  milestone: OutcomeMilestone;
  /** When it is asked (start + milestone months). */
  dueAt: string;
  status: 'scheduled' | 'sent' | 'cancelled';
  sentAt?: string;
  remindedAt?: string;
  /** Oldest first; the current outcome is the last CCI record if any, else the last record. */
  records: OutcomeRecord[];
  /** When each respondent answered by link (one answer per respondent and milestone). */
  answeredBy?: Partial<Record<OutcomeRespondent, string>>;
}

/** The outcome that counts: the CCI's latest correction wins over the people's answers. */
export function currentOutcome(records: readonly OutcomeRecord[]): OutcomeRecord | undefined {
  return records.findLast((r) => r.source === 'cci') ?? records.at(-1);
}

// ── Check-ins ────────────────────────────────────────────────────────────────────────────────────

/** `first`: about 14 days after the start (did you meet, does it fit); `monthly` afterwards. */
export const CHECK_IN_KINDS = ['first', 'monthly'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];
export const FIT_ANSWERS = ['good', 'too_early', 'not_a_good_fit'] as const;
export type FitAnswer = (typeof FIT_ANSWERS)[number];

const privateNote = longText(1000).meta({ description: 'For the CCI only: never shown to the partner or the other person.' });
const progress = longText(500).meta({ description: 'Progress in a sentence (the partner sees it).' });

/** The answer to a first check-in. */
export const firstCheckInAnswerSchema = strictObject({
  kind: literal('first'),
  firstMeetingHeld: boolean(),
  fit: enumOf(FIT_ANSWERS),
  needsHelp: boolean(),
  privateNote,
}).meta({ id: 'FirstCheckInAnswer' });
/** The answer to a monthly check-in. */
export const monthlyCheckInAnswerSchema = strictObject({
  kind: literal('monthly'),
  meetingsSince: int().min(0).max(31),
  satisfaction: int().min(1).max(5),
  progress,
  needsHelp: boolean(),
  privateNote,
}).meta({ id: 'MonthlyCheckInAnswer' });
export const checkInAnswerSchema = union([firstCheckInAnswerSchema, monthlyCheckInAnswerSchema]);
export type CheckInAnswerInput = z.infer<typeof checkInAnswerSchema>;
/** A stored answer: what was answered and when (free texts trimmed; empty ones absent). */
export type CheckInAnswer = CheckInAnswerInput & { answeredAt: string };

/** One check-in period of a tandem: asked of both, answered by each separately, once. */
export interface CheckInRound {
  tandemId: string;
  /** 1 for the first check-in, then 2, 3… */
  seq: number;
  kind: CheckInKind;
  dueAt: string;
  /** `scheduled` until the job mails it; `sent`; `cancelled` when the tandem closed first. */
  status: 'scheduled' | 'sent' | 'cancelled';
  sentAt?: string;
  /** The one reminder (to whoever had not answered). */
  remindedAt?: string;
  answers: Partial<Record<CheckInRole, CheckInAnswer>>;
}

// ── Alerts (the CCI's "needs attention") ────────────────────────────────────────────────────────

/**
 * `help_requested`: someone ticked "I need the CCI's help" (the CCI and the partner are mailed);
 * `not_a_good_fit`: the first check-in says the pairing does not fit (the CCI is mailed and may end
 * the tandem, which offers the mentee a new match); `silent`: no answer from either side for
 * `silentAfterDays`. An alert stays open until the CCI resolves it or the tandem closes.
 */
export const ALERT_KINDS = ['help_requested', 'not_a_good_fit', 'silent'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface TandemAlert {
  tandemId: string;
  kind: AlertKind;
  raisedAt: string;
  /** Who raised it: a role for answers, `system` for silence. */
  raisedBy: CheckInRole | 'system';
  /** The round that raised it, for answers. */
  seq?: number;
  status: 'open' | 'resolved';
  resolvedAt?: string;
}

/** A tandem with its whole follow-up: what one Query of its partition returns (items.ts tandemFromPartition). */
export interface TandemFollowUp {
  tandem: Tandem;
  /** By `seq`. */
  rounds: CheckInRound[];
  /** By milestone. */
  surveys: OutcomeSurvey[];
  alerts: TandemAlert[];
  watch?: { tandemId: string; dueAt: string; armed: boolean };
  retention?: { tandemId: string; dueAt: string; done: boolean };
}

// ── Settings and schedule ────────────────────────────────────────────────────────────────────────

/**
 * The stage's follow-up and retention settings (infra/config/stages.ts `followUp`; env group
 * `followUp`). Every duration the privacy policy states comes from here.
 */
export interface FollowUpSettings {
  /** Days after the start when the first check-in is asked. */
  firstCheckInDays: number;
  /** Days between monthly check-ins. */
  checkInIntervalDays: number;
  /** Days after a check-in or outcome mail when the one reminder goes to whoever has not answered. */
  reminderAfterDays: number;
  /** Days a check-in or outcome link stays valid (at most MAX_FOLLOW_UP_LINK_DAYS). */
  linkDays: number;
  /** Days without an answer from either side after which an active tandem is flagged silent. */
  silentAfterDays: number;
  /** Days after sign-up when a still unmatched mentee profile is erased… */
  unmatchedRetentionDays: number;
  /** …after a notice sent this many days before. */
  retentionNoticeDays: number;
  /** Days after a tandem closed when its personal fields (free texts, the mentee's profile) are erased. */
  closedTandemRetentionDays: number;
}

export const FOLLOW_UP_DEFAULTS: FollowUpSettings = {
  firstCheckInDays: 14,
  checkInIntervalDays: 30,
  reminderAfterDays: 7,
  linkDays: 30,
  silentAfterDays: 60,
  unmatchedRetentionDays: 365,
  retentionNoticeDays: 30,
  closedTandemRetentionDays: 3 * 365,
};

const DAY_MS = 86_400_000;
export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
/** `iso` plus `months` calendar months (UTC), the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
}

/** When round `seq` of a tandem started at `startedAt` is due: first after firstCheckInDays, then every checkInIntervalDays. */
export function checkInDueAt(startedAt: string, seq: number, s: Pick<FollowUpSettings, 'firstCheckInDays' | 'checkInIntervalDays'>): string {
  return addDays(startedAt, s.firstCheckInDays + (seq - 1) * s.checkInIntervalDays);
}
export const checkInKindOf = (seq: number): CheckInKind => (seq === 1 ? 'first' : 'monthly');

/** The schedule a new tandem starts with: its first check-in round and its three outcome surveys. */
export function initialSchedule(tandem: { id: string; startedAt: string }, s: FollowUpSettings): { round: CheckInRound; surveys: OutcomeSurvey[]; silentAt: string } {
  return {
    round: { tandemId: tandem.id, seq: 1, kind: 'first', dueAt: checkInDueAt(tandem.startedAt, 1, s), status: 'scheduled', answers: {} },
    surveys: OUTCOME_MILESTONES.map((milestone) => ({ tandemId: tandem.id, milestone, dueAt: addMonths(tandem.startedAt, milestone), status: 'scheduled', records: [] })),
    silentAt: addDays(tandem.startedAt, s.silentAfterDays),
  };
}

// ── Links ────────────────────────────────────────────────────────────────────────────────────────

