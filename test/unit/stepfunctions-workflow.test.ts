/**
 * The Step Functions workflow adapter against a local stand-in of the endpoint: the JSON 1.0
 * requests it signs and sends, and how each answer becomes an outcome or a domain error.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stepFunctionsWorkflow } from '../../shared/adapters/stepfunctions/matching-workflow';
import { ConfigError, loadMatchingConfig, loadWorkflowConfig } from '../../shared/config/runtime-config';
import { DependencyRejectedError, ServiceUnavailableError } from '../../shared/domain/errors';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}
type Reply = { status: number; body: unknown };

let server: Server;
let endpoint: string;
const seen: Seen[] = [];
let reply: Reply = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  reply = { status: 200, body: {} };
});

const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session' };
const stateMachineArn = 'arn:aws:states:eu-west-3:123456789012:stateMachine:tandem-dev-matching';
const menteeId = '0b9c8f4e-6f1e-4d1b-9a39-2f3c1d0e5a77';
const workflow = () => stepFunctionsWorkflow({ stateMachineArn, region: 'eu-west-3', endpoint }, { env });
const rejected = (type: string): Reply => ({ status: 400, body: { __type: `com.amazonaws.swf.service.v2.model#${type}`, message: 'refused' } });

describe('Step Functions workflow adapter', () => {
  it('starts the attempt’s execution by name with its input as a JSON string, JSON 1.0, signed for states in the region', async () => {
    reply = { status: 200, body: { executionArn: `${stateMachineArn}:x`, startDate: 1.7e9 } };
    await expect(workflow().start(`${menteeId}-1`, { menteeId, attempt: 1 })).resolves.toBe('started');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/');
    expect(seen[0]!.body).toEqual({ stateMachineArn, name: `${menteeId}-1`, input: JSON.stringify({ menteeId, attempt: 1 }) });
    expect(seen[0]!.headers['x-amz-target']).toBe('AWSStepFunctions.StartExecution');
    expect(seen[0]!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/states\/aws4_request, /);
  });

  it('answers already_started to a replayed start (ExecutionAlreadyExists)', async () => {
    reply = rejected('ExecutionAlreadyExists');
    await expect(workflow().start(`${menteeId}-1`, { menteeId, attempt: 1 })).resolves.toBe('already_started');
  });

  it('hands an accept to the token with SendTaskSuccess, the output as a JSON string', async () => {
    await expect(workflow().sendTaskSuccess('token-1', { decision: 'accept' })).resolves.toBe('delivered');
    expect(seen[0]!.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
    expect(seen[0]!.body).toEqual({ taskToken: 'token-1', output: '{"decision":"accept"}' });
  });

  it('hands a decline with SendTaskFailure, the error name the Catch matches', async () => {
    await expect(workflow().sendTaskFailure('token-2', 'ProposalDeclined', 'declined by the mentor')).resolves.toBe('delivered');
    expect(seen[0]!.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskFailure');
    expect(seen[0]!.body).toEqual({ taskToken: 'token-2', error: 'ProposalDeclined', cause: 'declined by the mentor' });
  });

  it.each(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken'])('answers task_gone when the task no longer waits (%s)', async (type) => {
    reply = rejected(type);
    await expect(workflow().sendTaskSuccess('gone', { decision: 'accept' })).resolves.toBe('task_gone');
    await expect(workflow().sendTaskFailure('gone', 'ProposalDeclined')).resolves.toBe('task_gone');
  });

  it('reports throttling and 5xx as ServiceUnavailableError, so the decision’s record is retried', async () => {
    reply = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };
    await expect(workflow().sendTaskSuccess('t', { decision: 'accept' })).rejects.toBeInstanceOf(ServiceUnavailableError);
    reply = { status: 500, body: { __type: 'InternalFailure' } };
    await expect(workflow().start(`${menteeId}-2`, { menteeId, attempt: 2 })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('reports an unreachable endpoint as ServiceUnavailableError', async () => {
    const offline = stepFunctionsWorkflow({ stateMachineArn, region: 'eu-west-3', endpoint: 'http://127.0.0.1:9' }, { env });
    await expect(offline.start(`${menteeId}-1`, { menteeId, attempt: 1 })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('lets any other refusal through as DependencyRejectedError naming the type only', async () => {
    reply = rejected('StateMachineDoesNotExist');
    const error = await workflow().start(`${menteeId}-1`, { menteeId, attempt: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyRejectedError);
    expect(error).toMatchObject({ reason: 'StateMachineDoesNotExist' });
  });
});

describe('workflow and matching configuration groups', () => {
  it('reads the machine ARN, the region (AWS_REGION, else the ARN’s) and the local endpoint', () => {
    expect(loadWorkflowConfig({ STATE_MACHINE_ARN: stateMachineArn, AWS_REGION: 'eu-west-1' })).toEqual({ stateMachineArn, region: 'eu-west-1' });
    expect(loadWorkflowConfig({ STATE_MACHINE_ARN: stateMachineArn })).toEqual({ stateMachineArn, region: 'eu-west-3' });
    expect(loadWorkflowConfig({ STATE_MACHINE_ARN: stateMachineArn, STEP_FUNCTIONS_ENDPOINT: 'http://127.0.0.1:4100' })).toMatchObject({ endpoint: 'http://127.0.0.1:4100' });
    expect(() => loadWorkflowConfig({ STATE_MACHINE_ARN: 'arn:aws:lambda:eu-west-3:123456789012:function:x' })).toThrow(ConfigError);
    expect(() => loadWorkflowConfig({})).toThrow('Invalid workflow configuration: STATE_MACHINE_ARN');
  });

  it('reads the matching settings and refuses a reminder after the lapse or a lifetime past 14 days', () => {
    const env = { MATCHING_CANDIDATES_PER_ATTEMPT: '5', MATCHING_PROPOSAL_LIFETIME_SECONDS: '604800', MATCHING_REMINDER_AFTER_SECONDS: '259200' };
    expect(loadMatchingConfig(env)).toEqual({ candidatesPerAttempt: 5, proposalLifetimeSeconds: 604_800, reminderAfterSeconds: 259_200 });
    expect(() => loadMatchingConfig({ ...env, MATCHING_REMINDER_AFTER_SECONDS: '604800' })).toThrow('MATCHING_REMINDER_AFTER_SECONDS');
    expect(() => loadMatchingConfig({ ...env, MATCHING_PROPOSAL_LIFETIME_SECONDS: String(15 * 24 * 3600) })).toThrow('MATCHING_PROPOSAL_LIFETIME_SECONDS');
  });
});
