/**
 * The matching workflow's Lambda modules: one per MATCHING_TASKS entry (and the reminder sweep),
 * each built at import from its configuration, each refusing an input its schema refuses with
 * InvalidTaskInputError before any I/O, and each raw task handing the validated input to its use
 * case (here on the memory adapters, through the same task chain).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../shared/config/env';
import { followUpEnvironment } from '../../shared/config/runtime-config';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { InvalidTaskInputError } from '../../shared/domain/errors';
import { proposeInput } from '../../shared/domain/matching';
import { taskHandler } from '../../shared/tasks/task-handler';
import { MATCHING_TASKS } from '../../shared/workflow/matching-tasks';
import { lambdaContext } from '../helpers/api-event';
import { makeMatchingHub } from '../helpers/matching-hub';

type TaskModule = { handler: (event: unknown, context: typeof lambdaContext) => Promise<unknown> };

beforeAll(() => {
  // What CDK sets on these functions; nothing here is reached (bad inputs stop before any call).
  vi.stubEnv(ENV.stage, 'test');
  vi.stubEnv(ENV.tableName, 'tandem-test');
  vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
  vi.stubEnv(ENV.matchingCandidatesPerAttempt, '5');
  vi.stubEnv(ENV.matchingProposalLifetimeSeconds, '604800');
  vi.stubEnv(ENV.matchingReminderAfterSeconds, '259200');
  vi.stubEnv(ENV.stateMachineArn, 'arn:aws:states:eu-west-3:000000000000:stateMachine:tandem-test-matching');
  // AcceptProposal schedules the new tandem's follow-up (the `follow-up` capability).
  for (const [name, value] of Object.entries(followUpEnvironment(FOLLOW_UP_DEFAULTS))) vi.stubEnv(name, value);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const modules = [...Object.values(MATCHING_TASKS).map((t) => t.entry), 'functions/scheduled/send-reminders.ts'];

describe('matching task modules', () => {
  it.each(Object.entries(MATCHING_TASKS))('%s has its module, exporting the task chain handler', async (_state, task) => {
    expect(existsSync(task.entry)).toBe(true);
    const module = (await import(`../../${task.entry}`)) as TaskModule;
    expect(typeof module.handler).toBe('function');
  });

  it.each(Object.values(MATCHING_TASKS).map((t) => t.entry))('%s refuses a malformed input by name, naming the paths only', async (entry) => {
    const { handler } = (await import(`../../${entry}`)) as TaskModule;
    const error = await handler({ menteeId: 'Yanis Benali', attempt: 0 }, lambdaContext).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTaskInputError);
    expect((error as Error).name).toBe('InvalidTaskInputError');
    expect((error as Error).message).not.toContain('Benali');
  });

  it('every module builds at import with the configuration CDK sets', async () => {
    for (const entry of modules) await expect(import(`../../${entry}`)).resolves.toHaveProperty('handler');
  });
});

describe('ProposeToMentor through the task chain', () => {
  it('takes the Payload {taskToken, menteeId, attempt, mentorId, rank} and nothing else', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    // Imported once the environment is set: the module wires its use case at import.
    const { makeProposeToMentorTask } = await import('../../functions/workflow/propose-to-mentor');
    const handler = taskHandler({ input: proposeInput }, makeProposeToMentorTask(hub.proposeToMentor));
    const payload = { taskToken: 'AQCEAAAAKgAAAA', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 };

    await expect(handler({ ...payload, extra: true }, lambdaContext)).rejects.toBeInstanceOf(InvalidTaskInputError);
    await expect(handler({ ...payload, taskToken: '' }, lambdaContext)).rejects.toBeInstanceOf(InvalidTaskInputError);
    expect(await handler(payload, lambdaContext)).toEqual({ outcome: 'recorded' });
    expect(await hub.tokenOf(mentee.id, mentor.id)).toBe('AQCEAAAAKgAAAA');
  });
});
