import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { SCHEDULED_JOBS, type ScheduledJob } from '../config/scheduled-jobs';
import type { StageConfig } from '../config/stages';
import { ScheduledJobs } from '../constructs/scheduled-jobs';
import type { TableBinding } from '../constructs/single-table';
import { StackAlarms } from '../constructs/stack-alarms';

export interface JobsStackProps extends StackProps {
  readonly config: StageConfig;
  /** The stateful stack's table. */
  readonly table: TableBinding;
}

/** The registry's jobs this stack holds: all but those of another stack (`stack: 'reports'`). */
export const JOBS_STACK_JOBS: Readonly<Record<string, ScheduledJob>> = Object.fromEntries(
  Object.entries(SCHEDULED_JOBS as Readonly<Record<string, ScheduledJob>>).filter(([, job]) => job.stack === undefined),
);

/**
 * The follow-up's scheduled jobs (check-ins, outcomes, silence, retention): their functions,
 * schedules, dead-letter queue and alarms. A stack of its own, beside the stateless one (which is
 * near CloudFormation's 500 resources): it binds to the stateful stack's table only and can be
 * replaced at will like the stateless stack. The reports' jobs are in the reports stack.
 *
 * Alarms (same thresholds and period as Monitoring's): each job function's `Errors` and `Throttles`,
 * and the dead-letter queue's depth, to this stack's own topic (encrypted with a customer-managed
 * key, as Monitoring's, so CloudWatch can publish to it; the stage's alarm address subscribes).
 */
export class JobsStack extends Stack {
  readonly jobs: ScheduledJobs;
  readonly topic: Topic;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.jobs = new ScheduledJobs(this, 'Jobs', {
      stage: config.stage,
      jobs: JOBS_STACK_JOBS,
      bindings: { table: props.table, followUp: config.followUp },
      functionDefaults: {
        logLevel: config.logLevel,
        logRetentionDays: config.logRetentionDays,
        logRemovalPolicy: removalPolicy,
        tracing: config.tracing,
      },
    });

    const alarms = new StackAlarms(this, {
      stage: config.stage,
      topicDisplayName: `Tandem ${config.stage} job alarms`,
      keyDescription: `Tandem (${config.stage}): encrypts the jobs' alarm topic`,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      removalPolicy,
    });
    alarms.watchJobs(this.jobs, 'jobs-dead-letters');
    this.topic = alarms.topic;
    this.alarms = alarms.alarms;
  }
}
