/**
 * The proposal's wait timed out (`States.Timeout`): what became of it.
 * Input: `{menteeId, attempt, mentorId}`. Output: `expired`, or `accepted_late` (an accept was
 * recorded but never reached the task: the workflow goes on to AcceptProposal), or
 * `declined_late` (a decline recorded but undelivered: the proposal closes as declined).
 * Course: a decision on the proposal wins; otherwise the proposal is closed as expired, on
 * condition that it is still pending. A click that lands between the read and the close makes
 * the close fail: the proposal is read again and its decision counts.
 */
import type { z } from 'zod';
import type { Proposal, recordExpiryInput, recordExpiryOutput } from '../domain/matching';
import { logger } from '../observability/logger';
import type { MatchingDeps } from './matching-context';

type RecordExpiryOutput = z.infer<typeof recordExpiryOutput>;

export function makeRecordExpiry({ store, clock }: Pick<MatchingDeps, 'store' | 'clock'>) {
  return async function recordExpiry({ menteeId, attempt, mentorId }: z.infer<typeof recordExpiryInput>): Promise<RecordExpiryOutput> {
    const now = clock.now();
    const late = async (proposal: Proposal | undefined): Promise<RecordExpiryOutput | undefined> => {
      if (!proposal?.decision) return undefined;
      if (proposal.decision === 'accept') return proposal.status === 'pending' ? { outcome: 'accepted_late' } : { outcome: 'expired' };
      await store.closeProposal({ menteeId, mentorId, status: 'declined', now });
      return { outcome: 'declined_late' };
    };
    let result = await late(await store.getProposal(menteeId, mentorId));
    if (!result) {
      const closed = await store.closeProposal({ menteeId, mentorId, status: 'expired', now });
      result = closed === 'closed' ? { outcome: 'expired' } : ((await late(await store.getProposal(menteeId, mentorId))) ?? { outcome: 'expired' });
    }
    logger.info('Proposal timed out', { menteeId, attempt, mentorId, outcome: result.outcome });
    return result;
  };
}
