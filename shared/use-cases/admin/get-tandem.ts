/**
 * A tandem's page in the console: mentor, mentee, the proposals that led to it, and its whole
 * follow-up (check-ins with private notes, outcomes, alerts, the closing note).
 * Input: the tandem's id. Output: the TandemDetail shape; NotFoundError (404) for an unknown id.
 * Course: the tandem's partition (one Query: the tandem and its follow-up), the mentee's proposals
 * up to the tandem's attempt (one Query of the mentee's partition), then one batch read of every name.
 */
import type { TandemDetail } from '../../domain/back-office-schemas';
import { NotFoundError } from '../../domain/errors';
import type { BackOfficeReads } from '../../ports/back-office-reads';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import type { MatchingStore } from '../../ports/matching-store';
import { followUpViews } from '../follow-up-views';
import { byAttemptAndRank, proposalLine } from './mentee-views';
import { peopleOf, tandemSummary } from './list-tandems';

export function makeGetTandem({ reads, followUp, store }: { reads: Pick<BackOfficeReads, 'namesOf'>; followUp: FollowUpReads; store: Pick<MatchingStore, 'getMentee'> }) {
  return async function getTandem(tandemId: string): Promise<TandemDetail> {
    const found = await followUp.getFollowUp(tandemId);
    if (!found) throw new NotFoundError('No such tandem');
    const { tandem } = found;
    const proposals = ((await store.getMentee(tandem.menteeId))?.proposals ?? []).filter((p) => p.attempt <= tandem.attempt).sort(byAttemptAndRank);
    const names = await reads.namesOf([...peopleOf([tandem]), ...proposals.map((p) => ({ role: 'mentor' as const, id: p.mentorId }))]);
    return { ...tandemSummary(tandem, names), attempt: tandem.attempt, proposals: proposals.map((p) => proposalLine(p, names)), ...followUpViews(found, 'cci') };
  };
}
