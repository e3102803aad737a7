/**
 * The reminder sweep while a proposal waits: the runner's sweep (the hourly rule in AWS) runs the
 * real scheduled handler, which records one reminder mail per due proposal, once; the proposal
 * still waits on its token and an accept afterwards creates the tandem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATCHING_STATES as S } from '../../shared/domain/matching';
import { path, startWorkflowHarness, type WorkflowHarness } from './support';

let hub: WorkflowHarness;
beforeAll(async () => {
  hub = await startWorkflowHarness({ proposalLifetimeSeconds: 60, reminderAfterSeconds: 1 });
});
afterAll(async () => {
  await hub?.stop();
});

describe('matching workflow: the reminder sweep', () => {
  it('reminds the mentor once while the proposal waits, then the accept still creates the tandem', async () => {
    await hub.seedMentor();
    const mentee = await hub.seedWaitingMentee();
    const mentorId = await hub.pendingProposal(mentee);
    const proposals = async (reminder: boolean) =>
      (await hub.mails()).filter((m) => m.template === 'proposal' && m.menteeId === mentee.id && m.to.personId === mentorId && m.reminder === reminder);

    // Not due yet: the sweep records nothing.
    await hub.runner.sweepReminders();
    expect(await proposals(true)).toEqual([]);

    await new Promise((r) => setTimeout(r, 1_500));
    await expect(hub.runner.sweepReminders()).resolves.toMatchObject({ recorded: 1 });
    await expect(hub.runner.sweepReminders()).resolves.toMatchObject({ recorded: 0 });
    expect(await proposals(true)).toHaveLength(1);
    expect(await proposals(false)).toHaveLength(1);
    expect((await hub.store.getProposal(mentee.id, mentorId))?.remindedAt).toEqual(expect.any(String));

    await hub.decide(mentee, mentorId, 'accept');
    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution).at(-1)).toBe(S.matched);
  });
});
