/**
 * The links of the follow-up mails: a check-in names the tandem, the round and who answers
 * (`<tandemId>:<seq>:<role>`); an outcome survey names the tandem, the milestone and the respondent
 * (`<tandemId>:<milestone>:<respondent>`). Ids only: no personal data in a link. Tokens sit in the
 * URL fragment, which browsers never send to a server.
 */
import { LinkInvalidError } from '../domain/errors';
import { CHECK_IN_ROLES, OUTCOME_MILESTONES, OUTCOME_RESPONDENTS, type CheckInRole, type OutcomeMilestone, type OutcomeRespondent } from '../domain/follow-up-terms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const checkInSubject = (tandemId: string, seq: number, role: CheckInRole): string => `${tandemId}:${seq}:${role}`;

/** Throws LinkInvalidError unless the subject is exactly `<uuid>:<seq ≥ 1>:<mentor|mentee>`. */
export function parseCheckInSubject(subject: string): { tandemId: string; seq: number; role: CheckInRole } {
  const [tandemId, seq, role, ...rest] = subject.split(':');
  if (!tandemId || !seq || !role || rest.length > 0 || !UUID.test(tandemId) || !/^[1-9]\d{0,3}$/.test(seq) || !(CHECK_IN_ROLES as readonly string[]).includes(role)) {
    throw new LinkInvalidError('bad check-in link subject');
  }
  return { tandemId, seq: Number(seq), role: role as CheckInRole };
}

export const outcomeSubject = (tandemId: string, milestone: OutcomeMilestone, respondent: OutcomeRespondent): string => `${tandemId}:${milestone}:${respondent}`;

/** Throws LinkInvalidError unless the subject is exactly `<uuid>:<3|6|12>:<mentee|partner>`. */
export function parseOutcomeSubject(subject: string): { tandemId: string; milestone: OutcomeMilestone; respondent: OutcomeRespondent } {
  const [tandemId, milestone, respondent, ...rest] = subject.split(':');
  if (
    !tandemId ||
    !milestone ||
    !respondent ||
    rest.length > 0 ||
    !UUID.test(tandemId) ||
    !(OUTCOME_MILESTONES as readonly number[]).map(String).includes(milestone) ||
    !(OUTCOME_RESPONDENTS as readonly string[]).includes(respondent)
  ) {
    throw new LinkInvalidError('bad outcome link subject');
  }
  return { tandemId, milestone: Number(milestone) as OutcomeMilestone, respondent: respondent as OutcomeRespondent };
}

/** One page answers both kinds of follow-up link; the token's purpose tells which form to show. */
export const followUpPageLink = (siteUrl: string, token: string) => `${siteUrl}/follow-up.html#token=${token}`;
