/**
 * The matching workflow in the synthesized stateless stack (issue 9): the state machine's states,
 * retries and catches as the design draws them, ProposeToMentor's wait bounded by the stage's
 * proposal lifetime, logging and tracing, the alarm on failed executions, each task function's
 * role limited to its own grants, the jobs consumer's grants on this machine only, the hourly
 * reminder rule — and the local runner's definition is the synthesized one.
 */
import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages';
import { LAMBDA_SERVICE_ERRORS, SEND_REMINDERS } from '../../infra/constructs/matching-workflow';
import { localMatchingDefinition } from '../../infra/local/workflow-runner';
import { ENV } from '../../shared/config/env';
import type { TableAccess } from '../../shared/db/table-access';
import { MATCHING_STATES as S, WORKFLOW_ERRORS } from '../../shared/domain/matching';
import { MATCHING_TASKS, type MatchingTaskState } from '../../shared/workflow/matching-tasks';
import { synthStage, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Statement = { Action: string | string[]; Resource: Json; Condition?: Record<string, Record<string, unknown>> };

const TASK_STATES = Object.keys(MATCHING_TASKS) as MatchingTaskState[];
const FIVE_DAYS = 5 * 24 * 3600;

/** The state machine's logical id and its definition, parsed: CloudFormation references become `<logicalId>` strings. */
function stateMachineOf(t: Template): { id: string; props: Json; definition: { StartAt: string; States: Record<string, Json> } } {
  const machines = t.findResources('AWS::StepFunctions::StateMachine');
  expect(Object.keys(machines)).toHaveLength(1);
  const [id, resource] = Object.entries(machines)[0]! as [string, Json];
  const definition = new Capture();
  t.hasResourceProperties('AWS::StepFunctions::StateMachine', { DefinitionString: { 'Fn::Join': ['', definition] } });
  const text = (definition.asArray() as Json[])
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.Ref === 'AWS::Partition') return 'aws';
      if (part['Fn::GetAtt']) return `<${part['Fn::GetAtt'][0]}>`;
      throw new Error(`unexpected part ${JSON.stringify(part)}`);
    })
    .join('');
  return { id, props: resource.Properties, definition: JSON.parse(text) };
}

function functionOf(t: Template, prefix: string): { id: string; props: Json } {
  const found = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return { id: found[0]![0], props: (found[0]![1] as Json).Properties };
}
const taskFunction = (t: Template, state: MatchingTaskState) => functionOf(t, `Matching${MATCHING_TASKS[state].functionName}Function`);

function statementsOf(t: Template, fnPrefix: string): Statement[] {
  const roleId = functionOf(t, fnPrefix).props.Role['Fn::GetAtt'][0] as string;
  return (Object.values(t.findResources('AWS::IAM::Policy')) as Json[])
    .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement) => [s.Action].flat();

/** A function's table statements in the shape of its declaration (shared/db/table-access.ts). */
function tableGrants(statements: Statement[]) {
  return statements
    .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))
    .map((s) => {
      const index = /\/index\/([^"]+)"/.exec(JSON.stringify(s.Resource))?.[1];
      const leadingKeys = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      return { actions: actionsOf(s).map((a) => a.replace(/^dynamodb:/, '')).sort(), ...(index ? { index } : {}), ...(leadingKeys ? { leadingKeys } : {}) };
    });
}
const declared = (access: TableAccess) =>
  access.map((g) => ({ actions: [...g.actions].sort(), ...('index' in g ? { index: g.index } : {}), ...('leadingKeys' in g && g.leadingKeys ? { leadingKeys: [...g.leadingKeys] } : {}) }));

describe('matching workflow (stateless stack)', () => {
  let dev: Synthesized;
  let fiveDays: Synthesized;
  let machine: ReturnType<typeof stateMachineOf>;
  let states: Record<string, Json>;
  beforeAll(() => {
    dev = synthStage('dev');
    fiveDays = synthStage('dev', { overrides: { matching: { candidatesPerAttempt: 3, proposalLifetimeSeconds: FIVE_DAYS, reminderAfterSeconds: 2 * 24 * 3600 } } });
    machine = stateMachineOf(dev.stateless);
    states = machine.definition.States;
  });

  describe('state machine', () => {
    it('is a named standard machine, logging errors without execution data, traced, with a backstop timeout past every proposal', () => {
      const config = loadStageConfig('dev');
      expect(machine.props).toMatchObject({
        StateMachineName: 'tandem-dev-matching',
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false },
      });
      const [logGroup] = Object.keys(dev.stateless.findResources('AWS::Logs::LogGroup')).filter((id) => id.startsWith('MatchingExecutions'));
      expect(machine.props.LoggingConfiguration.Destinations).toEqual([{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] } } }]);
      expect(machine.definition).toMatchObject({ StartAt: S.rank });
      expect(JSON.parse(JSON.stringify(machine.definition)).TimeoutSeconds).toBe(config.matching.proposalLifetimeSeconds * (config.matching.candidatesPerAttempt + 1));
    });

    it('has exactly the states of MATCHING_STATES', () => {
      expect(Object.keys(states).sort()).toEqual(Object.values(S).sort());
    });

    it('waits on ProposeToMentor with a task token for the stage’s proposal lifetime, passing the current candidate and its rank', () => {
      expect(states[S.propose]).toMatchObject({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        TimeoutSeconds: loadStageConfig('dev').matching.proposalLifetimeSeconds,
        ResultPath: '$.decision',
        Next: S.accept,
        Parameters: {
          FunctionName: `<${taskFunction(dev.stateless, S.propose).id}>`,
          Payload: {
            'taskToken.$': '$$.Task.Token',
            'menteeId.$': '$.menteeId',
            'attempt.$': '$.attempt',
            'mentorId.$': 'States.ArrayGetItem($.candidates, $.index)',
            'rank.$': 'States.MathAdd($.index, 1)',
          },
        },
      });
      expect(stateMachineOf(fiveDays.stateless).definition.States[S.propose].TimeoutSeconds).toBe(FIVE_DAYS);
    });

    it('invokes the other tasks directly (payload only), each on its own function, its result on its own path', () => {
      const resultPaths: Partial<Record<MatchingTaskState, string>> = {
        [S.rank]: '$',
        [S.accept]: '$.accept',
        [S.recordExpiry]: '$.expiry',
        [S.markUnmatched]: '$.unmatched',
        [S.markFailed]: '$.failed',
      };
      for (const [state, resultPath] of Object.entries(resultPaths)) {
        expect(states[state], state).toMatchObject({ Type: 'Task', Resource: `<${taskFunction(dev.stateless, state as MatchingTaskState).id}>`, ResultPath: resultPath });
        expect(states[state].TimeoutSeconds, state).toBeUndefined();
      }
      expect(states[S.accept].Parameters).toEqual({ 'menteeId.$': '$.menteeId', 'attempt.$': '$.attempt', 'mentorId.$': 'States.ArrayGetItem($.candidates, $.index)' });
      expect(states[S.markFailed].Parameters).toEqual({ 'menteeId.$': '$.menteeId', 'attempt.$': '$.attempt', 'error.$': '$.error' });
      expect(states[S.markUnmatched].Parameters).toMatchObject({ 'proposed.$': '$.index', 'excluded.$': '$.excluded' });
    });

    it.each(TASK_STATES)('%s retries transient and Lambda service errors: 2 s, backoff 2, 4 attempts, at most 30 s, full jitter', (state) => {
      expect(states[state].Retry).toEqual([
        {
          ErrorEquals: [...WORKFLOW_ERRORS.transient, ...LAMBDA_SERVICE_ERRORS],
          IntervalSeconds: 2,
          BackoffRate: 2,
          MaxAttempts: 4,
          MaxDelaySeconds: 30,
          JitterStrategy: 'FULL',
        },
      ]);
      expect(states[state].Retry[0].ErrorEquals).toContain('Lambda.ServiceException');
    });

    it.each(TASK_STATES)('%s ends quietly when superseded and sends anything else to MarkFailed (MarkFailed itself fails the execution)', (state) => {
      const catches = states[state].Catch as Json[];
      expect(catches[0]).toEqual({ ErrorEquals: [WORKFLOW_ERRORS.superseded], ResultPath: '$.error', Next: S.superseded });
      if (state === S.markFailed) {
        expect(catches).toHaveLength(1);
        expect(states[state].Next).toBe(S.failed);
      } else {
        expect(catches.at(-1)).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: S.markFailed });
      }
    });

    it('moves on after a decline or a skipped candidate, records the expiry after the timeout', () => {
      expect(states[S.propose].Catch).toEqual([
        { ErrorEquals: [WORKFLOW_ERRORS.superseded], ResultPath: '$.error', Next: S.superseded },
        { ErrorEquals: [WORKFLOW_ERRORS.declined, WORKFLOW_ERRORS.skipped], ResultPath: '$.error', Next: S.next },
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: S.recordExpiry },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: S.markFailed },
      ]);
    });

    it('loops: HasCandidate while index < count, NextCandidate adds one and keeps the loop state only', () => {
      expect(states[S.hasCandidate]).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.index', NumericLessThanPath: '$.count', Next: S.propose }],
        Default: S.markUnmatched,
      });
      expect(states[S.next]).toMatchObject({ Type: 'Pass', Next: S.hasCandidate });
      expect(states[S.next].Parameters).toEqual({
        'menteeId.$': '$.menteeId',
        'attempt.$': '$.attempt',
        'candidates.$': '$.candidates',
        'count.$': '$.count',
        'index.$': 'States.MathAdd($.index, 1)',
        'considered.$': '$.considered',
        'compatible.$': '$.compatible',
        'excluded.$': '$.excluded',
      });
    });

    it('branches on the task outcomes: tandem created → Matched, capacity gone → next; a late accept → AcceptProposal, otherwise next', () => {
      expect(states[S.tandemCreated]).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.accept.outcome', StringEquals: 'tandem_created', Next: S.matched }],
        Default: S.next,
      });
      expect(states[S.lateDecision]).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.expiry.outcome', StringEquals: 'accepted_late', Next: S.accept }],
        Default: S.next,
      });
      expect(states[S.recordExpiry].Next).toBe(S.lateDecision);
      expect(states[S.markUnmatched].Next).toBe(S.noMentor);
      for (const end of [S.matched, S.noMentor, S.superseded]) expect(states[end].Type, end).toBe('Succeed');
      expect(states[S.failed]).toMatchObject({ Type: 'Fail', Error: 'MatchingFailed' });
    });

    it('is the definition the local runner runs (same code, literal function ARNs)', () => {
      const local = localMatchingDefinition(loadStageConfig('dev').matching.proposalLifetimeSeconds);
      const withoutFunctions = (d: Json) =>
        JSON.parse(JSON.stringify(d), (key, value) => (key === 'Resource' && !String(value).startsWith('arn:aws:states') ? 'fn' : key === 'FunctionName' ? 'fn' : value));
      expect(withoutFunctions(local.States)).toEqual(withoutFunctions(states));
      expect(local.StartAt).toBe(S.rank);
    });
  });

  describe('alarms', () => {
    it.each([
      ['ExecutionsFailed', 'failed'],
      ['ExecutionsTimedOut', 'timed-out'],
    ])('alarms on %s of this machine, from the first one', (metric, slug) => {
      dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `tandem-dev-sfn-Matching-${slug}`,
        Namespace: 'AWS/States',
        MetricName: metric,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machine.id } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });

    it.each([...TASK_STATES.map((s) => MATCHING_TASKS[s].functionName), SEND_REMINDERS.functionName])('watches %s like every function (errors, throttles)', (name) => {
      const fn = functionOf(dev.stateless, `Matching${name}Function`);
      for (const [metric, slug] of [
        ['Errors', 'errors'],
        ['Throttles', 'throttles'],
      ]) {
        dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `tandem-dev-fn-${name}-${slug}`,
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn.id } }],
        });
      }
    });
  });

  describe('grants', () => {
    it.each(TASK_STATES)('%s: its declared table access, nothing else but its logs and X-Ray (ProposeToMentor: answering its machine’s tokens)', (state) => {
      const statements = statementsOf(dev.stateless, `Matching${MATCHING_TASKS[state].functionName}Function`);
      expect(tableGrants(statements)).toEqual(declared(MATCHING_TASKS[state].tableAccess));
      const others = statements.filter((s) => !actionsOf(s).some((a) => /^(dynamodb|logs|xray):/.test(a)));
      if (!MATCHING_TASKS[state].waitsForTaskToken) {
        expect(others, state).toEqual([]);
        return;
      }
      expect(others).toHaveLength(1);
      expect(actionsOf(others[0]!).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
      expect(JSON.stringify(others[0]!.Resource)).toContain(':stateMachine:tandem-dev-matching');
    });

    it('gives each task function the stage’s matching settings; ProposeToMentor also its machine’s ARN, by name (no cycle)', () => {
      const { matching } = loadStageConfig('dev');
      for (const state of TASK_STATES) {
        const env = taskFunction(dev.stateless, state).props.Environment.Variables;
        expect(env, state).toMatchObject({
          [ENV.matchingCandidatesPerAttempt]: String(matching.candidatesPerAttempt),
          [ENV.matchingProposalLifetimeSeconds]: String(matching.proposalLifetimeSeconds),
          [ENV.matchingReminderAfterSeconds]: String(matching.reminderAfterSeconds),
        });
        if (MATCHING_TASKS[state].waitsForTaskToken) expect(JSON.stringify(env[ENV.stateMachineArn])).toContain(':stateMachine:tandem-dev-matching');
        else expect(env).not.toHaveProperty(ENV.stateMachineArn);
      }
      expect(taskFunction(fiveDays.stateless, S.propose).props.Environment.Variables[ENV.matchingProposalLifetimeSeconds]).toBe(String(FIVE_DAYS));
    });

    it('lets the state machine invoke its six task functions only', () => {
      const roleId = machine.props.RoleArn['Fn::GetAtt'][0] as string;
      const statements = (Object.values(dev.stateless.findResources('AWS::IAM::Policy')) as Json[])
        .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
      const invoke = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
      expect(invoke).toHaveLength(1);
      const targets = new Set(JSON.stringify(invoke[0]!.Resource).match(/Matching\w+Function[0-9A-F]{8}/g));
      expect([...targets].sort()).toEqual(TASK_STATES.map((s) => taskFunction(dev.stateless, s).id).sort());
    });

    it('lets the jobs consumer start executions and answer task tokens on this machine only', () => {
      const statements = statementsOf(dev.stateless, 'OutboxJobsFunction');
      const states = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
      expect(states).toHaveLength(1);
      expect(actionsOf(states[0]!).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:StartExecution']);
      expect(states[0]!.Resource).toEqual({ Ref: machine.id });
      expect(functionOf(dev.stateless, 'OutboxJobsFunction').props.Environment.Variables[ENV.stateMachineArn]).toEqual({ Ref: machine.id });
    });

    it('gives no other function any Step Functions action', () => {
      const allowed = ['OutboxJobsFunction', `Matching${MATCHING_TASKS[S.propose].functionName}Function`];
      for (const id of Object.keys(dev.stateless.findResources('AWS::Lambda::Function'))) {
        if (id.startsWith('Custom') || allowed.some((p) => id.startsWith(p))) continue;
        expect(statementsOf(dev.stateless, id).flatMap(actionsOf).filter((a) => a.startsWith('states:')), id).toEqual([]);
      }
    });
  });

  describe('reminder sweep', () => {
    it('runs every hour on its own function, retried twice by EventBridge', () => {
      const fn = functionOf(dev.stateless, `Matching${SEND_REMINDERS.functionName}Function`);
      dev.stateless.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 hour)',
        State: 'ENABLED',
        Targets: [{ Arn: { 'Fn::GetAtt': [fn.id, 'Arn'] }, Id: Match.anyValue(), RetryPolicy: { MaximumRetryAttempts: 2 } }],
      });
      dev.stateless.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fn.id, 'Arn'] },
        Principal: 'events.amazonaws.com',
      });
      expect(fn.props.Environment.Variables[ENV.matchingReminderAfterSeconds]).toBe(String(loadStageConfig('dev').matching.reminderAfterSeconds));
    });

    it('queries the reminder index and writes proposals and their mail jobs, nothing else', () => {
      const statements = statementsOf(dev.stateless, `Matching${SEND_REMINDERS.functionName}Function`);
      expect(tableGrants(statements)).toEqual(declared(SEND_REMINDERS.tableAccess));
      expect(tableGrants(statements)).toContainEqual({ actions: ['Query'], index: 'GSI1' });
      expect(statements.flatMap(actionsOf).filter((a) => !/^(dynamodb|logs|xray):/.test(a))).toEqual([]);
    });
  });
});
