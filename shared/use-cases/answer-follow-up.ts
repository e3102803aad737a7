/**
 * An answer from the follow-up page: a check-in (mentor or mentee) or an outcome (mentee or the
 * referring partner).
 * Input: the token and the answer, which must match the link — a check-in answer of the round's
 * kind for a `check_in` link, an outcome of the tandem's track for an `outcome` link (else
 * LinkInvalidError, 400). Whose answer it is comes from the link alone. Output: `recorded`,
 * `already_answered` (this person answered before, or this link was used) or `closed` (the tandem
 * ended, the round or survey was cancelled).
 * Course: verify the link, read the tandem's follow-up, then one transaction (FollowUpAnswers):
 * for a check-in, the answer (free texts trimmed, empty ones dropped), the tandem's last answer,
 * the silence watch re-armed (`silentAfterDays` later), an open silence alert resolved, and the
 * alerts it raises with their `follow_up_alert` mails — a help request to the CCI and the
 * referring partner, "not a good fit" to the CCI; for an outcome, one more record on the survey.
 * Logs carry ids and outcomes, never what was written.
 */
import { randomUUID } from 'node:crypto';
import { LinkExpiredError, LinkInvalidError } from '../domain/errors';
import { addDays, type AlertKind, type CheckInAnswer, type CheckInAnswerInput, type CheckInRole, type FollowUpSettings, type OutcomeValue, type TandemAlert } from '../domain/follow-up';
import type { AnswerFollowUpRequest } from '../domain/follow-up-schemas';
import type { MailJob } from '../domain/mail-job';
import { DEFAULT_LOCALE } from '../domain/locale';
import type { LinkSigner } from '../links/signed-links';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { AnswerOutcome, FollowUpAnswers } from '../ports/follow-up-answers';
import type { FollowUpReads } from '../ports/follow-up-reads';
import type { RecordedJob } from '../ports/matching-store';
import { verifyFollowUpLink } from './view-follow-up';

export type AnswerFollowUpResult = { status: 'recorded' | 'already_answered' | 'closed' };

/** The key of an alert's mail: one per answer (tandem, round, person), alert and recipient. */
export const alertMailDedupKey = (tandemId: string, seq: number, role: CheckInRole, alert: AlertKind, recipient: 'programme' | 'partner') =>
  `follow_up_alert#${tandemId}#${seq}#${role}#${alert}#${recipient}`;

/** A free text trimmed, or nothing when it is empty. */
const text = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The answer as stored: free texts trimmed and empty ones absent, with its date. */
function storedAnswer(answer: CheckInAnswerInput, answeredAt: string): CheckInAnswer {
  const privateNote = text(answer.privateNote);
  if (answer.kind === 'first') {
    const { firstMeetingHeld, fit, needsHelp } = answer;
    return { kind: 'first', firstMeetingHeld, fit, needsHelp, ...(privateNote ? { privateNote } : {}), answeredAt };
  }
  const progress = text(answer.progress);
  const { meetingsSince, satisfaction, needsHelp } = answer;
  return { kind: 'monthly', meetingsSince, satisfaction, needsHelp, ...(progress ? { progress } : {}), ...(privateNote ? { privateNote } : {}), answeredAt };
}

/** The outcome as stored: only what its situation says (no company date on `none`). */
function storedOutcome(value: OutcomeValue): OutcomeValue {
  if (value.track === 'job_search' || value.situation === 'none') return { track: value.track, situation: value.situation } as OutcomeValue;
  const { companyCreatedOn, siren, stillActive } = value;
  return {
    track: 'business_creation',
    situation: 'company_created',
    ...(companyCreatedOn ? { companyCreatedOn } : {}),
    ...(siren ? { siren } : {}),
    ...(stillActive !== undefined ? { stillActive } : {}),
  };
}

export interface AnswerFollowUpDeps {
  reads: FollowUpReads;
  answers: FollowUpAnswers;
  links: LinkSigner;
  clock: Clock;
  settings: Pick<FollowUpSettings, 'silentAfterDays'>;
}

export function makeAnswerFollowUp({ reads, answers, links, clock, settings }: AnswerFollowUpDeps) {
  const result = (outcome: AnswerOutcome): AnswerFollowUpResult => {
    if (outcome === 'not_found') throw new LinkExpiredError('follow-up gone');
    return { status: outcome };
  };

  return async function answerFollowUp(input: Pick<AnswerFollowUpRequest, 'token' | 'answer'>): Promise<AnswerFollowUpResult> {
    const link = await verifyFollowUpLink(links, input.token);
    const { answer } = input;
    const now = clock.now();
    const at = now.toISOString();
    const followUp = await reads.getFollowUp(link.tandemId);
    if (!followUp) throw new LinkExpiredError('tandem gone');
    const { tandem } = followUp;
    const spent = { tokenId: link.claims.tokenId, expiresAt: link.claims.expiresAt };

    if (link.purpose === 'check_in') {
      const { tandemId, seq, role } = link;
      const round = followUp.rounds.find((r) => r.seq === seq);
      if (!round) throw new LinkExpiredError('check-in round gone');
      if (!('kind' in answer) || answer.kind !== round.kind) throw new LinkInvalidError('answer does not match the check-in');
      const stored = storedAnswer(answer, at);
      const raised: AlertKind[] = [...(stored.needsHelp ? (['help_requested'] as const) : []), ...(stored.kind === 'first' && stored.fit === 'not_a_good_fit' ? (['not_a_good_fit'] as const) : [])];
      const alerts = raised.map((kind): TandemAlert => ({ tandemId, kind, raisedAt: at, raisedBy: role, seq, status: 'open' }));
      const mail = (alert: AlertKind, to: { programme: true } | { partnerId: string }): RecordedJob => ({
        job: { kind: 'mail', id: randomUUID(), locale: DEFAULT_LOCALE, recordedAt: at, template: 'follow_up_alert', to, tandemId, alert } satisfies MailJob,
        dedupKey: alertMailDedupKey(tandemId, seq, role, alert, 'programme' in to ? 'programme' : 'partner'),
      });
      const mails = raised.flatMap((alert) => [mail(alert, { programme: true }), ...(alert === 'help_requested' && tandem.partnerId ? [mail(alert, { partnerId: tandem.partnerId })] : [])]);
      const outcome = await answers.answerCheckIn({ tandemId, seq, role, answer: stored, link: spent, silentAt: addDays(at, settings.silentAfterDays), alerts, mails });
      logger.info('Check-in answer', { tandemId, seq, role, outcome, alerts: outcome === 'recorded' ? raised : [] });
      return result(outcome);
    }

    const { tandemId, milestone, respondent } = link;
    if (!('track' in answer) || answer.track !== tandem.track) throw new LinkInvalidError('answer does not match the tandem’s track');
    const outcome = await answers.answerOutcome({ tandemId, milestone, respondent, record: { value: storedOutcome(answer), source: respondent, recordedAt: at }, link: spent });
    logger.info('Outcome answer', { tandemId, milestone, respondent, outcome });
    return result(outcome);
  };
}
