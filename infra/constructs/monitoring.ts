import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Stats,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Evaluation period of every alarm: short enough to page within minutes, long enough to aggregate. */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * Thresholds of the alarms, exported for the tests and the docs. Counts are per ALARM_PERIOD.
 * At this volume (one city, a few hundred sign-ups a month) a single error is worth a look.
 */
export const MONITORING_THRESHOLDS = {
  /** API `5xx` (Sum) at or above this fires. */
  api5xx: 1,
  /** Share of requests answered 4xx (429 throttles included), in percent, at or above this fires... */
  api4xxRatePercent: 25,
  /** ...but only over at least this many requests, so a lone bad request at night pages nobody. */
  api4xxMinRequests: 20,
  /** Lambda `Errors` (Sum) at or above this fires. */
  functionErrors: 1,
  /** Lambda `Throttles` (Sum) at or above this fires. */
  functionThrottles: 1,
  /**
   * Stream consumer `IteratorAge` (Maximum, ms) at or above this fires: records wait more than 5 minutes,
   * so the consumer is stuck on a batch or too slow (DynamoDB keeps stream records 24 h only).
   */
  iteratorAgeMs: Duration.minutes(5).toMilliseconds(),
  /** Dead-letter queue `ApproximateNumberOfMessagesVisible` (Maximum) at or above this fires. */
  deadLetterMessages: 1,
  /** Step Functions `ExecutionsFailed` / `TimedOut` / `Aborted` (Sum) at or above this fires. */
  stateMachineExecutions: 1,
} as const;

export interface MonitoringProps {
  /** Stage name: prefixes alarm names (`tandem-<stage>-…`) and names the dashboard (`tandem-<stage>`). */
  readonly stage: string;
  /**
   * The HTTP API: alarms on `5xx` and on the 4xx rate. Metrics use the `ApiId` dimension alone, which
   * CloudWatch publishes for HTTP APIs next to `ApiId`+`Stage`; the API has a single `$default` stage,
   * so both series are the same and `ApiId` needs no stage name.
   */
  readonly api: IHttpApi;
  /**
   * Functions to watch (`Errors`, `Throttles`), each with a readable id used in alarm names.
   * @default [] - more can be added with `watchFunction`
   */
  readonly functions?: readonly { readonly id: string; readonly fn: IFunction }[];
  /**
   * The table stream consumer and its on-failure destination: `IteratorAge` and dead-letter depth, on
   * top of its `Errors`/`Throttles`.
   * @default - none; add it later with `watchStreamConsumer`
   */
  readonly streamConsumer?: { readonly fn: IFunction; readonly deadLetterQueue: IQueue };
  /**
   * State machines: `ExecutionsFailed`, `ExecutionsTimedOut`, `ExecutionsAborted`.
   * @default [] - add them later with `watchStateMachine`
   */
  readonly stateMachines?: readonly IStateMachine[];
  /**
   * Address e-mailed on every alarm and recovery (from stage config). SNS e-mails a confirmation
   * link first; nothing is delivered until it is clicked.
   * @default - no subscription: alarms go to the topic only (subscribe by hand, or chat integration)
   */
  readonly alarmEmail?: string;
  /**
   * Removal policy of the topic's KMS key.
   * @default RemovalPolicy.RETAIN
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/**
 * Alarms and one dashboard for the stage. Every alarm notifies one SNS topic on ALARM and on OK, so
 * the operator also learns when it is over. Missing data is "not breaching" everywhere: these are
 * counts and ages of things that happen, and no traffic means nothing is wrong.
 *
 * Throttling: HTTP APIs publish no throttle metric; a stage or route throttle answers 429, counted in
 * `4xx` with validation errors (400), missing tokens (401) and unknown paths (404). A raw `4xx` count
 * would page on ordinary client mistakes, so the API alarm is on the 4xx *rate* over a minimum number
 * of requests (a flood of throttled or rejected calls, or a broken front end). Lambda throttling
 * (account or reserved concurrency exhausted) has its own metric, alarmed per function.
 *
 * The topic is encrypted with a customer-managed KMS key, not `alias/aws/sns`: CloudWatch cannot
 * publish to a topic encrypted with the AWS-managed key, whose policy cannot be edited to let it in.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly dashboard: Dashboard;
  /** Every alarm, in creation order. */
  readonly alarms: Alarm[] = [];

  private readonly prefix: string;
  private readonly action: SnsAction;
  private functionWidgets?: { errors: GraphWidget; duration: GraphWidget; throttles: GraphWidget };
  private stateMachineWidget?: GraphWidget;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.prefix = `tandem-${props.stage}`;

    this.key = new Key(this, 'TopicKey', {
      description: `Tandem (${props.stage}): encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // CloudWatch publishes the alarm messages, so it must be able to use the topic's key.
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Tandem ${props.stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: this.prefix,
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Tandem ${props.stage}\nEvery alarm notifies the SNS topic "Tandem ${props.stage} alarms" (ALARM and OK). What each means: docs/infrastructure.md, Monitoring.`,
        width: 24,
        height: 2,
      }),
    );
    // Reads this.alarms when the template is rendered, so alarms added later appear too.
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 6 }));

    this.watchApi(props.api);
    for (const { id: fnId, fn } of props.functions ?? []) this.watchFunction(fnId, fn);
    if (props.streamConsumer) this.watchStreamConsumer(props.streamConsumer.fn, props.streamConsumer.deadLetterQueue);
    for (const sm of props.stateMachines ?? []) this.watchStateMachine(sm);
  }

  /** `Errors` and `Throttles` alarms for `fn`, and its lines on the function graphs. */
  watchFunction(id: string, fn: IFunction): void {
    const scope = new Construct(this, `Function${id}`);
    this.alarm(scope, 'Errors', {
      name: `fn-${id}-errors`,
      metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
      threshold: MONITORING_THRESHOLDS.functionErrors,
      description: `Function ${id} threw: read its log group (Logs Insights, level ERROR) and the X-Ray trace of the failed request.`,
    });
    this.alarm(scope, 'Throttles', {
      name: `fn-${id}-throttles`,
      metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: Stats.SUM }),
      threshold: MONITORING_THRESHOLDS.functionThrottles,
      description: `Function ${id} was throttled: check the account's Lambda concurrency (ConcurrentExecutions) and request a higher quota if legitimate.`,
    });

    this.functionWidgets ??= this.addFunctionRow();
    this.functionWidgets.errors.addLeftMetric(fn.metricErrors({ label: id, period: ALARM_PERIOD, statistic: Stats.SUM }));
    this.functionWidgets.duration.addLeftMetric(fn.metricDuration({ label: id, period: ALARM_PERIOD, statistic: Stats.p(99) }));
    this.functionWidgets.throttles.addLeftMetric(fn.metricThrottles({ label: id, period: ALARM_PERIOD, statistic: Stats.SUM }));
  }

  /**
   * The stream consumer: its `Errors`/`Throttles`, `IteratorAge` (Maximum) and the depth of the queue
   * that receives the batches it gave up on.
   */
  watchStreamConsumer(fn: IFunction, deadLetterQueue: IQueue, id = 'StreamConsumer'): void {
    this.watchFunction(id, fn);
    const scope = this.node.findChild(`Function${id}`);
    const iteratorAge = fn.metric('IteratorAge', { period: ALARM_PERIOD, statistic: Stats.MAXIMUM });
    const dlqDepth = deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM });
    this.alarm(scope, 'IteratorAge', {
      name: `fn-${id}-iterator-age`,
      metric: iteratorAge,
      threshold: MONITORING_THRESHOLDS.iteratorAgeMs,
      description: `Stream consumer ${id} is more than 5 minutes behind: look for a batch failing in a loop in its logs; records expire after 24 h.`,
    });
    this.alarm(scope, 'DeadLetters', {
      name: `fn-${id}-dead-letters`,
      metric: dlqDepth,
      threshold: MONITORING_THRESHOLDS.deadLetterMessages,
      description: `Stream consumer ${id} gave up on records (in its dead-letter queue): read the messages, fix the cause, then replay them.`,
    });
    this.dashboard.addWidgets(
      graph(`${id}: iterator age (max, ms)`, [iteratorAge], 12),
      graph(`${id}: dead-letter queue depth`, [dlqDepth], 12),
    );
  }

  /** `ExecutionsFailed`, `ExecutionsTimedOut` and `ExecutionsAborted` alarms for `stateMachine`. */
  watchStateMachine(stateMachine: IStateMachine, id = stateMachine.node.id): void {
    const scope = new Construct(this, `StateMachine${id}`);
    const opts = { period: ALARM_PERIOD, statistic: Stats.SUM };
    const kinds = [
      ['Failed', 'failed', stateMachine.metricFailed(opts), 'open the failed execution in the console, read the failing state, fix, then redrive or restart it.'],
      ['TimedOut', 'timed-out', stateMachine.metricTimedOut(opts), 'an execution ran past its timeout: find the state that hung (task or wait) in the execution history.'],
      ['Aborted', 'aborted', stateMachine.metricAborted(opts), 'an execution was stopped by hand or by a deployment: check who stopped it and whether it must be restarted.'],
    ] as const;
    for (const [kind, slug, metric, what] of kinds) {
      this.alarm(scope, `Executions${kind}`, {
        name: `sfn-${id}-${slug}`,
        metric,
        threshold: MONITORING_THRESHOLDS.stateMachineExecutions,
        description: `State machine ${id}: ${what}`,
      });
    }
    if (!this.stateMachineWidget) {
      this.stateMachineWidget = new GraphWidget({ title: 'State machine executions', width: 24, stacked: false });
      this.dashboard.addWidgets(this.stateMachineWidget);
    }
    for (const m of [stateMachine.metricStarted(opts), stateMachine.metricSucceeded(opts), ...kinds.map((k) => k[2])]) {
      this.stateMachineWidget.addLeftMetric(m.with({ label: `${id} ${m.metricName.replace(/^Executions/, '').toLowerCase()}` }));
    }
  }

  private watchApi(api: IHttpApi) {
    const opts = { period: ALARM_PERIOD, statistic: Stats.SUM };
    const requests = api.metricCount(opts);
    const clientErrors = api.metricClientError(opts);
    const serverErrors = api.metricServerError(opts);
    const scope = new Construct(this, 'Api');
    this.alarm(scope, 'ServerErrors', {
      name: 'api-5xx',
      metric: serverErrors,
      threshold: MONITORING_THRESHOLDS.api5xx,
      description: 'The API answered 5xx: find the failing route in the access logs (status 5xx), then the function alarm or log of that route.',
    });
    const { api4xxMinRequests: min, api4xxRatePercent } = MONITORING_THRESHOLDS;
    this.alarm(scope, 'ClientErrorRate', {
      name: 'api-4xx-rate',
      metric: new MathExpression({
        expression: `IF(requests >= ${min}, 100 * clientErrors / requests, 0)`,
        usingMetrics: { requests, clientErrors },
        period: ALARM_PERIOD,
        label: '4xx rate (%)',
      }),
      threshold: api4xxRatePercent,
      description: `Over ${api4xxRatePercent}% of API requests got 4xx (429 = throttled): check the access logs for the status and route; a flood on a public route may need a lower throttle.`,
    });

    this.dashboard.addWidgets(
      graph('API requests', [requests], 6),
      graph('API 4xx / 5xx', [clientErrors.with({ label: '4xx' }), serverErrors.with({ label: '5xx' })], 6),
      graph(
        'API latency (ms)',
        [
          api.metricLatency({ period: ALARM_PERIOD, statistic: Stats.p(50), label: 'p50' }),
          api.metricLatency({ period: ALARM_PERIOD, statistic: Stats.p(99), label: 'p99' }),
          api.metricIntegrationLatency({ period: ALARM_PERIOD, statistic: Stats.p(99), label: 'integration p99' }),
        ],
        12,
      ),
    );
  }

  private addFunctionRow() {
    const widgets = {
      errors: new GraphWidget({ title: 'Function errors', width: 8 }),
      duration: new GraphWidget({ title: 'Function duration p99 (ms)', width: 8 }),
      throttles: new GraphWidget({ title: 'Function throttles', width: 8 }),
    };
    this.dashboard.addWidgets(widgets.errors, widgets.duration, widgets.throttles);
    return widgets;
  }

  /** A count-style alarm: at or above `threshold` in one period, missing data not breaching, ALARM and OK to the topic. */
  private alarm(scope: Construct, id: string, a: { name: string; metric: IMetric; threshold: number; description: string }): Alarm {
    const alarm = new Alarm(scope, id, {
      alarmName: `${this.prefix}-${a.name}`,
      alarmDescription: a.description,
      metric: a.metric,
      threshold: a.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

const graph = (title: string, left: IMetric[], width: number) => new GraphWidget({ title, left, width, height: 6 });
