/**
 * Erases a person (docs/follow-up.md, "Personal data"): on request from the console, or by the
 * retention job. Input: role and id. Output: `erased` (or `already_erased`) with the date and what
 * was ended. 404 for an unknown person.
 * Course, in this order so that nothing proposes to, matches or mails the person meanwhile:
 * 1. the person `erased` first, in one conditional transaction (PersonalDataStore.anonymise): out
 *    of the status indexes, a mentor's availability entries deleted (the ranking no longer finds
 *    it), a mentee no longer `awaiting_match` (its workflow is superseded at its next attempt,
 *    createTandem refuses it); names, address, phone, place, free texts gone, what reports count
 *    kept; the address claim and every outbox item that carried the form deleted;
 * 2. then, from a fresh read, its pending proposals closed — a mentee's withdrawn, a mentor's
 *    undecided ones declined on its behalf so the waiting workflow moves to the next candidate —
 *    and its active tandems ended early (`person_erased`, through CloseTandem with `erased`: an
 *    erased mentor's place is no `capacity_appeared`, the person erased gets no `tandem_closed`
 *    mail, the mentee of an erased mentor is re-matched); a tandem that had already ended has its
 *    remaining outcome surveys cancelled;
 * 3. then, from each tandem read again after its close, its check-in free texts (progress, private
 *    note), the tandem's closing note, for a mentee the SIREN of the outcomes (a sole trader's
 *    names the person), and its proposals' stored reasons (they may quote its commune) removed.
 * Each step is conditional and idempotent, and runs again on a second request (which answers
 * `already_erased`), so an erasure interrupted midway is finished by the next.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../domain/errors';
import type { CheckInRole, TandemFollowUp } from '../../domain/follow-up';
import type { DeliverDecisionJob } from '../../domain/matching-jobs';
import type { Role } from '../../domain/people';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import type { MatchingStore } from '../../ports/matching-store';
import type { ErasureExpectation, PersonalDataStore } from '../../ports/personal-data';
import type { CloseTandem } from '../../ports/tandem-lifecycle';
import { decisionDedupKey } from '../decide-proposal';

export interface ErasePersonResult {
  /** `not_eligible`: the profile no longer had the `expect`ed state (the retention's erasure): nothing changed. */
  status: 'erased' | 'already_erased' | 'not_eligible';
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

export type ErasePerson = (input: { role: Role; personId: string; now?: Date; expect?: ErasureExpectation }) => Promise<ErasePersonResult>;

export function makeErasePerson({ store, reads, matching, closeTandem, clock, newId = randomUUID }: ErasePersonDeps): ErasePerson {
  return async function erasePerson({ role, personId, now = clock.now(), expect }) {
    // 1. The person out of matching before anything else moves.
    const anonymised = await store.anonymise({ role, personId, now, ...(expect ? { expect } : {}) });
    if (anonymised.outcome === 'not_found') throw new NotFoundError('No such person');
    if (anonymised.outcome === 'not_eligible') return { status: 'not_eligible', erasedAt: '', tandemsEnded: 0, proposalsClosed: 0 };
    // Read after the transition: a proposal recorded before it is seen, none can be after.
    const holdings = await store.readPerson(role, personId);
    if (!holdings) throw new NotFoundError('No such person');
    const { person } = holdings;

    // 2. Proposals and tandems closed.
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

    let tandemsEnded = 0;
    let surveysCancelled = 0;
    const checkInRole: CheckInRole = role;
    for (const tandemId of holdings.tandemIds) {
      const before = await reads.getFollowUp(tandemId);
      if (!before) continue;
      if (before.tandem.status === 'active') {
        const closed = await closeTandem({ tandemId, status: 'ended_early', reason: 'person_erased', by: 'erasure', erased: role });
        if (closed.outcome === 'closed') tandemsEnded++;
      }
      // 3. The texts, from the tandem as it is now (an answer may have arrived before the close).
      const followUp = await reads.getFollowUp(tandemId);
      if (!followUp) continue;
      if (followUp.tandem.status !== 'active' && followUp.surveys.some((s) => s.status === 'scheduled' || s.status === 'sent')) {
        surveysCancelled += await store.cancelOutcomeSurveys(tandemId);
      }
      for (const round of followUp.rounds) {
        const answer = round.answers[checkInRole];
        if (answer && ('progress' in answer || 'privateNote' in answer)) await store.eraseAnswerTexts({ tandemId, seq: round.seq, role: checkInRole });
      }
      if (followUp.tandem.endNote !== undefined) await store.eraseTandemNote(tandemId);
      if (role === 'mentee' && hasSiren(followUp)) await store.eraseOutcomeSirens(tandemId);
    }

    // The stored reasons may quote the place both share (the commune code of `same_commune`).
    for (const proposal of holdings.proposals) {
      if (proposal.reasons.length > 0) await store.eraseProposalReasons({ menteeId: proposal.menteeId, mentorId: proposal.mentorId });
    }

    const status = anonymised.outcome;
    logger.info('Person erased', { role, personId, status, tandemsEnded, proposalsClosed, surveysCancelled });
    return { status, erasedAt: anonymised.erasedAt, tandemsEnded, proposalsClosed };
  };
}

/** Whether a SIREN is left in a tandem's outcome or its surveys' records. */
function hasSiren(followUp: TandemFollowUp): boolean {
  const values = [followUp.tandem.outcome, ...followUp.surveys.flatMap((s) => s.records.map((r) => r.value))];
  return values.some((value) => value !== undefined && 'siren' in value && value.siren !== undefined);
}
