/**
 * A mentor's recorded decision, handed to the waiting workflow task (the `deliver_decision` job).
 * Input: the job (mentee and mentor). Output: `delivered`, `task_gone` (the task no longer waits:
 * the proposal lapsed, or the hub restarted and the resumed attempt will find the decision — a
 * normal outcome, not an error), or `nothing_to_deliver`.
 * Course: read the proposal with the token of the task now waiting on it (a resumed attempt
 * re-binds it), then an accept → SendTaskSuccess `{decision: 'accept'}`, a decline (with or
 * without pause) → SendTaskFailure `ProposalDeclined` and the proposal closed as declined. Step
 * Functions briefly unreachable → ServiceUnavailableError from the adapter: the stream record is
 * retried, so a recorded click is never lost.
 */
import type { DeliverDecisionJob } from '../domain/matching-jobs';
import { logger } from '../observability/logger';
import type { TaskResponseOutcome } from '../ports/matching-workflow';
import type { MatchingDeps } from './matching-context';
import { handDecision } from './propose-to-mentor';

export function makeDeliverDecision({ store, workflow, clock }: Pick<MatchingDeps, 'store' | 'workflow' | 'clock'>) {
  return async function deliverDecision({ menteeId, mentorId, id }: DeliverDecisionJob): Promise<TaskResponseOutcome | 'nothing_to_deliver'> {
    const found = await store.getProposalWithToken(menteeId, mentorId);
    const decision = found?.proposal.decision;
    if (!found || !decision) {
      logger.warn('Decision to deliver not found', { menteeId, mentorId, jobId: id });
      return 'nothing_to_deliver';
    }
    const outcome = await handDecision({ store, workflow, now: clock.now() }, { menteeId, mentorId, taskToken: found.taskToken, decision });
    logger.info('Decision delivered', { menteeId, mentorId, decision, outcome });
    return outcome;
  };
}
