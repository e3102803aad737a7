/**
 * What the proposal page shows, from one of a proposal mail's links (posted by the page).
 * Input: the token. Output: the link's action, the proposal's state (status, the decision already
 * taken, until when) and what the mail showed of the mentee — first name, track, sector, needs,
 * postal code, meeting modes, languages, why this match; never a last name, an address or a phone.
 * Course: verify the link (purpose `proposal`), read the proposal and its mentee; changes nothing
 * (mail scanners open links). An unknown proposal answers "link expired".
 */
import { LinkExpiredError } from '../domain/errors';
import type { Decision, DeclineReason, Proposal } from '../domain/matching';
import { parseProposalSubject } from '../links/matching-links';
import type { LinkSigner } from '../links/signed-links';
import type { MatchingStore } from '../ports/matching-store';

export interface ProposalView {
  /** The answer this link gives. */
  action: Decision;
  status: Proposal['status'];
  /** The decision already taken, if any (a second click shows it). */
  decision?: Decision;
  declineReason?: DeclineReason;
  expiresAt: string;
  mentee: {
    firstName: string;
    track: string;
    sector: string;
    needs: string[];
    postalCode: string;
    meetingModes: string[];
    languages: string[];
  };
  reasons: Array<{ fr: string; en: string }>;
}

export function makeViewProposal({ store, links }: { store: Pick<MatchingStore, 'getMentee'>; links: LinkSigner }) {
  return async function viewProposal(token: string): Promise<ProposalView> {
    const claims = await links.verify(token, 'proposal');
    const { menteeId, mentorId, action } = parseProposalSubject(claims.subject);
    const found = await store.getMentee(menteeId);
    const proposal = found?.proposals.find((p) => p.mentorId === mentorId);
    if (!found || !proposal) throw new LinkExpiredError('proposal gone');
    const { mentee } = found;
    return {
      action,
      status: proposal.status,
      ...(proposal.decision ? { decision: proposal.decision } : {}),
      ...(proposal.declineReason ? { declineReason: proposal.declineReason } : {}),
      expiresAt: proposal.expiresAt,
      mentee: {
        firstName: mentee.firstName,
        track: mentee.track,
        sector: mentee.sector,
        needs: [...mentee.needs],
        postalCode: mentee.postalCode,
        meetingModes: [...mentee.meetingModes],
        languages: [...mentee.languages],
      },
      reasons: proposal.reasons.map((r) => ({ fr: r.text.fr, en: r.text.en })),
    };
  };
}
