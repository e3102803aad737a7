/**
 * A mentor who does not answer: the definition built with a 2-second proposal lifetime (as a stage
 * would set a week), ProposeToMentor times out (States.Timeout), RecordExpiry marks the proposal
 * expired and the next mentor is asked; a decision clicked after the lapse finds no task waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepFunctionsWorkflow } from '../../shared/adapters/stepfunctions/matching-workflow';
import { loadWorkflowConfig } from '../../shared/config/runtime-config';
import { MATCHING_STATES as S } from '../../shared/domain/matching';
import { path, startWorkflowHarness, type WorkflowHarness } from './support';

const LIFETIME_SECONDS = 2;

let hub: WorkflowHarness;
beforeAll(async () => {
  hub = await startWorkflowHarness({ proposalLifetimeSeconds: LIFETIME_SECONDS });
});
afterAll(async () => {
  await hub?.stop();
});

describe('matching workflow: a proposal left unanswered', () => {
  it('times out after the proposal lifetime, records the expiry, and matches with the next mentor who accepts', async () => {
    expect(hub.runner.definition.States[S.propose]!.TimeoutSeconds).toBe(LIFETIME_SECONDS);
    await hub.seedMentor();
    await hub.seedMentor();
    const mentee = await hub.seedWaitingMentee();

    const first = await hub.pendingProposal(mentee);
    const firstToken = hub.runner.waitingTokens()[0]!;
    const second = await hub.pendingProposal(mentee, [first]);
    await hub.decide(mentee, second, 'accept');

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution)).toEqual([
      S.rank, S.hasCandidate, S.propose, S.recordExpiry, S.lateDecision, S.next, S.hasCandidate, S.propose, S.accept, S.tandemCreated, S.matched,
    ]);
    expect(execution.events).toContainEqual({ type: 'StateFailed', state: S.propose, error: 'States.Timeout' });
    const after = (await hub.store.getMentee(mentee.id))!;
    expect(after.proposals.find((p) => p.mentorId === first)?.status).toBe('expired');
    expect(after.mentee.status).toBe('in_tandem');
    expect((await hub.store.getTandem(after.mentee.tandemId!))?.mentorId).toBe(second);

    // The lapsed task's token answers TaskTimedOut: the adapter says the task is gone.
    await expect(stepFunctionsWorkflow(loadWorkflowConfig()).sendTaskSuccess(firstToken, { decision: 'accept' })).resolves.toBe('task_gone');
    console.log(`[transitions] one expiry, then an accept: ${execution.transitions}`);
  });
});
