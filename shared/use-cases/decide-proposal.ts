/**
 * The mentor's answer to a proposal, from the page a proposal mail's link opens.
 * Input: the token, the decision (which must be the link's own action: an `accept` link cannot
 * decline), an optional decline reason. Output: `recorded`, `already_decided` (with the decision
 * taken before: a second click, another link of the same mail) or `closed` (the proposal lapsed,
 * the mentee was matched otherwise…).
 * Course: verify the link (purpose `proposal`), then one conditional write: the decision on the
 * proposal (decided once) with a `deliver_decision` job that hands it to the waiting workflow task
 * after the commit; `decline_and_pause` also pauses the mentor in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { LinkExpiredError, LinkInvalidError } from '../domain/errors';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale';
import type { Decision, DeclineReason, Proposal } from '../domain/matching';
import type { DeliverDecisionJob } from '../domain/matching-jobs';
import { parseProposalSubject } from '../links/matching-links';
import type { LinkSigner } from '../links/signed-links';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { MatchingStore } from '../ports/matching-store';

export type DecideProposalResult =
  | { result: 'recorded'; decision: Decision }
  | { result: 'already_decided'; decision: Decision }
  | { result: 'closed'; status: Proposal['status'] };

/** The delivery job's key: one per proposal, so a replayed decision is one item. */
export const decisionDedupKey = (menteeId: string, mentorId: string) => `decision#${menteeId}#${mentorId}`;

export function makeDecideProposal({ store, links, clock }: { store: Pick<MatchingStore, 'decide'>; links: LinkSigner; clock: Clock }) {
  return async function decideProposal(input: { token: string; decision: Decision; reason?: DeclineReason | undefined; locale?: Locale }): Promise<DecideProposalResult> {
    const claims = await links.verify(input.token, 'proposal');
    const { menteeId, mentorId, action } = parseProposalSubject(claims.subject);
    if (action !== input.decision) throw new LinkInvalidError('decision does not match the link');
    const now = clock.now();
    const job: DeliverDecisionJob = { id: randomUUID(), kind: 'deliver_decision', locale: input.locale ?? DEFAULT_LOCALE, recordedAt: now.toISOString(), menteeId, mentorId };
    const reason = input.decision === 'accept' ? undefined : input.reason;
    const outcome = await store.decide({
      menteeId,
      mentorId,
      decision: input.decision,
      ...(reason ? { reason } : {}),
      now,
      delivery: { job, dedupKey: decisionDedupKey(menteeId, mentorId) },
    });
    logger.info('Proposal decision', { decision: input.decision, outcome: outcome.outcome });
    switch (outcome.outcome) {
      case 'recorded':
        return { result: 'recorded', decision: input.decision };
      case 'already_decided':
        return { result: 'already_decided', decision: outcome.decision };
      case 'closed':
        return { result: 'closed', status: outcome.status };
      case 'not_found':
        throw new LinkExpiredError('proposal gone');
    }
  };
}
