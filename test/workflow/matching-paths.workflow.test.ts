/**
 * The matching workflow's paths end to end on DynamoDB Local: the synthesized definition in the
 * local runner, the real task handlers and store, the real jobs consumer starting executions and
 * delivering decisions. Each path asserts where the execution went (its states), what the table
 * holds afterwards (mentee status, proposals, tandem, mail jobs) and counts the state transitions
 * Step Functions would bill (printed for docs/cost).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepFunctionsWorkflow } from '../../shared/adapters/stepfunctions/matching-workflow';
import { loadWorkflowConfig } from '../../shared/config/runtime-config';
import { MATCHING_STATES as S } from '../../shared/domain/matching';
import { eventually, path, startWorkflowHarness, type WorkflowHarness } from './support';

let hub: WorkflowHarness;
beforeAll(async () => {
  hub = await startWorkflowHarness();
});
afterAll(async () => {
  await hub?.stop();
});

/**
 * A place of its own for a test that needs an exact set of candidates: an in-person-only mentee is
 * matched within its département only, and earlier tests' mentors live in the Bouches-du-Rhône.
 */
const TOULON = { postalCode: '83000', communeCode: '83137' };
const NICE = { postalCode: '06000', communeCode: '06088' };

/** One line per path for the cost document: billed transitions of the execution. */
const report = (name: string, transitions: number) => console.log(`[transitions] ${name}: ${transitions}`);

describe('matching workflow paths (local runner, real handlers, DynamoDB Local)', () => {
  it('creates the tandem when the first mentor accepts', async () => {
    const [a, b] = [await hub.seedMentor(), await hub.seedMentor()];
    const mentee = await hub.seedWaitingMentee();

    const first = await hub.pendingProposal(mentee);
    expect([a.id, b.id]).toContain(first);
    // The proposal mail is recorded with the proposal.
    expect((await hub.mails()).filter((m) => m.template === 'proposal' && m.to.personId === first && m.menteeId === mentee.id)).toHaveLength(1);
    await hub.decide(mentee, first, 'accept');

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution)).toEqual([S.rank, S.hasCandidate, S.propose, S.accept, S.tandemCreated, S.matched]);
    const after = (await hub.store.getMentee(mentee.id))!;
    expect(after.mentee).toMatchObject({ status: 'in_tandem', tandemId: expect.any(String) });
    expect(after.proposals.find((p) => p.mentorId === first)).toMatchObject({ status: 'accepted', decision: 'accept' });
    const tandem = await hub.store.getTandem(after.mentee.tandemId!);
    expect(tandem).toMatchObject({ menteeId: mentee.id, mentorId: first, status: 'active', attempt: 1 });
    expect((await hub.store.getMentor(first))!.activeMentees).toBe(1);
    const introductions = (await hub.mails()).filter((m) => m.template === 'introduction' && m.tandemId === tandem!.id);
    expect(introductions.map((m) => m.to)).toEqual(expect.arrayContaining([{ role: 'mentor', personId: first }, { role: 'mentee', personId: mentee.id }]));
    report('one successful match (accepted at the first proposal)', execution.transitions);
  });

  it('moves on after a decline and matches with the next mentor', async () => {
    await hub.seedMentor();
    await hub.seedMentor();
    const mentee = await hub.seedWaitingMentee();

    const first = await hub.pendingProposal(mentee);
    await hub.decide(mentee, first, 'decline');
    const second = await hub.pendingProposal(mentee, [first]);
    expect(second).not.toBe(first);
    await hub.decide(mentee, second, 'accept');

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution)).toEqual([S.rank, S.hasCandidate, S.propose, S.next, S.hasCandidate, S.propose, S.accept, S.tandemCreated, S.matched]);
    expect(execution.events).toContainEqual({ type: 'StateFailed', state: S.propose, error: 'ProposalDeclined' });
    const after = (await hub.store.getMentee(mentee.id))!;
    expect(after.mentee.status).toBe('in_tandem');
    expect(after.proposals.find((p) => p.mentorId === first)).toMatchObject({ status: 'declined', decision: 'decline' });
    expect(after.proposals.find((p) => p.mentorId === second)).toMatchObject({ status: 'accepted' });
    report('one decline, then an accept', execution.transitions);
  });

  it('reports an unmatched mentee to the CCI and the referring partner when every mentor declines', async () => {
    const partner = await hub.seedPartner();
    const mentors = [await hub.seedMentor(TOULON), await hub.seedMentor(TOULON)];
    const mentee = await hub.seedWaitingMentee({ ...TOULON, partnerId: partner.id });

    const declined: string[] = [];
    for (let i = 0; i < mentors.length; i++) {
      const mentorId = await hub.pendingProposal(mentee, declined);
      await hub.decide(mentee, mentorId, 'decline');
      declined.push(mentorId);
    }

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution).slice(-2)).toEqual([S.markUnmatched, S.noMentor]);
    expect(path(execution).filter((s) => s === S.propose)).toHaveLength(2);
    expect((await hub.store.getMentee(mentee.id))!.mentee.status).toBe('unmatched');
    const reports = (await hub.mails()).filter((m) => m.template === 'unmatched_report' && m.menteeId === mentee.id);
    expect(reports.map((m) => m.to)).toEqual(expect.arrayContaining([{ programme: true }, { partnerId: partner.id }]));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({ attempt: 1, proposed: 2 });
    report('two declines, no mentor found', execution.transitions);
  });

  it('goes on to the next candidate when the accepting mentor’s last place was taken meanwhile', async () => {
    const mentors = [await hub.seedMentor({ ...NICE, capacity: 1 }), await hub.seedMentor({ ...NICE, capacity: 1 })];
    const mentee = await hub.seedWaitingMentee(NICE);

    const first = await hub.pendingProposal(mentee);
    await hub.fillMentor(mentors.find((m) => m.id === first)!);
    await hub.decide(mentee, first, 'accept');
    const second = await hub.pendingProposal(mentee, [first]);
    await hub.decide(mentee, second, 'accept');

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(path(execution)).toEqual([
      S.rank, S.hasCandidate, S.propose, S.accept, S.tandemCreated, S.next, S.hasCandidate, S.propose, S.accept, S.tandemCreated, S.matched,
    ]);
    const after = (await hub.store.getMentee(mentee.id))!;
    expect(after.proposals.find((p) => p.mentorId === first)?.status).toBe('capacity_gone');
    expect(after.mentee.status).toBe('in_tandem');
    expect((await hub.store.getTandem(after.mentee.tandemId!))?.mentorId).toBe(second);
  });

  it('starts nothing more when the start is replayed', async () => {
    await hub.seedMentor();
    const mentee = await hub.seedWaitingMentee();
    await hub.pendingProposal(mentee);
    const executions = hub.runner.executions.size;

    // The same job key recorded again (a MODIFY on the stream), then a direct start of the same attempt.
    await hub.recordStartJob(mentee, 1);
    const workflow = stepFunctionsWorkflow(loadWorkflowConfig());
    await expect(workflow.start(hub.execution(mentee), { menteeId: mentee.id, attempt: 1 })).resolves.toBe('already_started');
    await eventually(async () => (await hub.jobs()).filter((j) => j.kind === 'start_matching' && j.menteeId === mentee.id).length === 1 || undefined, 'the replayed job');
    await new Promise((r) => setTimeout(r, 500));
    expect(hub.runner.executions.size).toBe(executions);
    expect([...hub.runner.executions.keys()].filter((name) => name.startsWith(mentee.id))).toEqual([hub.execution(mentee)]);
    expect(hub.consumerLog.filter((line) => /dead|retries/i.test(line))).toEqual([]);
  });
});
