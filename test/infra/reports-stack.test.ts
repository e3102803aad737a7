/**
 * The reports stack (tandem-<stage>-reports, docs/reports.md « In AWS »): the routes with
 * `stack: 'reports'` on the stateless stack's HTTP API (its JWT authorizer, each route its own
 * function), the monthly report and weekly digest on EventBridge Scheduler in Europe/Paris, the
 * functions' S3 grant on the reports bucket only, their alarms; and nothing pointing back from the
 * stateless stack (no cycle).
 */
import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS, SCHEDULE_TIME_ZONE, type ScheduledJob } from '../../infra/config/scheduled-jobs';
import { loadStageConfig } from '../../infra/config/stages';
import { routeKey } from '../../infra/constructs/http-api';
import { JOB_RETRY } from '../../infra/constructs/scheduled-jobs';
import { REPORTS_FUNCTION_MEMORY_MB, REPORTS_JOBS, REPORTS_ROUTES, REPORTS_ROUTE_TIMEOUT } from '../../infra/stacks/reports-stack';
import { ENV } from '../../shared/config/env';
import { reportsEnvironment } from '../../shared/config/runtime-config';
import { synthStage, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Statement = { Action: string | string[]; Resource: Json; Effect: string; Condition?: unknown };

const actionsOf = (s: Statement) => [s.Action].flat();
/** A CloudFormation string as one line: `Fn::Join` joined, `Ref` as `<name>`, a stack output as `<stack:output>`. */
const flat = (v: Json): string => {
  if (typeof v === 'string') return v;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as Json[]).map(flat).join(v['Fn::Join'][0]);
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetStackOutput']) return `<${v['Fn::GetStackOutput'].StackName}:${v['Fn::GetStackOutput'].OutputName}>`;
  return JSON.stringify(v);
};

let dev: Synthesized;
let prod: Synthesized;
let t: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod');
  t = dev.reports;
  resources = t.toJSON().Resources;
});

const ofType = (type: string, template: Template = t) =>
  Object.entries(template.toJSON().Resources as Record<string, Json>).filter(([, r]) => r.Type === type) as Array<[string, Json]>;
/** The function of a route (`Http<id>Function…`) or a job (`Jobs<FunctionName>Function…`). */
function functionOf(prefix: string, template: Template = t): [string, Json] {
  const fns = ofType('AWS::Lambda::Function', template).filter(([id]) => id.startsWith(prefix));
  expect(fns, prefix).toHaveLength(1);
  return fns[0]!;
}
const statementsOfFunction = ([, fn]: [string, Json]): Statement[] => {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
};
/** The stateless stack's API id and authorizer id, as the reports stack reads them. */
const fromStateless = (v: Json) => flat(v).startsWith('<tandem-dev-stateless:');

describe('the reports stack', () => {
  it('is tandem-<stage>-reports, after the stateful and stateless stacks, which name nothing of it', () => {
    expect(dev.stacks.reports.stackName).toBe('tandem-dev-reports');
    expect(dev.stacks.reports.dependencies.map((s) => s.stackName).sort()).toEqual(['tandem-dev-stateful', 'tandem-dev-stateless']);
    // (The bucket's name starts like the stack's: `tandem-dev-reports-<account>-<region>`.)
    for (const other of [dev.stateful, dev.stateless]) expect(JSON.stringify(other.toJSON())).not.toMatch(/"tandem-dev-reports"|TandemDevReports/);
  });

  it('holds the routes with `stack: \'reports\'`: the report routes and the programme import', () => {
    expect(REPORTS_ROUTES.map((r) => r.id).sort()).toEqual(['GetReportFile', 'GetReportKpis', 'ImportProgramme', 'ListReports', 'RunReport']);
    expect(Object.keys(REPORTS_JOBS).sort()).toEqual(['digest', 'report']);
    const fns = ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('Custom'));
    expect(fns).toHaveLength(REPORTS_ROUTES.length + Object.keys(REPORTS_JOBS).length);
  });

  it.each(REPORTS_ROUTES.map((r) => [r.id, r] as const))('%s: a route on the stateless stack’s API, behind its JWT authorizer, integrated with its own function', (id, route) => {
    const [fnId] = functionOf(`Http${id}Function`);
    const routes = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.RouteKey === routeKey(route));
    expect(routes, id).toHaveLength(1);
    const [, r] = routes[0]!;
    expect(r.Properties.AuthorizationType).toBe('JWT');
    expect(fromStateless(r.Properties.ApiId), flat(r.Properties.ApiId)).toBe(true);
    expect(flat(r.Properties.AuthorizerId)).toMatch(/^<tandem-dev-stateless:.*JwtAuthorizer/);
    const integrationId = flat(r.Properties.Target).replace(/^integrations\/<(.+)>$/, '$1');
    const integration = resources[integrationId];
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    expect(flat(integration.Properties.ApiId)).toBe(flat(r.Properties.ApiId));
    // API Gateway may invoke the function, from this API only.
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => p.Properties.FunctionName['Fn::GetAtt']?.[0] === fnId);
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties.Principal).toBe('apigateway.amazonaws.com');
    expect(flat(permissions[0]![1].Properties.SourceArn)).toContain(`${flat(r.Properties.ApiId)}/*/*${route.path}`);
  });

  it('sizes the route functions for a report or an import computed on demand, under the API’s 30 s', () => {
    for (const route of REPORTS_ROUTES) {
      const [, fn] = functionOf(`Http${route.id}Function`);
      expect(fn.Properties, route.id).toMatchObject({ MemorySize: REPORTS_FUNCTION_MEMORY_MB, Timeout: REPORTS_ROUTE_TIMEOUT.toSeconds(), Runtime: 'nodejs24.x' });
    }
    expect(REPORTS_ROUTE_TIMEOUT.toSeconds()).toBeLessThan(30);
  });

  it('gives the functions with `reports` the bucket and the stage’s report settings, the others none', () => {
    const config = loadStageConfig('dev');
    for (const route of REPORTS_ROUTES) {
      const vars = functionOf(`Http${route.id}Function`)[1].Properties.Environment.Variables as Record<string, Json>;
      if (!(route.capabilities as readonly string[]).includes('reports')) {
        expect(Object.keys(vars).filter((k) => k.startsWith('REPORTS_')), route.id).toEqual([]);
        continue;
      }
      expect(vars, route.id).toMatchObject({ [ENV.reportsStore]: 's3', ...reportsEnvironment(config.reports) });
      expect(flat(vars[ENV.reportsBucket])).toBe('tandem-dev-reports-<AWS::AccountId>-<AWS::Region>');
    }
  });

  it('checks CloudFront’s origin header in its functions as the API’s own do, where the API has its own domain (prod)', () => {
    for (const route of REPORTS_ROUTES) {
      const vars = functionOf(`Http${route.id}Function`, prod.reports)[1].Properties.Environment.Variables as Record<string, Json>;
      expect(vars[ENV.originVerifyValue], route.id).toBeDefined();
      expect(JSON.stringify(vars[ENV.originVerifyValue])).toContain('resolve:secretsmanager');
      expect(functionOf(`Http${route.id}Function`)[1].Properties.Environment.Variables[ENV.originVerifyValue]).toBeUndefined();
    }
  });

  it.each(Object.entries(REPORTS_JOBS))('%s: a schedule in Europe/Paris invoking its function with the scheduled time, retried, then dead-lettered', (name, job) => {
    const [fnId, fn] = functionOf(`Jobs${job.functionName}Function`);
    expect(fn.Properties).toMatchObject({ MemorySize: REPORTS_FUNCTION_MEMORY_MB, Timeout: 300 });
    const schedules = ofType('AWS::Scheduler::Schedule').filter(([, s]) => s.Properties.Target.Arn['Fn::GetAtt']?.[0] === fnId);
    expect(schedules, name).toHaveLength(1);
    const schedule = schedules[0]![1].Properties;
    // The report monthly on the 1st at 07:00, the digest on Mondays at 07:00, Paris time.
    const expected = { report: 'cron(0 7 1 * ? *)', digest: 'cron(0 7 ? * MON *)' }[name];
    expect(schedule).toMatchObject({
      ScheduleExpression: expected,
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      GroupName: 'tandem-dev-reports',
    });
    expect(SCHEDULE_TIME_ZONE).toBe('Europe/Paris');
    expect(JSON.parse(schedule.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(schedule.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: JOB_RETRY.schedulerRetryAttempts, MaximumEventAgeInSeconds: JOB_RETRY.schedulerMaxEventAge.toSeconds() });
    const [dlqId] = ofType('AWS::SQS::Queue')[0]!;
    expect(schedule.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    // The scheduler's role may invoke this function only.
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0] as string;
    const invoke = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(invoke.map((s) => s.Resource)).toEqual([[{ 'Fn::GetAtt': [fnId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fnId, 'Arn'] }, ':*']] }]]);
    expect((SCHEDULED_JOBS as Readonly<Record<string, ScheduledJob>>)[name]!.stack).toBe('reports');
  });

  it('grants S3 only on the reports bucket: GetObject and PutObject on its objects, ListBucket on it, never a delete', () => {
    const bucket = 'tandem-dev-reports-<AWS::AccountId>-<AWS::Region>';
    const s3 = ofType('AWS::IAM::Policy')
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    // Six functions have `reports`: four routes and the two jobs; two statements each.
    expect(s3).toHaveLength(12);
    for (const s of s3) {
      const resource = flat(s.Resource);
      if (actionsOf(s).includes('s3:ListBucket')) {
        expect(actionsOf(s)).toEqual(['s3:ListBucket']);
        expect(resource).toBe(`arn:<AWS::Partition>:s3:::${bucket}`);
      } else {
        expect(actionsOf(s).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
        expect(resource).toBe(`arn:<AWS::Partition>:s3:::${bucket}/*`);
      }
    }
    // The same name as the stateful stack's bucket.
    const [bucketResource] = Object.values(dev.stateful.findResources('AWS::S3::Bucket')) as Json[];
    expect(flat(bucketResource.Properties.BucketName)).toBe(bucket);
  });

  it('sends mail as the stage’s sender only, from the functions that mail the CCI’s list', () => {
    const config = loadStageConfig('dev');
    const senders = [functionOf('HttpRunReportFunction'), ...Object.values(REPORTS_JOBS).map((j) => functionOf(`Jobs${j.functionName}Function`))];
    for (const fn of senders) {
      const ses = statementsOfFunction(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses.map((s) => ({ actions: actionsOf(s), condition: s.Condition }))).toEqual([{ actions: ['ses:SendEmail'], condition: { StringEquals: { 'ses:FromAddress': config.mailFrom } } }]);
    }
    for (const id of ['GetReportKpis', 'ListReports', 'GetReportFile', 'ImportProgramme']) {
      expect(statementsOfFunction(functionOf(`Http${id}Function`)).flatMap(actionsOf).filter((a) => a.startsWith('ses:')), id).toEqual([]);
    }
  });

  it('alarms on each function’s errors and throttles and on the dead-letter queue, to its own encrypted topic, on ALARM and OK', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(
      [
        ...REPORTS_ROUTES.flatMap((r) => [`tandem-dev-fn-${r.id}-errors`, `tandem-dev-fn-${r.id}-throttles`]),
        ...Object.keys(REPORTS_JOBS).flatMap((n) => [`tandem-dev-job-${n}-errors`, `tandem-dev-job-${n}-throttles`]),
        'tandem-dev-reports-dead-letters',
      ].sort(),
    );
    const [topicId, topic] = ofType('AWS::SNS::Topic')[0]!;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
    const [runReportId] = functionOf('HttpRunReportFunction');
    expect(alarms.find((a) => a.AlarmName === 'tandem-dev-fn-RunReport-errors')).toMatchObject({
      MetricName: 'Errors',
      Threshold: 1,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: runReportId } }],
    });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: loadStageConfig('dev').alarmEmail });
  });

  it('refuses to add a public route from another stack (its throttle is a setting of the API’s own stage)', () => {
    const stage = synthStage('dev');
    const other = new Stack(stage.app as App, 'Other');
    const [publicRoute] = [{ ...REPORTS_ROUTES[0]!, id: 'PublicProbe', auth: 'public' as const, throttle: { rateLimit: 1, burstLimit: 1 } }];
    expect(() => stage.stacks.stateless.api.addRoutes(other, [publicRoute], { bindings: {} })).toThrow(/PublicProbe: only authenticated routes/);
  });
});
