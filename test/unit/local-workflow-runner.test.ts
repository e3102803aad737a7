/**
 * The local workflow runner's own behaviour, with stand-in tasks (no DynamoDB): the Step Functions
 * API it serves to the workflow adapter (unique execution names, validated input, unknown or lapsed
 * tokens), a fresh token per waiting task, errors matched by name, the transitions it counts, and
 * a stop that aborts what runs. The real handlers run in test/workflow/.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forLocalEngine, startWorkflowRunner, type WorkflowRunner, type WorkflowRunnerOptions } from '../../infra/local/workflow-runner';
import { stepFunctionsWorkflow } from '../../shared/adapters/stepfunctions/matching-workflow';
import { DependencyRejectedError } from '../../shared/domain/errors';
import { MATCHING_STATES as S } from '../../shared/domain/matching';

const menteeId = '0b9c8f4e-6f1e-4d1b-9a39-2f3c1d0e5a77';
const mentors = ['1b9c8f4e-6f1e-4d1b-9a39-2f3c1d0e5a77', '2b9c8f4e-6f1e-4d1b-9a39-2f3c1d0e5a77'];
const env = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

/** Stand-in tasks: two candidates; ProposeToMentor records the payloads it was given. */
function fakeTasks(proposed: Array<Record<string, unknown>>): WorkflowRunnerOptions['taskOverrides'] {
  return {
    [S.rank]: async (p) => ({ ...(p as object), candidates: mentors, count: 2, index: 0, considered: 2, compatible: 2, excluded: {} }),
    [S.propose]: async (p) => {
      proposed.push(p as Record<string, unknown>);
      return { outcome: 'proposed' };
    },
    [S.accept]: async () => ({ outcome: 'tandem_created', tandemId: mentors[0] }),
    [S.recordExpiry]: async () => ({ outcome: 'expired' }),
    [S.markUnmatched]: async () => ({ outcome: 'ended' }),
    [S.markFailed]: async () => ({ outcome: 'ended' }),
  };
}

let runner: WorkflowRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

async function start(proposed: Array<Record<string, unknown>>, options: Partial<WorkflowRunnerOptions> = {}) {
  runner = await startWorkflowRunner({ rootDir: process.cwd(), reminderIntervalMs: false, retryDelayMs: 1, taskOverrides: fakeTasks(proposed), ...options });
  return { runner, workflow: stepFunctionsWorkflow({ stateMachineArn: runner.stateMachineArn, region: 'eu-west-3', endpoint: runner.endpoint }, { env }) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('local workflow runner', () => {
  it('gives each waiting task a token of its own, routes a decline by its name and an accept to the end', async () => {
    const proposed: Array<Record<string, unknown>> = [];
    const { runner, workflow } = await start(proposed);
    await expect(workflow.start(`${menteeId}-1`, { menteeId, attempt: 1 })).resolves.toBe('started');

    await until(() => runner.waitingTokens().length === 1);
    const [first] = runner.waitingTokens();
    expect(proposed[0]).toEqual({ taskToken: first, menteeId, attempt: 1, mentorId: mentors[0], rank: 1 });
    await expect(workflow.sendTaskFailure(first!, 'ProposalDeclined', 'no time')).resolves.toBe('delivered');

    await until(() => proposed.length === 2 && runner.waitingTokens().length === 1);
    const [second] = runner.waitingTokens();
    expect(second).not.toBe(first);
    expect(proposed[1]).toMatchObject({ taskToken: second, mentorId: mentors[1], rank: 2 });
    await expect(workflow.sendTaskSuccess(second!, { decision: 'accept' })).resolves.toBe('delivered');

    const execution = await runner.waitForExecution(`${menteeId}-1`);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ decision: { decision: 'accept' }, accept: { outcome: 'tandem_created' }, index: 1 });
    expect(execution.transitions).toBe(9);
    // A token answered once is gone.
    await expect(workflow.sendTaskSuccess(second!, { decision: 'accept' })).resolves.toBe('task_gone');
    await expect(workflow.sendTaskFailure('never-issued', 'ProposalDeclined')).resolves.toBe('task_gone');
  });

  it('answers ExecutionAlreadyExists to a second start of the same name, and refuses another machine or a bad input', async () => {
    const { workflow, runner } = await start([]);
    await expect(workflow.start(`${menteeId}-1`, { menteeId, attempt: 1 })).resolves.toBe('started');
    await expect(workflow.start(`${menteeId}-1`, { menteeId, attempt: 1 })).resolves.toBe('already_started');
    expect(runner.executions.size).toBe(1);

    const other = stepFunctionsWorkflow({ stateMachineArn: 'arn:aws:states:eu-west-3:000000000000:stateMachine:other', region: 'eu-west-3', endpoint: runner.endpoint }, { env });
    await expect(other.start('x-1', { menteeId, attempt: 1 })).rejects.toMatchObject({ reason: 'StateMachineDoesNotExist' });
    const bad = await workflow.start(`${menteeId}-2`, { menteeId: 'not-a-uuid', attempt: 2 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DependencyRejectedError);
    expect(bad).toMatchObject({ reason: 'InvalidExecutionInput' });
  });

  it('times a proposal out after its lifetime: the state moves on and the lapsed token answers TaskTimedOut', async () => {
    const proposed: Array<Record<string, unknown>> = [];
    const { runner, workflow } = await start(proposed, { proposalLifetimeSeconds: 1 });
    await workflow.start(`${menteeId}-1`, { menteeId, attempt: 1 });
    await until(() => runner.waitingTokens().length === 1);
    const [token] = runner.waitingTokens();

    await until(() => proposed.length === 2);
    expect(runner.executions.get(`${menteeId}-1`)!.events).toContainEqual({ type: 'StateFailed', state: S.propose, error: 'States.Timeout' });
    await expect(workflow.sendTaskSuccess(token!, { decision: 'accept' })).resolves.toBe('task_gone');
  });

  it('aborts running executions when stopped', async () => {
    const { runner, workflow } = await start([]);
    await workflow.start(`${menteeId}-1`, { menteeId, attempt: 1 });
    await until(() => runner.waitingTokens().length === 1);
    await runner.stop();
    expect(runner.executions.get(`${menteeId}-1`)!.status).toBe('ABORTED');
    expect(runner.waitingTokens()).toEqual([]);
  });

  it('drops only a root ResultPath for the local engine (same meaning: the result replaces the state)', () => {
    const adapted = forLocalEngine({ StartAt: 'A', States: { A: { Type: 'Task', ResultPath: '$', End: true }, B: { Type: 'Task', ResultPath: '$.b', End: true } } });
    expect(adapted.States.A).toEqual({ Type: 'Task', End: true });
    expect(adapted.States.B).toEqual({ Type: 'Task', ResultPath: '$.b', End: true });
  });
});
