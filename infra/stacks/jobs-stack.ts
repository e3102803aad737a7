import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { ALARM_PERIOD, MONITORING_THRESHOLDS } from '../constructs/monitoring';
import { ScheduledJobs } from '../constructs/scheduled-jobs';
import type { TableBinding } from '../constructs/single-table';

export interface JobsStackProps extends StackProps {
  readonly config: StageConfig;
  /** The stateful stack's table. */
  readonly table: TableBinding;
}

/**
 * The follow-up's scheduled jobs (check-ins, outcomes, silence, retention): their functions,
 * schedules, dead-letter queue and alarms. A stack of its own, beside the stateless one (which is
 * near CloudFormation's 500 resources): it binds to the stateful stack's table only and can be
 * replaced at will like the stateless stack.
 *
 * Alarms (same thresholds and period as Monitoring's): each job function's `Errors` and `Throttles`,
 * and the dead-letter queue's depth, to this stack's own topic (encrypted with a customer-managed
 * key, as Monitoring's, so CloudWatch can publish to it; the stage's alarm address subscribes).
 */
export class JobsStack extends Stack {
  readonly jobs: ScheduledJobs;
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const prefix = `tandem-${config.stage}`;

    this.jobs = new ScheduledJobs(this, 'Jobs', {
      stage: config.stage,
      table: props.table,
      followUp: config.followUp,
      functionDefaults: {
        logLevel: config.logLevel,
        logRetentionDays: config.logRetentionDays,
        logRemovalPolicy: removalPolicy,
        tracing: config.tracing,
      },
    });

    const key = new Key(this, 'AlarmTopicKey', {
      description: `Tandem (${config.stage}): encrypts the jobs' alarm topic`,
      enableKeyRotation: true,
      removalPolicy,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `Tandem ${config.stage} job alarms`, masterKey: key, enforceSSL: true });
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (scope: Construct, alarmId: string, a: { name: string; metric: IMetric; threshold: number; description: string }) => {
      const created = new Alarm(scope, alarmId, {
        alarmName: `${prefix}-${a.name}`,
        alarmDescription: a.description,
        metric: a.metric,
        threshold: a.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
    };

    for (const [name, job] of Object.entries(this.jobs.jobs)) {
      const fn = job.function.function;
      const scope = job.function.node.scope as Construct;
      alarm(scope, 'Errors', {
        name: `job-${name}-errors`,
        metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
        threshold: MONITORING_THRESHOLDS.functionErrors,
        description: `Job ${name} threw: read its log group (level ERROR); Lambda retries the run twice, then puts it in the jobs' dead-letter queue. The next run takes what is still due.`,
      });
      alarm(scope, 'Throttles', {
        name: `job-${name}-throttles`,
        metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: Stats.SUM }),
        threshold: MONITORING_THRESHOLDS.functionThrottles,
        description: `Job ${name} was throttled: check the account's Lambda concurrency (ConcurrentExecutions).`,
      });
    }
    alarm(this.jobs, 'DeadLettersAlarm', {
      name: 'jobs-dead-letters',
      metric: this.jobs.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
      threshold: MONITORING_THRESHOLDS.deadLetterMessages,
      description:
        'A job run was given up on (not delivered by the scheduler, or failed after Lambda’s retries): read the message (its scheduledTime), fix the cause, then run the job again (it is idempotent).',
    });
  }
}
