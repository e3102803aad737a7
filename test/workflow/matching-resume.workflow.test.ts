/**
 * The local hub stopped while a proposal waited (executions live in the runner's memory): on the
 * next start, `npm start`'s resume step (infra/local/resume-matching.ts) gives each mentee left in
 * `awaiting_match` a new attempt. The pending proposal is re-bound to the new task's token without
 * a second mail; a decision clicked while the hub was down is found and handed over at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeLocalMatching } from '../../infra/local/resume-matching';
import { MATCHING_STATES as S } from '../../shared/domain/matching';
import { eventually, path, startWorkflowHarness, type WorkflowHarness } from './support';

let hub: WorkflowHarness;
beforeAll(async () => {
  hub = await startWorkflowHarness();
});
afterAll(async () => {
  await hub?.stop();
});

/** Mentors of the Var, so these mentees have their own candidates. */
const TOULON = { postalCode: '83000', communeCode: '83137' };

describe('matching workflow: resumed after the local hub restarts', () => {
  it('re-binds the pending proposal in a new attempt (no second mail) and the accept then creates the tandem', async () => {
    const mentor = await hub.seedMentor(TOULON);
    const mentee = await hub.seedWaitingMentee(TOULON);
    expect(await hub.pendingProposal(mentee)).toBe(mentor.id);
    const port = await hub.stopRunner();
    expect(hub.runner.executions.get(hub.execution(mentee))?.status).toBe('ABORTED');
    await hub.startRunner(port);

    await expect(resumeLocalMatching()).resolves.toMatchObject({ resumed: 1 });
    // The new attempt's ProposeToMentor re-binds the proposal to its own token.
    await eventually(async () => (await hub.store.getProposal(mentee.id, mentor.id))?.attempt === 2, 'the proposal re-bound by attempt 2');
    expect(await hub.store.getProposal(mentee.id, mentor.id)).toMatchObject({ status: 'pending', attempt: 2 });
    expect(hub.runner.waitingTokens()).toHaveLength(1);
    await hub.decide(mentee, mentor.id, 'accept');

    const execution = await hub.finished(mentee, 2);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution)).toEqual([S.rank, S.hasCandidate, S.propose, S.accept, S.tandemCreated, S.matched]);
    const after = (await hub.store.getMentee(mentee.id))!.mentee;
    expect(after).toMatchObject({ status: 'in_tandem', matchingAttempt: 2 });
    expect((await hub.mails()).filter((m) => m.template === 'proposal' && m.menteeId === mentee.id)).toHaveLength(1);
  });

  it('finds an accept clicked while the hub was down and hands it to the resumed attempt at once', async () => {
    const mentor = await hub.seedMentor({ postalCode: '06000', communeCode: '06088' });
    const mentee = await hub.seedWaitingMentee({ postalCode: '06000', communeCode: '06088' });
    expect(await hub.pendingProposal(mentee)).toBe(mentor.id);
    const port = await hub.stopRunner();

    // The click while nothing listens: its delivery finds no runner, then (restarted) no task.
    await hub.decide(mentee, mentor.id, 'accept');
    await hub.startRunner(port);
    expect((await resumeLocalMatching()).resumed).toBeGreaterThanOrEqual(1);

    const execution = await hub.finished(mentee, 2);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution).at(-1)).toBe(S.matched);
    expect((await hub.store.getMentee(mentee.id))!.mentee).toMatchObject({ status: 'in_tandem', matchingAttempt: 2 });
    expect((await hub.store.getProposal(mentee.id, mentor.id))?.status).toBe('accepted');
  });
});
