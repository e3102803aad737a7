/**
 * Scheduled jobs (infra/config/scheduled-jobs.ts: the follow-up's in the jobs stack, the reports' in
 * the reports stack): one function per registry entry, with its own capabilities and table grant,
 * and one EventBridge Scheduler schedule each, a cron in the programme's time zone (Europe/Paris, so
 * 09:00 stays 09:00 across daylight saving time; daily, or on a day of the month or of the week)
 * that invokes it with `{ "scheduledTime": <aws.scheduler.scheduled-time> }`.
 *
 * Failures: the scheduler retries an invocation it could not deliver (JOB_RETRY), then drops it into
 * the dead-letter queue; a delivered run that throws is retried by Lambda (asynchronous invocation,
 * same event, same `scheduledTime`) and then lands in the same queue. Jobs are idempotent (each entry
 * leaves its due queue in the write that acts on it; a report is made once per period), so a retry
 * never acts twice. Alarms: the stack's (stack-alarms.ts).
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SCHEDULE_TIME_ZONE, type ScheduledJob, type ScheduledJobName } from '../config/scheduled-jobs';
import { AppFunction, type AppFunctionBindings, type AppFunctionProps } from './app-function';

/**
 * How hard each run is tried. The scheduler: up to 4 more attempts to deliver the invocation, for at
 * most 2 hours (the next day's run takes what is still due anyway). Lambda, once delivered: 2 more
 * attempts of a run that throws, within 2 hours.
 */
export const JOB_RETRY = {
  schedulerRetryAttempts: 4,
  schedulerMaxEventAge: Duration.hours(2),
  functionRetryAttempts: 2,
  functionMaxEventAge: Duration.hours(2),
} as const;

/** A run pages through its due queues; 5 minutes leave room for a backlog (after an outage). */
export const JOB_TIMEOUT = Duration.minutes(5);

export interface ScheduledJobsProps {
  /** Stage name, passed to the functions. */
  readonly stage: string;
  /**
   * What the jobs' capabilities bind to: the single table (each job gets its registry entry's
   * tableAccess on it), and for the follow-up's jobs its settings, for the reports' the bucket, the
   * report settings and mail.
   */
  readonly bindings: AppFunctionBindings;
  /**
   * The jobs (registry entries of infra/config/scheduled-jobs.ts).
   */
  readonly jobs: Readonly<Record<string, ScheduledJob>>;
  /**
   * Name of the schedule group (each stack its own).
   * @default `tandem-<stage>-jobs`
   */
  readonly groupName?: string;
  /**
   * Memory of the functions, in MB.
   * @default 512 (AppFunction's)
   */
  readonly memorySize?: number;
  /**
   * Defaults of the functions (logs, tracing).
   * @default {}
   */
  readonly functionDefaults?: Pick<AppFunctionProps, 'logLevel' | 'logRetentionDays' | 'logRemovalPolicy' | 'tracing'>;
}

/** A job's time as people read it: `07:00 Europe/Paris, on day 1`, `07:00 Europe/Paris, on MON`. */
export function describeJobTime(cron: ScheduledJob['cron']): string {
  const at = `${cron.hour.padStart(2, '0')}:${cron.minute.padStart(2, '0')} ${SCHEDULE_TIME_ZONE}`;
  if (cron.day !== undefined) return `${at}, on day ${cron.day}`;
  if (cron.weekDay !== undefined) return `${at}, on ${cron.weekDay}`;
  return at;
}

/** One job's resources. */
export interface ScheduledJobResources {
  readonly function: AppFunction;
  readonly schedule: Schedule;
  /** The role the scheduler assumes: lambda:InvokeFunction on this job's function, sqs:SendMessage on the dead-letter queue. */
  readonly schedulerRole: Role;
}

export class ScheduledJobs extends Construct {
  /** By job name (`check-ins`, `outcomes`…). */
  readonly jobs: Record<ScheduledJobName | string, ScheduledJobResources>;
  readonly group: ScheduleGroup;
  /** The runs given up on: undelivered by the scheduler, or failed after Lambda's retries. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the job schedules and of the job functions’ asynchronous invocations (which cdk-nag does not see as a redrive); it holds the run’s input (a scheduled time) only and is watched by an alarm.',
    });

    this.group = new ScheduleGroup(this, 'Group', { scheduleGroupName: props.groupName ?? `tandem-${props.stage}-jobs` });

    const jobs = props.jobs;
    this.jobs = Object.fromEntries(
      Object.entries(jobs).map(([name, job]) => {
        const scope = new Construct(this, job.functionName);
        const fn = new AppFunction(scope, 'Function', {
          ...props.functionDefaults,
          stage: props.stage,
          entry: job.entry,
          capabilities: job.capabilities,
          tableAccess: job.tableAccess,
          bindings: props.bindings,
          timeout: JOB_TIMEOUT,
          ...(props.memorySize ? { memorySize: props.memorySize } : {}),
          description: `Job ${name} (${describeJobTime(job.cron)}). ${job.description}`.slice(0, 256),
        });
        fn.function.configureAsyncInvoke({
          retryAttempts: JOB_RETRY.functionRetryAttempts,
          maxEventAge: JOB_RETRY.functionMaxEventAge,
          onFailure: new SqsDestination(this.deadLetterQueue),
        });

        // Its own role (not the target's shared default), trusted by the scheduler for this group only.
        const schedulerRole = new Role(scope, 'SchedulerRole', {
          description: `Tandem (${props.stage}): EventBridge Scheduler invokes the ${name} job`,
          assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
            conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.group.scheduleGroupArn } },
          }),
        });
        const schedule = new Schedule(scope, 'Schedule', {
          scheduleGroup: this.group,
          description: `Tandem ${props.stage}: ${name} — ${job.description}`.slice(0, 512),
          schedule: ScheduleExpression.cron({
            minute: job.cron.minute,
            hour: job.cron.hour,
            ...(job.cron.day !== undefined ? { day: job.cron.day } : {}),
            ...(job.cron.weekDay !== undefined ? { weekDay: job.cron.weekDay } : {}),
            timeZone: TimeZone.EUROPE_PARIS,
          }),
          timeWindow: TimeWindow.off(),
          target: new LambdaInvoke(fn.function, {
            role: schedulerRole,
            input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
            deadLetterQueue: this.deadLetterQueue,
            retryAttempts: JOB_RETRY.schedulerRetryAttempts,
            maxEventAge: JOB_RETRY.schedulerMaxEventAge,
          }),
        });
        Validations.of(schedulerRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.function.node.defaultChild as never)}.Arn>:*]`,
          reason: 'lambda:InvokeFunction on this job’s function and its versions/aliases (CDK grants `<arn>:*` so a qualified invocation works); no other function.',
        });
        return [name, { function: fn, schedule, schedulerRole }];
      }),
    );
  }
}
