/**
 * The follow-up's scheduled jobs in their own stack (tandem-<stage>-jobs): one function per
 * registry entry (infra/config/scheduled-jobs.ts) without `stack` (the reports' are in
 * reports-stack.test.ts) with its FOLLOW_UP_* settings and exactly its
 * declared table grant, one EventBridge Scheduler cron each in Europe/Paris invoking it with the
 * scheduled time, through a role that may invoke that function only, with retries and a
 * dead-letter queue; the alarms; and every stack under CloudFormation's 500 resources.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOB_NAMES, SCHEDULED_JOBS, SCHEDULE_TIME_ZONE, type ScheduledJob } from '../../infra/config/scheduled-jobs';
import { loadStageConfig, type StageConfig } from '../../infra/config/stages';
import { JOB_RETRY } from '../../infra/constructs/scheduled-jobs';
import { JOBS_STACK_JOBS } from '../../infra/stacks/jobs-stack';
import { REPORTS_JOBS } from '../../infra/stacks/reports-stack';
import { createTandemStacks, type TandemStacks } from '../../infra/stacks/tandem';
import { ENV } from '../../shared/config/env';
import { followUpEnvironment } from '../../shared/config/runtime-config';
import type { TableAccess } from '../../shared/db/table-access';
import { testContext } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Statement = { Action: string | string[]; Resource: Json; Effect: string; Condition?: Record<string, Record<string, unknown>> };
/** One action a role may perform on the table: `<action> on <table|index/…>[ where <leading keys>]`. */
type Grant = string;

const actionsOf = (s: Statement) => [s.Action].flat();

/** The registry's jobs of this stack. */
const JOBS: Readonly<Record<string, ScheduledJob>> = JOBS_STACK_JOBS;
const JOB_NAMES = Object.keys(JOBS);

let config: StageConfig;
let stacks: TandemStacks;
let t: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  config = loadStageConfig('dev');
  const app = new App({ context: testContext(), builtinCloudFormationValidation: false });
  stacks = createTandemStacks(app, config);
  t = Template.fromStack(stacks.jobs);
  resources = t.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type) as Array<[string, Json]>;
/** The job's function: logical id and resource. */
function functionOf(name: string): [string, Json] {
  const fns = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith(`Jobs${JOBS[name]!.functionName}Function`));
  expect(fns, name).toHaveLength(1);
  return fns[0]!;
}
const statementsOfRole = (roleId: string): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
const scheduleOf = (functionId: string): Json => {
  const schedules = ofType('AWS::Scheduler::Schedule').filter(([, s]) => s.Properties.Target.Arn['Fn::GetAtt']?.[0] === functionId);
  expect(schedules).toHaveLength(1);
  return schedules[0]![1].Properties;
};
const dlqId = () => {
  const queues = ofType('AWS::SQS::Queue');
  expect(queues).toHaveLength(1);
  return queues[0]![0];
};

const grant = (action: string, on: string, leadingKeys?: readonly string[]): Grant => `${action} on ${on}${leadingKeys?.length ? ` where ${[...leadingKeys].join(',')}` : ''}`;

/** The registry's declaration, one line per action (CDK merges statements on the same resource, so statements are not compared as such). */
const expectedGrants = (access: TableAccess): Grant[] =>
  access.flatMap((g) => g.actions.map((action) => grant(action, 'index' in g ? `index/${g.index}` : 'table', 'leadingKeys' in g ? g.leadingKeys : undefined))).sort();

/** The role's table statements, one line per action. */
function tableGrantsOf(roleId: string): Grant[] {
  return statementsOfRole(roleId)
    .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))
    .flatMap((s) => {
      const index = [...JSON.stringify(s.Resource).matchAll(/\/index\/([^"]+)"/g)].map((m) => m[1]).join('+') || undefined;
      const leadingKeys = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      return actionsOf(s).map((a) => grant(a.replace(/^dynamodb:/, ''), index ? `index/${index}` : 'table', leadingKeys));
    })
    .sort();
}

describe('the jobs stack', () => {
  it('is tandem-<stage>-jobs, bound to the stateful stack only', () => {
    expect(stacks.jobs.stackName).toBe('tandem-dev-jobs');
    expect(stacks.jobs.dependencies).toEqual([stacks.stateful]);
    const text = JSON.stringify(t.toJSON());
    expect(text).toContain('tandem-dev-stateful');
    expect(text).not.toMatch(/tandem-dev-stateless|TandemDevStateless/);
  });

  it('has one function per registry entry of this stack and nothing else that runs code; the reports stack has the others', () => {
    expect(JOB_NAMES.sort()).toEqual(['check-ins', 'outcomes', 'retention', 'silence']);
    expect([...JOB_NAMES, ...Object.keys(REPORTS_JOBS)].sort()).toEqual([...SCHEDULED_JOB_NAMES].sort());
    const fns = ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('Custom'));
    expect(fns).toHaveLength(JOB_NAMES.length);
    for (const name of JOB_NAMES) functionOf(name);
    expect(SCHEDULED_JOBS.report.stack).toBe('reports');
  });

  it.each(JOB_NAMES)('%s: the stage’s FOLLOW_UP_* settings and the table in its environment', (name) => {
    const vars = functionOf(name)[1].Properties.Environment.Variables as Record<string, Json>;
    expect(vars).toMatchObject(followUpEnvironment(config.followUp));
    expect(Object.keys(vars).filter((k) => k.startsWith('FOLLOW_UP_')).sort()).toEqual(Object.keys(followUpEnvironment(config.followUp)).sort());
    expect(vars[ENV.tableName]).toBeDefined();
    expect(vars[ENV.stage]).toBe('dev');
  });

  it.each(JOB_NAMES)('%s: exactly the table grant the registry declares, no Scan', (name) => {
    const roleId = functionOf(name)[1].Properties.Role['Fn::GetAtt'][0] as string;
    expect(tableGrantsOf(roleId)).toEqual(expectedGrants(JOBS[name]!.tableAccess));
    const all = statementsOfRole(roleId).flatMap(actionsOf);
    expect(all.filter((a) => /^dynamodb:(Scan|\*|BatchWriteItem|DescribeTable)$/.test(a))).toEqual([]);
    // Beside the table: its logs, X-Ray, and the dead-letter queue for a run Lambda gives up on.
    expect(all.filter((a) => !a.startsWith('dynamodb:')).sort()).toEqual(
      ['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'].sort(),
    );
  });

  it.each(JOB_NAMES)('%s: a cron in Europe/Paris that invokes the function with the scheduled time, retried, then dead-lettered', (name) => {
    const [fnId] = functionOf(name);
    const schedule = scheduleOf(fnId);
    const { hour, minute } = JOBS[name]!.cron;
    expect(schedule).toMatchObject({
      ScheduleExpression: `cron(${minute} ${hour} * * ? *)`,
      ScheduleExpressionTimezone: SCHEDULE_TIME_ZONE,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      GroupName: 'tandem-dev-jobs',
    });
    expect(SCHEDULE_TIME_ZONE).toBe('Europe/Paris');
    expect(JSON.parse(schedule.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(schedule.Target.RetryPolicy).toEqual({
      MaximumRetryAttempts: JOB_RETRY.schedulerRetryAttempts,
      MaximumEventAgeInSeconds: JOB_RETRY.schedulerMaxEventAge.toSeconds(),
    });
    expect(schedule.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId(), 'Arn'] } });
  });

  it.each(JOB_NAMES)('%s: the scheduler’s role may invoke exactly this function (and its versions), assumed by the scheduler for this account and group only', (name) => {
    const [fnId] = functionOf(name);
    const roleId = scheduleOf(fnId).Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': expect.anything(), 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^JobsGroup/), 'Arn'] } } },
      },
    ]);
    const statements = statementsOfRole(roleId);
    expect(statements.map((s) => ({ actions: actionsOf(s), resource: s.Resource }))).toEqual([
      { actions: ['lambda:InvokeFunction'], resource: [{ 'Fn::GetAtt': [fnId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fnId, 'Arn'] }, ':*']] }] },
      { actions: ['sqs:SendMessage'], resource: { 'Fn::GetAtt': [dlqId(), 'Arn'] } },
    ]);
  });

  it.each(JOB_NAMES)('%s: a run that throws is retried by Lambda, then sent to the dead-letter queue', (name) => {
    const [fnId] = functionOf(name);
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === fnId);
    expect(configs).toHaveLength(1);
    expect(configs[0]![1].Properties).toMatchObject({
      MaximumRetryAttempts: JOB_RETRY.functionRetryAttempts,
      MaximumEventAgeInSeconds: JOB_RETRY.functionMaxEventAge.toSeconds(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId(), 'Arn'] } } },
    });
  });

  it('has one dead-letter queue, encrypted, refusing requests without TLS', () => {
    const [id, queue] = ofType('AWS::SQS::Queue')[0]!;
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = ofType('AWS::SQS::QueuePolicy').filter(([, p]) => p.Properties.Queues.some((q: Json) => q.Ref === id));
    expect(policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('alarms on each job’s errors and throttles and on the dead-letter queue, to an encrypted topic, on ALARM and OK', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const names = alarms.map((a) => a.AlarmName).sort();
    expect(names).toEqual(
      [...JOB_NAMES.flatMap((n) => [`tandem-dev-job-${n}-errors`, `tandem-dev-job-${n}-throttles`]), 'tandem-dev-jobs-dead-letters'].sort(),
    );
    const [topicId, topic] = ofType('AWS::SNS::Topic')[0]!;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
    const errors = alarms.find((a) => a.AlarmName === 'tandem-dev-job-check-ins-errors')!;
    expect(errors).toMatchObject({ MetricName: 'Errors', Threshold: 1, Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionOf('check-ins')[0] } }] });
    const dlq = alarms.find((a) => a.AlarmName === 'tandem-dev-jobs-dead-letters')!;
    expect(dlq).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId(), 'QueueName'] } }] });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: config.alarmEmail });
  });

  it('keeps every stack of the stage under CloudFormation’s 500 resources', () => {
    const counts = Object.fromEntries(
      [stacks.stateful, stacks.stateless, stacks.jobs, stacks.reports].map((s) => [s.stackName, Object.keys(Template.fromStack(s).toJSON().Resources).length]),
    );
    // Printed so a change that grows a stack shows its size in the test output.
    console.info('resources per stack', counts);
    expect(Object.keys(counts)).toHaveLength(4);
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeLessThan(500);
    expect(counts['tandem-dev-jobs']).toBeLessThan(100);
    expect(counts['tandem-dev-reports']).toBeLessThan(150);
  });
});
