/**
 * The follow-up's API contract (docs/follow-up.md): the public check-in and outcome pages (token of
 * an e-mailed link), the CCI's tandem actions (close, record an outcome, resolve an alert), the
 * personal-data actions (export, erase) and the partner's tandem page. Partner-facing shapes never
 * carry private notes nor the CCI's closing note.
 */
import { array, boolean, enum as enumOf, int, literal, object, optional, record, strictObject, string, union, unknown, uuid } from 'zod';
import type { z } from 'zod';
import {
  ALERT_KINDS,
  CHECK_IN_KINDS,
  CHECK_IN_ROLES,
  CHOSEN_END_REASONS,
  END_REASONS,
  FIT_ANSWERS,
  OUTCOME_RESPONDENTS,
  OUTCOME_SOURCES,
  checkInAnswerSchema,
  outcomeValueSchema,
} from './follow-up';
import { TANDEM_STATUSES } from './matching';
import { ROLES } from './people';
import { longText } from './sign-up-fields';

const token = string().min(10).max(2048);
const personName = object({ id: string(), firstName: string(), lastName: string() });

// ── Public pages: one page for both kinds of follow-up link ─────────────────────────────────────

export const viewFollowUpSchema = strictObject({ token }).meta({ id: 'ViewFollowUp' });
export type ViewFollowUpRequest = z.infer<typeof viewFollowUpSchema>;

/**
 * `answer` must match the link: a check-in answer of the round's kind for a `check_in` link, an
 * outcome of the tandem's track for an `outcome` link (otherwise 400 `link_invalid`).
 */
export const answerFollowUpSchema = strictObject({
  token,
  answer: union([checkInAnswerSchema, outcomeValueSchema]),
}).meta({ id: 'AnswerFollowUp' });
export type AnswerFollowUpRequest = z.infer<typeof answerFollowUpSchema>;

/** What the follow-up page shows: first names and the track only, never a last name or an address. */
export const followUpViewSchema = union([
  object({
    purpose: literal('check_in'),
    role: enumOf(CHECK_IN_ROLES),
    seq: int(),
    kind: enumOf(CHECK_IN_KINDS),
    /** `open`: the form; `answered`: this person already answered this round; `closed`: the tandem ended. */
    status: enumOf(['open', 'answered', 'closed']),
    answeredAt: optional(string()),
    firstName: string().meta({ description: 'The person the link was sent to.' }),
    otherFirstName: string().meta({ description: 'The other member of the tandem.' }),
    track: string(),
    startedAt: string(),
    locale: enumOf(['fr', 'en']),
  }),
  object({
    purpose: literal('outcome'),
    respondent: enumOf(OUTCOME_RESPONDENTS),
    milestone: int().meta({ description: 'Months after the start: 3, 6 or 12.' }),
    status: enumOf(['open', 'answered']),
    answeredAt: optional(string()),
    /** The mentee's first name (the partner's page names the beneficiary). */
    menteeFirstName: string(),
    track: enumOf(['job_search', 'business_creation']),
    startedAt: string(),
    locale: enumOf(['fr', 'en']),
  }),
]).meta({ id: 'FollowUpView' });

export const answerFollowUpResultSchema = object({ status: enumOf(['recorded', 'already_answered', 'closed']) }).meta({ id: 'AnswerFollowUpResult' });

// ── The tandem's follow-up as the console shows it ─────────────────────────────────────────────

const answerView = object({
  answeredAt: string(),
  kind: enumOf(CHECK_IN_KINDS),
  firstMeetingHeld: optional(boolean()),
  fit: optional(enumOf(FIT_ANSWERS)),
  meetingsSince: optional(int()),
  satisfaction: optional(int()),
  progress: optional(string()),
  needsHelp: boolean(),
  /** CCI only: absent from every partner-facing shape. */
  privateNote: optional(string()),
});
export const checkInRoundViewSchema = object({
  seq: int(),
  kind: enumOf(CHECK_IN_KINDS),
  dueAt: string(),
  status: enumOf(['scheduled', 'sent', 'cancelled']),
  sentAt: optional(string()),
  remindedAt: optional(string()),
  answers: object({ mentor: optional(answerView), mentee: optional(answerView) }),
}).meta({ id: 'CheckInRound' });

const outcomeRecordView = object({ value: outcomeValueSchema, source: enumOf(OUTCOME_SOURCES), recordedAt: string() });
export const outcomeSurveyViewSchema = object({
  milestone: int(),
  dueAt: string(),
  status: enumOf(['scheduled', 'sent', 'cancelled']),
  sentAt: optional(string()),
  /** The outcome that counts: the CCI's latest correction, else the latest answer. */
  current: optional(outcomeRecordView),
  records: array(outcomeRecordView),
}).meta({ id: 'OutcomeSurvey' });

export const tandemAlertViewSchema = object({
  kind: enumOf(ALERT_KINDS),
  raisedAt: string(),
  raisedBy: enumOf(['mentor', 'mentee', 'system']),
  seq: optional(int()),
  status: enumOf(['open', 'resolved']),
  resolvedAt: optional(string()),
}).meta({ id: 'TandemAlert' });

/** What GetTandem adds to the tandem's summary and proposals: its whole follow-up. */
export const tandemFollowUpFields = {
  endedAt: optional(string()),
  endReason: optional(enumOf(END_REASONS)),
  outcome: optional(outcomeValueSchema),
  /** The CCI's closing note (CCI only). */
  endNote: optional(string()),
  lastAnswerAt: optional(string()),
  checkIns: array(checkInRoundViewSchema),
  outcomes: array(outcomeSurveyViewSchema),
  alerts: array(tandemAlertViewSchema),
};

// ── CCI actions on a tandem ─────────────────────────────────────────────────────────────────────

const note = longText(1000).meta({ description: 'The CCI\'s closing note (never shown to the partner).' });

/** `completed` needs an outcome (also recorded as a CCI outcome record); `ended_early` a reason. */
export const closeTandemSchema = union([
  strictObject({ status: literal('completed'), outcome: outcomeValueSchema, note }),
  strictObject({ status: literal('ended_early'), reason: enumOf(CHOSEN_END_REASONS), note }),
]).meta({ id: 'CloseTandem' });
export type CloseTandemRequest = z.infer<typeof closeTandemSchema>;
export const closeTandemResultSchema = object({
  status: enumOf(TANDEM_STATUSES),
  endedAt: string(),
  /** True when the mentee goes back to matching (a new attempt started). */
  rematch: boolean(),
}).meta({ id: 'CloseTandemResult' });

export const outcomePathSchema = strictObject({ tandemId: uuid(), milestone: enumOf(['3', '6', '12']).transform(Number) });
export const recordOutcomeSchema = outcomeValueSchema;
export const alertPathSchema = strictObject({ tandemId: uuid(), kind: enumOf(ALERT_KINDS) });

// ── Personal data ───────────────────────────────────────────────────────────────────────────────

export const personPathSchema = strictObject({ role: enumOf(ROLES), personId: uuid() });
export const erasePersonSchema = strictObject({
  confirm: literal(true).meta({ description: 'Erasure cannot be undone: the request says so.' }),
}).meta({ id: 'ErasePerson' });
export const erasePersonResultSchema = object({
  status: enumOf(['erased', 'already_erased']),
  erasedAt: string(),
  /** Active tandems ended (reason `person_erased`). */
  tandemsEnded: int(),
  /** Pending proposals closed. */
  proposalsClosed: int(),
}).meta({ id: 'ErasePersonResult' });
/**
 * Everything the hub holds about one person, as JSON: profile with consent, proposals, tandems
 * with the person's own check-in answers, outcomes and alerts. Keys of the single table never
 * appear; the other person of a tandem appears by first name only.
 */
export const personExportSchema = object({
  exportedAt: string(),
  role: enumOf(ROLES),
  profile: record(string(), unknown()),
  consent: object({ at: string(), version: string() }),
  proposals: array(record(string(), unknown())),
  tandems: array(record(string(), unknown())),
}).meta({ id: 'PersonExport' });

// ── Partner space ───────────────────────────────────────────────────────────────────────────────

/** A partner's tandem: summaries of check-ins (no private notes), outcomes, open alerts; no CCI note. */
export const partnerTandemDetailSchema = object({
  id: string(),
  status: enumOf(TANDEM_STATUSES),
  track: string(),
  startedAt: string(),
  endedAt: optional(string()),
  endReason: optional(enumOf(END_REASONS)),
  mentee: personName,
  mentor: object({ firstName: string(), lastName: string() }),
  checkIns: array(checkInRoundViewSchema),
  outcomes: array(outcomeSurveyViewSchema),
  alerts: array(tandemAlertViewSchema),
}).meta({ id: 'PartnerTandemDetail' });

/** The home page's tandems that need help, newest first. */
export const attentionAlertSchema = object({
  tandemId: string(),
  kind: enumOf(ALERT_KINDS),
  raisedAt: string(),
  raisedBy: enumOf(['mentor', 'mentee', 'system']),
  mentee: personName,
  mentor: personName,
});
export const pathTandemId = strictObject({ tandemId: uuid() });
