/**
 * The alarms of a stack beside the stateless one (jobs, reports), with the same thresholds and
 * period as Monitoring's (monitoring.ts), to that stack's own topic: an alarm in the stateless stack
 * cannot name a function of a stack that depends on it.
 */
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ALARM_PERIOD, MONITORING_THRESHOLDS } from './monitoring';
import type { ScheduledJobs } from './scheduled-jobs';

export interface StackAlarmsProps {
  /** Stage name: every alarm is `tandem-<stage>-<name>`. */
  readonly stage: string;
  /** The topic's display name (`Tandem dev job alarms`). */
  readonly topicDisplayName: string;
  /** What the topic's key encrypts, for its description. */
  readonly keyDescription: string;
  /**
   * Address the topic e-mails (confirmation link at deploy).
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /** Of the topic's key. */
  readonly removalPolicy: RemovalPolicy;
}

/** One alarm: name (after `tandem-<stage>-`), metric, threshold (fires at or above), what to do first. */
export interface StackAlarm {
  readonly name: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly description: string;
}

/**
 * Creates, in `scope` (the stack, so logical ids stay `AlarmTopicKey`/`AlarmTopic`), a topic encrypted
 * with a rotated customer-managed key that CloudWatch may use (it cannot publish under `aws/sns`), SSL
 * only, with the stage's alarm address; then each alarm, in the scope given, notifying on ALARM and OK,
 * one 5-minute period, missing data not breaching.
 */
export class StackAlarms {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly prefix: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, props: StackAlarmsProps) {
    this.prefix = `tandem-${props.stage}`;
    const key = new Key(scope, 'AlarmTopicKey', { description: props.keyDescription, enableKeyRotation: true, removalPolicy: props.removalPolicy });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(scope, 'AlarmTopic', { displayName: props.topicDisplayName, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  add(scope: Construct, id: string, a: StackAlarm): Alarm {
    const created = new Alarm(scope, id, {
      alarmName: `${this.prefix}-${a.name}`,
      alarmDescription: a.description,
      metric: a.metric,
      threshold: a.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(this.action);
    created.addOkAction(this.action);
    this.alarms.push(created);
    return created;
  }

  /** `<name>-errors` and `<name>-throttles` of a function, in `scope`, as Monitoring's `fn-<id>-…`. */
  watchFunction(scope: Construct, name: string, fn: IFunction, whatToDo: { errors: string; throttles: string }): void {
    this.add(scope, 'Errors', {
      name: `${name}-errors`,
      metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
      threshold: MONITORING_THRESHOLDS.functionErrors,
      description: whatToDo.errors,
    });
    this.add(scope, 'Throttles', {
      name: `${name}-throttles`,
      metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: Stats.SUM }),
      threshold: MONITORING_THRESHOLDS.functionThrottles,
      description: whatToDo.throttles,
    });
  }

  /** Each job's `job-<name>-errors`/`-throttles` and the jobs' dead-letter queue (`<deadLettersName>`). */
  watchJobs(jobs: ScheduledJobs, deadLettersName: string): void {
    for (const [name, job] of Object.entries(jobs.jobs)) {
      this.watchFunction(job.function.node.scope as Construct, `job-${name}`, job.function.function, {
        errors: `Job ${name} threw: read its log group (level ERROR); Lambda retries the run twice, then puts it in the jobs' dead-letter queue. The next run takes what is still due.`,
        throttles: `Job ${name} was throttled: check the account's Lambda concurrency (ConcurrentExecutions).`,
      });
    }
    this.add(jobs, 'DeadLettersAlarm', {
      name: deadLettersName,
      metric: jobs.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
      threshold: MONITORING_THRESHOLDS.deadLetterMessages,
      description:
        'A job run was given up on (not delivered by the scheduler, or failed after Lambda’s retries): read the message (its scheduledTime), fix the cause, then run the job again (it is idempotent).',
    });
  }
}
