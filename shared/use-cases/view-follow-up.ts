/**
 * What the follow-up page shows, from the token of a check-in or outcome link (posted by the page).
 * Input: the token. Output: the FollowUpView shape (follow-up-schemas.ts) — the link's purpose,
 * whose form it is, whether it is open, already answered or closed, first names and the track
 * only; never a last name, an address or an answer.
 * Course: verify the link (purpose `check_in`, else `outcome`: one page answers both), read the
 * tandem's follow-up and the people's first names; changes nothing (mail scanners open links). A
 * round or survey that is gone, cancelled or never sent answers "link expired".
 */
import type { z } from 'zod';
import { LinkExpiredError, LinkInvalidError } from '../domain/errors';
import type { CheckInRole, OutcomeMilestone, OutcomeRespondent } from '../domain/follow-up';
import type { followUpViewSchema } from '../domain/follow-up-schemas';
import { parseCheckInSubject, parseOutcomeSubject } from '../links/follow-up-links';
import type { LinkClaims, LinkSigner } from '../links/signed-links';
import type { FollowUpReads } from '../ports/follow-up-reads';
import type { PersonDirectory } from '../ports/person-directory';

export type FollowUpView = z.infer<typeof followUpViewSchema>;

/** A verified follow-up link and what its subject names. */
export type FollowUpLink =
  | { purpose: 'check_in'; claims: LinkClaims; tandemId: string; seq: number; role: CheckInRole }
  | { purpose: 'outcome'; claims: LinkClaims; tandemId: string; milestone: OutcomeMilestone; respondent: OutcomeRespondent };

/**
 * Verifies a follow-up token: as a check-in link, else as an outcome link (the signer checks one
 * purpose at a time; a token of another purpose is refused by both). Throws LinkInvalidError,
 * LinkExpiredError or ServiceUnavailableError as the signer does, and LinkInvalidError for a
 * subject that does not parse.
 */
export async function verifyFollowUpLink(links: LinkSigner, token: string): Promise<FollowUpLink> {
  try {
    const claims = await links.verify(token, 'check_in');
    return { purpose: 'check_in', claims, ...parseCheckInSubject(claims.subject) };
  } catch (error) {
    if (!(error instanceof LinkInvalidError)) throw error;
  }
  const claims = await links.verify(token, 'outcome');
  return { purpose: 'outcome', claims, ...parseOutcomeSubject(claims.subject) };
}

const TRACKS = ['job_search', 'business_creation'] as const;
const otherRole = (role: CheckInRole): CheckInRole => (role === 'mentor' ? 'mentee' : 'mentor');

export interface FollowUpPageDeps {
  reads: FollowUpReads;
  people: PersonDirectory;
  links: LinkSigner;
}

export function makeViewFollowUp({ reads, people, links }: FollowUpPageDeps) {
  return async function viewFollowUp(token: string): Promise<FollowUpView> {
    const link = await verifyFollowUpLink(links, token);
    const followUp = await reads.getFollowUp(link.tandemId);
    if (!followUp) throw new LinkExpiredError('tandem gone');
    const { tandem } = followUp;
    const personId = (role: CheckInRole) => (role === 'mentor' ? tandem.mentorId : tandem.menteeId);

    if (link.purpose === 'check_in') {
      const round = followUp.rounds.find((r) => r.seq === link.seq);
      if (!round || round.status === 'scheduled') throw new LinkExpiredError('check-in round gone');
      const [person, other] = await Promise.all([people.get(link.role, personId(link.role)), people.get(otherRole(link.role), personId(otherRole(link.role)))]);
      if (!person) throw new LinkExpiredError('person gone');
      const answered = round.answers[link.role];
      const status = answered ? 'answered' : tandem.status !== 'active' || round.status !== 'sent' ? 'closed' : 'open';
      return {
        purpose: 'check_in',
        role: link.role,
        seq: round.seq,
        kind: round.kind,
        status,
        ...(answered ? { answeredAt: answered.answeredAt } : {}),
        firstName: person.firstName ?? '',
        otherFirstName: other?.firstName ?? '',
        track: tandem.track,
        startedAt: tandem.startedAt,
        locale: person.locale,
      };
    }

    const survey = followUp.surveys.find((s) => s.milestone === link.milestone);
    if (!survey || survey.status !== 'sent') throw new LinkExpiredError('outcome survey gone');
    const track = TRACKS.find((t) => t === tandem.track);
    if (!track) throw new LinkExpiredError('no outcome for this track');
    const mentee = await people.get('mentee', tandem.menteeId);
    const answeredAt = survey.answeredBy?.[link.respondent];
    return {
      purpose: 'outcome',
      respondent: link.respondent,
      milestone: survey.milestone,
      status: answeredAt ? 'answered' : 'open',
      ...(answeredAt ? { answeredAt } : {}),
      menteeFirstName: mentee?.firstName ?? '',
      track,
      startedAt: tandem.startedAt,
      locale: link.respondent === 'mentee' && mentee ? mentee.locale : 'fr',
    };
  };
}
