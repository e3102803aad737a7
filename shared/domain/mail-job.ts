/**
 * An e-mail to send, recorded in the transaction of the change it follows. It names its recipient
 * by role and id — never by address — and the template; the mail consumer reads the person,
 * renders the mail in the person's language, signs a link if the template has one, and sends it
 * once. Every later capability's mails (proposals, introductions, check-ins) are more templates.
 */
// zod/mini: the mail consumer validates every job with these and bundles no classic zod (its size budget).
import { boolean, discriminatedUnion, enum as enumOf, int, literal, maxLength, minimum, minLength, record, regex, string, strictObject, union, uuid } from 'zod/mini';
import type { z } from 'zod';
import { jobBase } from './outbox';
import { ROLES } from './people';

const recipient = strictObject({ role: enumOf(ROLES), personId: uuid() });
const mentorRecipient = strictObject({ role: literal('mentor'), personId: uuid() });
/** A partner's contact address (Partner.contactEmail), by partner id. */
const partnerRecipient = strictObject({ partnerId: string().check(minLength(1)) });
/** The CCI's programme mailbox (the `mail` configuration group). */
const programmeRecipient = strictObject({ programme: literal(true) });
/** Recipients that are configured addresses, not people: the per-address daily cap does not apply to them. */
export const isConfiguredRecipient = (to: MailJob['to']): boolean => !('personId' in to);
const count = () => int().check(minimum(0));
const counts = record(string().check(regex(/^[a-z_]+$/)), count());

export const mailJobSchema = discriminatedUnion('template', [
  /** The double opt-in link; `reminder` for a repeated sign-up of an unverified address. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('verify_email'), to: recipient, reminder: boolean() }),
  /** A repeated sign-up of a confirmed address: a note, no link. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('already_registered'), to: recipient }),
  /** A proposal to a mentor: who the mentee is (no contact details), why this match, accept / decline / pause links. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('proposal'), to: mentorRecipient, menteeId: uuid(), reminder: boolean() }),
  /** The tandem exists: introduce mentor, mentee and the referring partner to each other. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('introduction'), to: union([recipient, partnerRecipient]), tandemId: uuid() }),
  /** Nobody could be found for a mentee: the counts of why, to the CCI and the referring partner. */
  strictObject({
    ...jobBase,
    kind: literal('mail'),
    template: literal('unmatched_report'),
    to: union([programmeRecipient, partnerRecipient]),
    menteeId: uuid(),
    attempt: int().check(minimum(1)),
    considered: count(),
    compatible: count(),
    proposed: count(),
    excluded: counts,
  }),
  /** The CCI validated a mentor's profile: proposals will come by e-mail. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('mentor_validated'), to: mentorRecipient }),
  /** The CCI did not retain a mentor's profile: a kind note with the CCI's contact, never the CCI's reason. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('mentor_refused'), to: mentorRecipient }),
  /** A check-in (`seq` 1: the first, about 14 days in; then monthly) to mentor or mentee, with its signed link; `reminder` once if unanswered. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('check_in'), to: recipient, tandemId: uuid(), seq: int().check(minimum(1)), reminder: boolean() }),
  /** The outcome survey of a milestone (3, 6, 12 months) to the mentee or the referring partner, with its signed link. */
  strictObject({
    ...jobBase,
    kind: literal('mail'),
    template: literal('outcome_survey'),
    to: union([recipient, partnerRecipient]),
    tandemId: uuid(),
    milestone: union([literal(3), literal(6), literal(12)]),
    reminder: boolean(),
  }),
  /** A tandem needs help (a help request, "not a good fit", silence): to the CCI and, for a help request, the referring partner. Ids only. */
  strictObject({
    ...jobBase,
    kind: literal('mail'),
    template: literal('follow_up_alert'),
    to: union([programmeRecipient, partnerRecipient]),
    tandemId: uuid(),
    alert: enumOf(['help_requested', 'not_a_good_fit', 'silent']),
  }),
  /** The CCI closed a tandem: a thank-you to mentor and mentee; `rematch` tells the mentee a new mentor is being sought. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('tandem_closed'), to: recipient, tandemId: uuid(), rematch: boolean() }),
  /** An unmatched profile will be erased on `erasesOn` (yyyy-mm-dd) unless the person tells the CCI to keep it. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('retention_notice'), to: recipient, erasesOn: string().check(regex(/^\d{4}-\d{2}-\d{2}$/)) }),
  /** The matching workflow broke for a mentee: alert the CCI (the error's name only). */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('matching_failed'), to: programmeRecipient, menteeId: uuid(), attempt: int().check(minimum(1)), errorName: string().check(maxLength(200)) }),
]);
export type MailJob = z.infer<typeof mailJobSchema>;

/**
 * At most this many mails to one address per day, whatever the template and the role: the public
 * form can name any address, and without a cap a repeated sign-up could mail it up to ~192 times a
 * day (one notice per 15 minutes and role). Five leaves room for a verification, a few reminders
 * and a sign-up in the other role. Enforced by a conditional counter (see MailQuota).
 */
export const MAILS_PER_ADDRESS_PER_DAY = 5;

/**
 * The day a mail counts for: the UTC date its job was recorded (`recordedAt` is UTC). UTC, not
 * Europe/Paris: the cap is an abuse limit nobody sees, so where its day ends matters less than a
 * bucket read off the timestamp with no time-zone rules; and the job's date, not the send's, so a
 * retry after midnight counts for the same day as its first attempt.
 */
export const mailDay = (job: Pick<MailJob, 'recordedAt'>): string => job.recordedAt.slice(0, 10);
