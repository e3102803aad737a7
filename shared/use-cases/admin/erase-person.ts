/**
 * Erases a person (docs/follow-up.md, "Personal data"): on request from the console, or by the
 * retention job. Input: role and id. Output: `erased` (or `already_erased`) with the date and what
 * was ended. 404 for an unknown person.
 * Course: the person's pending proposals are closed — a mentee's withdrawn (its workflow then ends
 * as superseded once the mentee leaves `awaiting_match`), a mentor's undecided ones declined on its
 * behalf so the waiting workflow moves to the next candidate; its active tandems end early
 * (`person_erased`, through CloseTandem: places freed, the mentee re-matched or closed); its
 * check-in free texts (progress, private note), the tandems' closing notes and its proposals'
 * stored reasons (they may quote its commune) are removed; then the
 * profile is anonymised (names, address, phone, place, free texts gone; what reports count kept)
 * with the address claim and every outbox item that carried the form. Each step is conditional and
 * idempotent, and runs again on a second request (which answers `already_erased`), so an erasure
 * interrupted midway is finished by the next.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../domain/errors';
import type { CheckInRole } from '../../domain/follow-up';
import type { DeliverDecisionJob } from '../../domain/matching-jobs';
import type { Role } from '../../domain/people';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import type { MatchingStore } from '../../ports/matching-store';
import type { PersonalDataStore } from '../../ports/personal-data';
import type { CloseTandem } from '../../ports/tandem-lifecycle';
import { decisionDedupKey } from '../decide-proposal';

export interface ErasePersonResult {
  status: 'erased' | 'already_erased';
  erasedAt: string;
  tandemsEnded: number;
  proposalsClosed: number;
}

export interface ErasePersonDeps {
  store: PersonalDataStore;
  reads: FollowUpReads;
  matching: Pick<MatchingStore, 'decide' | 'closeProposal'>;
  closeTandem: CloseTandem;
  clock: Clock;
  newId?: () => string;
}

export type ErasePerson = (input: { role: Role; personId: string; now?: Date }) => Promise<ErasePersonResult>;

export function makeErasePerson({ store, reads, matching, closeTandem, clock, newId = randomUUID }: ErasePersonDeps): ErasePerson {
  return async function erasePerson({ role, personId, now = clock.now() }) {
    const holdings = await store.readPerson(role, personId);
    if (!holdings) throw new NotFoundError('No such person');
    const { person } = holdings;

    let proposalsClosed = 0;
    for (const proposal of holdings.proposals.filter((p) => p.status === 'pending')) {
      if (role === 'mentee') {
        if (proposal.decision) continue; // a decision on its way wins: the workflow finds the mentee gone
        const closed = await matching.closeProposal({ menteeId: proposal.menteeId, mentorId: proposal.mentorId, status: 'withdrawn', now });
        if (closed === 'closed') proposalsClosed++;
      } else {
        if (proposal.decision) continue;
        const job: DeliverDecisionJob = {
          id: newId(),
          kind: 'deliver_decision',
          locale: person.locale,
          recordedAt: now.toISOString(),
          menteeId: proposal.menteeId,
          mentorId: proposal.mentorId,
        };
        const decided = await matching.decide({
          menteeId: proposal.menteeId,
          mentorId: proposal.mentorId,
          decision: 'decline',
          now,
          delivery: { job, dedupKey: decisionDedupKey(proposal.menteeId, proposal.mentorId) },
        });
        if (decided.outcome === 'recorded') proposalsClosed++;
      }
    }

    // The stored reasons may quote the place both share (the commune code of `same_commune`).
    for (const proposal of holdings.proposals) {
      if (proposal.reasons.length > 0) await store.eraseProposalReasons({ menteeId: proposal.menteeId, mentorId: proposal.mentorId });
    }

    let tandemsEnded = 0;
    const checkInRole: CheckInRole = role;
    for (const tandemId of holdings.tandemIds) {
      const followUp = await reads.getFollowUp(tandemId);
      if (!followUp) continue;
      if (followUp.tandem.status === 'active') {
        const closed = await closeTandem({ tandemId, status: 'ended_early', reason: 'person_erased', by: 'erasure', erased: role });
        if (closed.outcome === 'closed') tandemsEnded++;
      }
      for (const round of followUp.rounds) {
        const answer = round.answers[checkInRole];
        if (answer && ('progress' in answer || 'privateNote' in answer)) await store.eraseAnswerTexts({ tandemId, seq: round.seq, role: checkInRole });
      }
      if (followUp.tandem.endNote !== undefined) await store.eraseTandemNote(tandemId);
    }

    const anonymised = await store.anonymise({ role, personId, now });
    if (anonymised.outcome === 'not_found') throw new NotFoundError('No such person');
    const status = anonymised.outcome;
    logger.info('Person erased', { role, personId, status, tandemsEnded, proposalsClosed });
    return { status, erasedAt: anonymised.erasedAt, tandemsEnded, proposalsClosed };
  };
}
