/**
 * A tandem's page in the console: mentor, mentee, and the proposals that led to it.
 * Input: the tandem's id. Output: the TandemDetail shape; NotFoundError (404) for an unknown id.
 * Course: the tandem (GetItem), the mentee's proposals up to the tandem's attempt (one Query of
 * the mentee's partition), then one batch read of every name.
 */
import type { TandemDetail } from '../../domain/back-office-schemas';
import { NotFoundError } from '../../domain/errors';
import type { BackOfficeReads } from '../../ports/back-office-reads';
import type { MatchingStore } from '../../ports/matching-store';
import { byAttemptAndRank, proposalLine } from './mentee-views';
import { peopleOf, tandemSummary } from './list-tandems';

export function makeGetTandem({ reads, store }: { reads: BackOfficeReads; store: Pick<MatchingStore, 'getMentee'> }) {
  return async function getTandem(tandemId: string): Promise<TandemDetail> {
    const tandem = await reads.getTandem(tandemId);
    if (!tandem) throw new NotFoundError('No such tandem');
    const proposals = ((await store.getMentee(tandem.menteeId))?.proposals ?? []).filter((p) => p.attempt <= tandem.attempt).sort(byAttemptAndRank);
    const names = await reads.namesOf([...peopleOf([tandem]), ...proposals.map((p) => ({ role: 'mentor' as const, id: p.mentorId }))]);
    return { ...tandemSummary(tandem, names), attempt: tandem.attempt, proposals: proposals.map((p) => proposalLine(p, names)) };
  };
}
