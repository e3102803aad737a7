import { App, Stack } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Pass, StateMachine, DefinitionBody } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { loadStageConfig } from '../../infra/config/stages';
import { MONITORING_THRESHOLDS, Monitoring, type MonitoringProps } from '../../infra/constructs/monitoring';
import { synthStage, testContext, type Synthesized } from './synth';

// Synthesized CloudFormation is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const inlineFunction = (scope: Stack, id: string) =>
  new LambdaFunction(scope, id, { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler=async()=>{}') });

/** A standalone stack with one API, two functions, a stream consumer + DLQ and a Pass state machine. */
function monitoredStack(overrides: Partial<MonitoringProps> = {}) {
  const stack = new Stack(new App({ context: testContext() }), 'Monitored');
  const api = new HttpApi(stack, 'Api');
  const consumer = inlineFunction(stack, 'Consumer');
  const deadLetterQueue = new Queue(stack, 'ConsumerDlq');
  const stateMachine = new StateMachine(stack, 'Workflow', { definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Noop')) });
  const monitoring = new Monitoring(stack, 'Monitoring', {
    stage: 'test',
    api,
    functions: [
      { id: 'Register', fn: inlineFunction(stack, 'RegisterFn') },
      { id: 'Confirm', fn: inlineFunction(stack, 'ConfirmFn') },
    ],
    streamConsumer: { fn: consumer, deadLetterQueue },
    stateMachines: [stateMachine],
    ...overrides,
  });
  return { stack, api, consumer, deadLetterQueue, stateMachine, monitoring, template: Template.fromStack(stack) };
}

/** The alarm named `tandem-test-<name>`, its properties. */
function alarmNamed(t: Template, name: string): Json {
  const found = Object.values(t.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: `tandem-test-${name}` } }));
  expect(found, name).toHaveLength(1);
  return (found[0] as Json).Properties;
}

describe('Monitoring construct', () => {
  let m: ReturnType<typeof monitoredStack>;
  let topicRef: Json;
  beforeAll(() => {
    m = monitoredStack();
    const [topicId] = Object.keys(m.template.findResources('AWS::SNS::Topic'));
    topicRef = { Ref: topicId };
  });

  it('has one topic, encrypted with a rotated customer-managed key that CloudWatch may use', () => {
    m.template.resourceCountIs('AWS::SNS::Topic', 1);
    const key = new Capture();
    m.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    m.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: Match.arrayWith(['kms:Decrypt', 'kms:GenerateDataKey*']),
          }),
        ]),
      },
    });
    expect(Object.keys(m.template.findResources('AWS::KMS::Key'))).toEqual([key.asString()]);
  });

  it('refuses publishing to the topic without TLS', () => {
    m.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('sends every alarm to the topic on ALARM and on OK, prefixed with the stage, missing data not breaching', () => {
    const alarms = Object.values(m.template.findResources('AWS::CloudWatch::Alarm')) as Json[];
    // API 5xx + 4xx rate; 3 functions (2 + consumer) x 2; iterator age; DLQ; 3 state machine kinds.
    expect(alarms).toHaveLength(2 + 3 * 2 + 1 + 1 + 3);
    expect(m.monitoring.alarms).toHaveLength(alarms.length);
    for (const { Properties: p } of alarms) {
      expect(p.AlarmName).toMatch(/^tandem-test-/);
      expect(p.AlarmActions, p.AlarmName).toEqual([topicRef]);
      expect(p.OKActions, p.AlarmName).toEqual([topicRef]);
      expect(p.TreatMissingData, p.AlarmName).toBe('notBreaching');
      expect(p.AlarmDescription, p.AlarmName).toMatch(/^[^\n]{20,300}$/);
    }
  });

  it('alarms on API 5xx, by ApiId', () => {
    m.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'tandem-test-api-5xx',
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: Match.stringLikeRegexp('^Api') } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: MONITORING_THRESHOLDS.api5xx,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
  });

  it('alarms on the API 4xx rate (throttles are 429s) only over a minimum of requests', () => {
    const p = alarmNamed(m.template, 'api-4xx-rate');
    expect(p).toMatchObject({ Threshold: MONITORING_THRESHOLDS.api4xxRatePercent, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const byId = Object.fromEntries((p.Metrics as Json[]).map((q) => [q.Id, q]));
    expect(byId.expr_1.Expression).toBe(`IF(requests >= ${MONITORING_THRESHOLDS.api4xxMinRequests}, 100 * clientErrors / requests, 0)`);
    expect(byId.requests.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' });
    expect(byId.clientErrors.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '4xx' });
    expect(byId.clientErrors.MetricStat.Metric.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: expect.stringMatching(/^Api/) } }]);
  });

  it.each([
    ['Register', 'RegisterFn'],
    ['Confirm', 'ConfirmFn'],
    ['StreamConsumer', 'Consumer'],
  ])('alarms on Errors and Throttles of function %s', (id, logicalPrefix) => {
    for (const [metric, slug] of [
      ['Errors', 'errors'],
      ['Throttles', 'throttles'],
    ] as const) {
      m.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `tandem-test-fn-${id}-${slug}`,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp(`^${logicalPrefix}`) } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [topicRef],
      });
    }
  });

  it('alarms on the stream consumer falling 5 minutes behind and on anything in its dead-letter queue', () => {
    m.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'tandem-test-fn-StreamConsumer-iterator-age',
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Consumer') } }],
      Statistic: 'Maximum',
      Threshold: 300_000,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    m.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'tandem-test-fn-StreamConsumer-dead-letters',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConsumerDlq'), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topicRef],
    });
  });

  it.each([
    ['ExecutionsFailed', 'failed'],
    ['ExecutionsTimedOut', 'timed-out'],
    ['ExecutionsAborted', 'aborted'],
  ])('alarms on the state machine metric %s', (metric, slug) => {
    m.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `tandem-test-sfn-Workflow-${slug}`,
      Namespace: 'AWS/States',
      MetricName: metric,
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: Match.stringLikeRegexp('^Workflow') } }],
      Statistic: 'Sum',
      Threshold: 1,
      AlarmActions: [topicRef],
      OKActions: [topicRef],
    });
  });

  it('has one dashboard named after the stage, with the API, function, consumer and state machine graphs', () => {
    m.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = new Capture();
    m.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'tandem-test', DashboardBody: body });
    const text = JSON.stringify(body.asObject());
    for (const title of ['API requests', 'API 4xx / 5xx', 'API latency', 'Function errors', 'Function duration p99', 'Function throttles', 'iterator age', 'dead-letter queue depth', 'State machine executions', 'Alarm']) {
      expect(text, title).toContain(title);
    }
  });

  it('subscribes the alarm e-mail only when one is given', () => {
    m.template.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = monitoredStack({ alarmEmail: 'ops@example.org' });
    withEmail.template.resourceCountIs('AWS::SNS::Subscription', 1);
    withEmail.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: Match.anyValue() });
  });

  it('watches a stream consumer and a state machine added after construction', () => {
    const stack = new Stack(new App({ context: testContext() }), 'Later');
    const monitoring = new Monitoring(stack, 'Monitoring', { stage: 'test', api: new HttpApi(stack, 'Api') });
    const before = monitoring.alarms.length;
    monitoring.watchStreamConsumer(inlineFunction(stack, 'Consumer'), new Queue(stack, 'Dlq'));
    monitoring.watchStateMachine(new StateMachine(stack, 'Flow', { definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Noop')) }));
    const t = Template.fromStack(stack);
    expect(monitoring.alarms.length - before).toBe(4 + 3);
    alarmNamed(t, 'fn-StreamConsumer-iterator-age');
    alarmNamed(t, 'sfn-Flow-failed');
    expect(JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'))).toContain('State machine executions');
  });
});

describe('Monitoring in the stateless stack', () => {
  let dev: Synthesized;
  beforeAll(() => {
    dev = synthStage('dev');
  });

  it('alarms on the API 5xx, on the API built by the stack', () => {
    const apiIds = Object.keys(dev.stateless.findResources('AWS::ApiGatewayV2::Api'));
    expect(apiIds).toHaveLength(1);
    dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'tandem-dev-api-5xx',
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: apiIds[0] } }],
    });
  });

  it('alarms on the Errors of every route function of the stack (the reports stack alarms on its own)', () => {
    for (const route of (ROUTES as readonly RouteDefinition[]).filter((r) => r.stack === undefined)) {
      const [fnId] = Object.keys(dev.stateless.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith(`Http${route.id}Function`));
      expect(fnId, route.id).toBeDefined();
      dev.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `tandem-dev-fn-${route.id}-errors`,
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
      });
    }
  });

  it('e-mails the stage alarm address', () => {
    dev.stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: loadStageConfig('dev').alarmEmail });
  });
});
