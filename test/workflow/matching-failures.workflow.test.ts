/**
 * Failures in the matching workflow: a dependency briefly unavailable is retried by the state
 * machine (the task succeeds on a later attempt, nothing is done twice); one that keeps failing
 * sends the execution to MarkFailed, which marks the mentee `matching_failed` and records the
 * CCI's alert, then fails the execution (the alarm on failed executions).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DependencyRejectedError, ServiceUnavailableError } from '../../shared/domain/errors';
import { MATCHING_STATES as S } from '../../shared/domain/matching';
import { path, startWorkflowHarness, type WorkflowHarness } from './support';

let hub: WorkflowHarness;
beforeAll(async () => {
  hub = await startWorkflowHarness();
});
afterEach(() => {
  for (const state of Object.keys(hub.overrides)) delete hub.overrides[state as keyof typeof hub.overrides];
});
afterAll(async () => {
  await hub?.stop();
});

describe('matching workflow: failures', () => {
  it('retries a task whose dependency was briefly unavailable, then goes on', async () => {
    let calls = 0;
    // The table "unavailable" on AcceptProposal's first call, as the DynamoDB adapter reports a throttle.
    hub.overrides[S.accept] = async (payload, context, real) => {
      calls++;
      if (calls === 1) throw new ServiceUnavailableError('table throttled');
      return real(payload, context);
    };
    await hub.seedMentor();
    const mentee = await hub.seedWaitingMentee();
    const mentorId = await hub.pendingProposal(mentee);
    await hub.decide(mentee, mentorId, 'accept');

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls).toBe(2);
    expect(execution.events).toContainEqual({ type: 'StateFailed', state: S.accept, error: 'ServiceUnavailableError' });
    expect(execution.events.filter((e) => e.type === 'StateRetried')).toEqual([{ type: 'StateRetried', state: S.accept }]);
    expect(path(execution).at(-1)).toBe(S.matched);
    const after = (await hub.store.getMentee(mentee.id))!;
    expect(after.mentee.status).toBe('in_tandem');
    // One tandem, one set of introductions (mentor and mentee: no referring partner here).
    expect((await hub.mails()).filter((m) => m.template === 'introduction' && m.tandemId === after.mentee.tandemId)).toHaveLength(2);
    console.log(`[transitions] one retried task, then a match: ${execution.transitions}`);
  });

  it('marks the mentee matching_failed, alerts the CCI and fails the execution when a task keeps failing', async () => {
    hub.overrides[S.rank] = async () => {
      throw new DependencyRejectedError('candidates unreadable', 'ValidationException');
    };
    const mentee = await hub.seedWaitingMentee();

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toMatchObject({ Error: 'MatchingFailed' });
    expect(path(execution)).toEqual([S.rank, S.markFailed, S.failed]);
    expect((await hub.store.getMentee(mentee.id))!.mentee.status).toBe('matching_failed');
    const alerts = (await hub.mails()).filter((m) => m.template === 'matching_failed' && m.menteeId === mentee.id);
    expect(alerts).toEqual([expect.objectContaining({ to: { programme: true }, attempt: 1, errorName: 'DependencyRejectedError' })]);
  });

  it('gives up after the retries when the dependency stays unavailable, and fails the same way', async () => {
    let calls = 0;
    hub.overrides[S.rank] = async () => {
      calls++;
      throw new ServiceUnavailableError('table unavailable');
    };
    const mentee = await hub.seedWaitingMentee();

    const execution = await hub.finished(mentee);
    expect(execution.status).toBe('FAILED');
    // The first call and the definition's four retries.
    expect(calls).toBe(5);
    expect(execution.events.filter((e) => e.type === 'StateRetried')).toHaveLength(4);
    expect(path(execution).slice(-2)).toEqual([S.markFailed, S.failed]);
    expect((await hub.store.getMentee(mentee.id))!.mentee.status).toBe('matching_failed');
    expect((await hub.mails()).filter((m) => m.template === 'matching_failed' && m.menteeId === mentee.id)).toEqual([
      expect.objectContaining({ errorName: 'ServiceUnavailableError' }),
    ]);
  });
});
