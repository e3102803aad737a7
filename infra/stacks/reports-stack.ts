import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { SCHEDULED_JOBS, type ScheduledJob } from '../config/scheduled-jobs';
import type { StageConfig } from '../config/stages';
import type { AppFunction, AppFunctionBindings } from '../constructs/app-function';
import type { HttpApi } from '../constructs/http-api';
import type { MailBinding } from '../constructs/mail';
import type { ReportsBucketBinding } from '../constructs/report-archive';
import { ScheduledJobs } from '../constructs/scheduled-jobs';
import type { TableBinding } from '../constructs/single-table';
import { StackAlarms } from '../constructs/stack-alarms';

/** The routes of the reports stack (`stack: 'reports'` in shared/http/routes.ts). */
export const REPORTS_ROUTES: readonly RouteDefinition[] = (ROUTES as readonly RouteDefinition[]).filter((r) => r.stack === 'reports');

/** The jobs of the reports stack (`stack: 'reports'` in infra/config/scheduled-jobs.ts): the monthly report and the weekly digest. */
export const REPORTS_JOBS: Readonly<Record<string, ScheduledJob>> = Object.fromEntries(
  Object.entries(SCHEDULED_JOBS as Readonly<Record<string, ScheduledJob>>).filter(([, job]) => job.stack === 'reports'),
);

/**
 * Sizing of the reports' functions. Memory: CPU scales with it, and a report builds an XLSX
 * workbook (exceljs) and CSV files in memory, an import parses whole CSV files. Routes: up to 29 s,
 * just under the HTTP API's 30 s integration limit (a report computed or an import run on demand).
 * Jobs: the jobs' 5 minutes.
 */
export const REPORTS_FUNCTION_MEMORY_MB = 1024;
export const REPORTS_ROUTE_TIMEOUT = Duration.seconds(29);

export interface ReportsStackProps extends StackProps {
  readonly config: StageConfig;
  /** The stateful stack's table. */
  readonly table: TableBinding;
  /** The stateful stack's reports bucket. */
  readonly reportsBucket: ReportsBucketBinding;
  /** The stateless stack's HTTP API: the routes are added to it. */
  readonly api: HttpApi;
  /** The stateless stack's SES sending (the report mails). */
  readonly mail: MailBinding;
  /** The site's public origin (stateless stack): the mails' console links. */
  readonly siteUrl: string;
  /**
   * Its routes.
   * @default REPORTS_ROUTES
   */
  readonly routes?: readonly RouteDefinition[];
}

/**
 * Reports to the CCI and the programme import (docs/reports.md « In AWS »): the functions and routes
 * of the routes with `stack: 'reports'`, on the stateless stack's HTTP API (same JWT authorizer,
 * same stage), and the monthly report and weekly digest jobs (EventBridge Scheduler, Europe/Paris),
 * with their alarms. A stack of its own because the stateless stack is near CloudFormation's 500
 * resources; it depends on the stateful stack (table, bucket) and the stateless one (API, mail, site
 * URL), and can be replaced at will. Functions with `reports` may read, write and list the reports
 * bucket, nothing else of S3.
 */
export class ReportsStack extends Stack {
  /** The route functions, by route id. */
  readonly functions: Record<string, AppFunction>;
  readonly jobs: ScheduledJobs;
  readonly topic: Topic;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: ReportsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const functionDefaults = {
      logLevel: config.logLevel,
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy: removalPolicy,
      tracing: config.tracing,
    };
    const bindings: AppFunctionBindings = {
      table: props.table,
      reportsBucket: props.reportsBucket,
      reports: config.reports,
      mail: props.mail,
      siteUrl: props.siteUrl,
    };

    // Logical ids `Http<RouteId>…`, as the stateless stack's route functions.
    const http = new Construct(this, 'Http');
    this.functions = props.api.addRoutes(http, props.routes ?? REPORTS_ROUTES, {
      bindings,
      functionProps: { memorySize: REPORTS_FUNCTION_MEMORY_MB, timeout: REPORTS_ROUTE_TIMEOUT },
    });

    this.jobs = new ScheduledJobs(this, 'Jobs', {
      stage: config.stage,
      jobs: REPORTS_JOBS,
      groupName: `tandem-${config.stage}-reports`,
      bindings,
      memorySize: REPORTS_FUNCTION_MEMORY_MB,
      functionDefaults,
    });

    const alarms = new StackAlarms(this, {
      stage: config.stage,
      topicDisplayName: `Tandem ${config.stage} report alarms`,
      keyDescription: `Tandem (${config.stage}): encrypts the reports' alarm topic`,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      removalPolicy,
    });
    for (const [routeId, fn] of Object.entries(this.functions)) {
      alarms.watchFunction(fn, `fn-${routeId}`, fn.function, {
        errors: `Function ${routeId} threw: read its log group (Logs Insights, level ERROR) and the X-Ray trace of the failed request.`,
        throttles: `Function ${routeId} was throttled: check the account's Lambda concurrency (ConcurrentExecutions) and request a higher quota if legitimate.`,
      });
    }
    alarms.watchJobs(this.jobs, 'reports-dead-letters');
    this.topic = alarms.topic;
    this.alarms = alarms.alarms;
  }
}
