/**
 * The links of a proposal mail: their signed subjects and the pages they open. A proposal link
 * names the mentee, the mentor and the one answer it gives (`<menteeId>:<mentorId>:<action>`); a
 * reactivation link names the mentor (`mentor:<id>`). Ids only: no personal data in a link.
 * Tokens sit in the URL fragment, which browsers never send to a server.
 */
import { LinkInvalidError } from '../domain/errors';
import { DECISIONS, type Decision } from '../domain/matching-terms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function proposalSubject(menteeId: string, mentorId: string, action: Decision): string {
  return `${menteeId}:${mentorId}:${action}`;
}

/** Throws LinkInvalidError unless the subject is exactly `<uuid>:<uuid>:<decision>`. */
export function parseProposalSubject(subject: string): { menteeId: string; mentorId: string; action: Decision } {
  const [menteeId, mentorId, action, ...rest] = subject.split(':');
  if (!menteeId || !mentorId || !action || rest.length > 0 || !UUID.test(menteeId) || !UUID.test(mentorId) || !(DECISIONS as readonly string[]).includes(action)) {
    throw new LinkInvalidError('bad proposal link subject');
  }
  return { menteeId, mentorId, action: action as Decision };
}

export function reactivationSubject(mentorId: string): string {
  return `mentor:${mentorId}`;
}

/** Throws LinkInvalidError unless the subject is exactly `mentor:<uuid>`. */
export function parseReactivationSubject(subject: string): { mentorId: string } {
  const [role, mentorId, ...rest] = subject.split(':');
  if (role !== 'mentor' || !mentorId || rest.length > 0 || !UUID.test(mentorId)) throw new LinkInvalidError('bad reactivation link subject');
  return { mentorId };
}

export const proposalPageLink = (siteUrl: string, token: string) => `${siteUrl}/proposal.html#token=${token}`;
export const reactivationPageLink = (siteUrl: string, token: string) => `${siteUrl}/reactivate.html#token=${token}`;
