/**
 * The follow-up's scheduled jobs (docs/follow-up.md): one function each in `functions/scheduled/`,
 * on the task chain, run by EventBridge Scheduler in the Europe/Paris time zone (infra) and by the
 * local runtime on a timer and on demand (`npm run jobs -- <name> [--now <ISO date>]`). Plain data:
 * the CDK construct and the local runner both read it.
 *
 * Each job reads its due queues (GSI1 `DUE#<queue>`, keys.ts) up to the scheduled time and moves
 * or removes each entry in the same conditional write as its effect: a job run twice does nothing
 * twice. The scheduled time comes with the event (`scheduledTime`, EventBridge Scheduler's
 * `<aws.scheduler.scheduled-time>`; a retry keeps it), so `--now` is the same input a person gives.
 */
import type { Capability } from '../../shared/config/capabilities';
import { LEADING_KEYS, type TableAccess } from '../../shared/db/table-access';

export interface ScheduledJob {
  /** Handler module relative to the repository root. */
  readonly entry: string;
  /** PascalCase construct id of the function. */
  readonly functionName: string;
  /**
   * When it runs, Europe/Paris time (cron fields): daily at hour:minute, or on `day` of the month,
   * or on `weekDay` (`MON`…).
   */
  readonly cron: { readonly hour: string; readonly minute: string; readonly day?: string; readonly weekDay?: string };
  /**
   * The stack that holds the job: `reports` (infra/stacks/reports-stack.ts) for the reports' jobs,
   * which need the reports bucket and SES.
   * @default the jobs stack
   */
  readonly stack?: 'reports';
  readonly capabilities: readonly Capability[];
  readonly tableAccess: TableAccess;
  readonly description: string;
}

export const SCHEDULED_JOBS = {
  'check-ins': {
    entry: 'functions/scheduled/send-check-ins.ts',
    functionName: 'SendCheckIns',
    cron: { hour: '9', minute: '0' },
    capabilities: ['table', 'follow-up'],
    tableAccess: [
      // The due queues CHECKIN and CHECKIN_REMINDER.
      { index: 'GSI1', actions: ['Query'] },
      // The tandem's partition (round, tandem) and the people's locale.
      { actions: ['GetItem', 'Query'], leadingKeys: [...LEADING_KEYS.tandems, ...LEADING_KEYS.people] },
      // One transaction per round: the round sent (its queue entry moved), the next round put, the mail jobs put, the tandem checked still active.
      { actions: ['PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    ],
    description: 'Daily: mails the check-ins that are due (first at 14 days, then monthly) and the one reminder to whoever has not answered.',
  },
  outcomes: {
    entry: 'functions/scheduled/send-outcome-surveys.ts',
    functionName: 'SendOutcomeSurveys',
    cron: { hour: '9', minute: '30' },
    capabilities: ['table', 'follow-up'],
    tableAccess: [
      { index: 'GSI1', actions: ['Query'] },
      { actions: ['GetItem', 'Query'], leadingKeys: [...LEADING_KEYS.tandems, ...LEADING_KEYS.people] },
      // One transaction per survey: sent or reminded, its mail jobs put, the tandem checked as read.
      { actions: ['PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    ],
    description: 'Daily: asks the mentee and the referring partner for the outcome at 3, 6 and 12 months, and reminds once.',
  },
  silence: {
    entry: 'functions/scheduled/flag-silent-tandems.ts',
    functionName: 'FlagSilentTandems',
    cron: { hour: '8', minute: '0' },
    capabilities: ['table', 'follow-up'],
    tableAccess: [
      { index: 'GSI1', actions: ['Query'] },
      // One transaction per tandem: the watch disarmed, the alert put, the CCI's mail job put, the tandem checked active.
      { actions: ['PutItem', 'UpdateItem', 'ConditionCheckItem'] },
    ],
    description: 'Daily: flags "silent" the active tandems with no check-in answer from either side for two months.',
  },
  retention: {
    entry: 'functions/scheduled/apply-retention.ts',
    functionName: 'ApplyRetention',
    cron: { hour: '3', minute: '0' },
    capabilities: ['table', 'follow-up'],
    tableAccess: [
      // The unmatched mentees by sign-up date, the closed tandems' retention queue.
      { index: 'GSI1', actions: ['Query'] },
      { actions: ['GetItem', 'Query', 'BatchGetItem'] },
      // Notices (Update + mail job Put), erasures (Update profile, Delete address claim; the erasure's tandem closing may ConditionCheck), anonymised tandems.
      { actions: ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'] },
    ],
    description: 'Nightly: retention notices and erasure of unmatched profiles after 12 months, closed tandems\' personal fields after 3 years.',
  },
  report: {
    entry: 'functions/scheduled/send-monthly-report.ts',
    functionName: 'SendMonthlyReport',
    cron: { hour: '7', minute: '0', day: '1' },
    stack: 'reports',
    capabilities: ['table', 'reports', 'mail'],
    // The time index month by month, the partners' status index (docs/reports.md): Query only.
    tableAccess: [
      { index: 'GSI3', actions: ['Query'] },
      { index: 'GSI1', actions: ['Query'] },
    ],
    description: 'Monthly, on the 1st: the previous month\'s report (report.json, XLSX, CSV) to the reports bucket, and its mail to the CCI\'s list. Once per period.',
  },
  digest: {
    entry: 'functions/scheduled/send-weekly-digest.ts',
    functionName: 'SendWeeklyDigest',
    cron: { hour: '7', minute: '0', weekDay: 'MON' },
    stack: 'reports',
    capabilities: ['table', 'reports', 'mail'],
    // Waiting mentees and open alerts (GSI1), unanswered proposals (GSI2).
    tableAccess: [
      { index: 'GSI1', actions: ['Query'] },
      { index: 'GSI2', actions: ['Query'] },
    ],
    description: 'Mondays: the alerts digest to the CCI\'s list — mentees waiting more than 14 days, proposals unanswered, tandems asking for help or silent. Once per week.',
  },
} as const satisfies Record<string, ScheduledJob>;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;
export const SCHEDULED_JOB_NAMES = Object.keys(SCHEDULED_JOBS) as ScheduledJobName[];
/** The time zone of every schedule: the programme's. */
export const SCHEDULE_TIME_ZONE = 'Europe/Paris';
