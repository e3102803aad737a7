/**
 * The waiting task: propose the mentee to one mentor and leave the workflow waiting on the answer.
 * Input: the task's token, the mentee, the attempt, the mentor and its rank. Output: what
 * happened (for logs and tests; Step Functions waits for the token, not for this result).
 * Course: the mentee must still be `awaiting_match` at this attempt (else MatchingSupersededError).
 * A mentor no longer available (not active, no place left) or no longer compatible is skipped
 * (SendTaskFailure `ProposalSkipped`), and a proposal of an earlier attempt still pending for it is
 * closed (declined when the mentor's decline was recorded, else withdrawn), so that no reminder or
 * late click reaches a workflow that moved on. Otherwise the proposal is recorded with its score
 * and reasons, due for a reminder after `reminderAfterSeconds`, lapsing after
 * `proposalLifetimeSeconds`, and its mail job to the mentor, on condition that the mentee is still
 * in the attempt: a new proposal waits for the mentor; a pending one (a resumed attempt) now waits
 * on this token, without a new mail; one decided while no task was waiting has its decision handed
 * to this token at once; a final one (declined, expired…) is skipped.
 */
import { MatchingSupersededError } from '../domain/errors';
import { WORKFLOW_ERRORS, type Decision, type Proposal, type ProposeInput } from '../domain/matching';
import { mentorCandidate } from '../matching/from-profiles';
import { explainPair } from '../matching/rank';
import { logger } from '../observability/logger';
import type { MatchingStore } from '../ports/matching-store';
import type { MatchingWorkflow, TaskResponseOutcome } from '../ports/matching-workflow';
import { defaultNewId, isInAttempt, menteeRequestOf, proposalMail, secondsAfter, storedReason, type MatchingDeps } from './matching-context';

export type ProposeOutcome =
  | { outcome: 'recorded' | 'rebound' }
  | { outcome: 'skipped'; reason: 'mentor_unavailable' | 'not_compatible' | 'final'; response: TaskResponseOutcome }
  | { outcome: 'decided'; decision: Decision; response: TaskResponseOutcome };

/**
 * Hands a recorded decision to the waiting task: an accept through SendTaskSuccess (the workflow
 * goes on to AcceptProposal), a decline through SendTaskFailure `ProposalDeclined`, the proposal
 * then closed as declined (a ranking counts it). Shared by ProposeToMentor and the delivery job.
 */
export async function handDecision(
  { store, workflow, now }: { store: MatchingStore; workflow: MatchingWorkflow; now: Date },
  { menteeId, mentorId, taskToken, decision }: { menteeId: string; mentorId: string; taskToken: string; decision: Decision },
): Promise<TaskResponseOutcome> {
  if (decision === 'accept') return workflow.sendTaskSuccess(taskToken, { decision: 'accept' });
  const response = await workflow.sendTaskFailure(taskToken, WORKFLOW_ERRORS.declined, decision);
  await store.closeProposal({ menteeId, mentorId, status: 'declined', now });
  return response;
}

export function makeProposeToMentor({ store, workflow, clock, config, newId = defaultNewId }: MatchingDeps) {
  return async function proposeToMentor({ taskToken, menteeId, attempt, mentorId, rank }: ProposeInput): Promise<ProposeOutcome> {
    const now = clock.now();
    const found = await store.getMentee(menteeId);
    if (!found || !isInAttempt(found.mentee, attempt)) throw new MatchingSupersededError('The mentee is no longer awaiting a match at this attempt');
    const mentor = await store.getMentor(mentorId);
    const earlier = found.proposals.find((p) => p.mentorId === mentorId);

    const skip = async (reason: 'mentor_unavailable' | 'not_compatible' | 'final'): Promise<ProposeOutcome> => {
      if (earlier?.status === 'pending') {
        const declined = earlier.decision !== undefined && earlier.decision !== 'accept';
        await store.closeProposal({ menteeId, mentorId, status: declined ? 'declined' : 'withdrawn', now });
      }
      const response = await workflow.sendTaskFailure(taskToken, WORKFLOW_ERRORS.skipped, reason);
      logger.info('Candidate skipped', { menteeId, attempt, mentorId, reason, response });
      return { outcome: 'skipped', reason, response };
    };

    if (!mentor || mentor.status !== 'active' || mentor.activeMentees >= mentor.capacity) return skip('mentor_unavailable');
    const explanation = explainPair(await menteeRequestOf(store, found), mentorCandidate(mentor, { pools: mentor.pools ?? [] }));
    if (!explanation.compatible) return skip('not_compatible');

    const proposal: Proposal = {
      menteeId,
      mentorId,
      attempt,
      rank,
      score: explanation.score,
      reasons: explanation.reasons.map(storedReason),
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: secondsAfter(now, config.proposalLifetimeSeconds).toISOString(),
    };
    const recorded = await store.recordProposal({
      proposal,
      taskToken,
      remindAt: secondsAfter(now, config.reminderAfterSeconds).toISOString(),
      mail: proposalMail({ now, id: newId(), locale: mentor.locale, menteeId, mentorId, reminder: false }),
    });
    logger.info('Proposal', { menteeId, attempt, mentorId, rank, outcome: recorded.outcome });
    switch (recorded.outcome) {
      case 'recorded':
      case 'rebound':
        return { outcome: recorded.outcome };
      case 'decided': {
        const response = await handDecision({ store, workflow, now }, { menteeId, mentorId, taskToken, decision: recorded.decision });
        return { outcome: 'decided', decision: recorded.decision, response };
      }
      case 'final': {
        const response = await workflow.sendTaskFailure(taskToken, WORKFLOW_ERRORS.skipped, 'final');
        return { outcome: 'skipped', reason: 'final', response };
      }
    }
  };
}
