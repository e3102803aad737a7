/**
 * The local stand-in for EventBridge Scheduler (docs/follow-up.md, "Jobs locally"): runs the
 * follow-up's scheduled jobs (infra/config/scheduled-jobs.ts) with the `handler` of the same modules
 * Lambda runs, every 10 minutes and on demand, with the input the schedules give them
 * (`{ scheduledTime }`). On demand, `POST /_local/jobs/<name>?now=<ISO date>` on the hub (what
 * `npm run jobs -- <name> --now <date>` sends) runs one job as of that time — the check-ins of next
 * month, today — and answers its result. `reminders` is the matching workflow's proposal reminder
 * sweep (functions/scheduled/send-reminders.ts), which the workflow runner also runs on its timer.
 *
 * Handler modules are imported on their first run, once `npm start` has set the environment they
 * read at load time. Jobs are idempotent: a run on demand and one on the timer never act twice.
 *
 * The reports' jobs (`report` monthly on the 1st, `digest` on Mondays, docs/reports.md) run on the
 * timer only when due, as their schedule says in Paris: on their day, from their hour (07:00) to
 * midnight. They are idempotent per period and per week, so the timer's later rounds that day do
 * nothing; a monthly job every 10 minutes on any other day would be odd, and a hub not running on
 * the 1st just misses it (run it with `npm run jobs -- report`). On demand, `report` also takes
 * `?period=2026-10&send=false` (what `npm run report` sends): that period's report computed anew.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { PERIOD_PATTERN } from '../../shared/domain/report-period';
import { SCHEDULE_TIME_ZONE, SCHEDULED_JOB_NAMES, SCHEDULED_JOBS, type ScheduledJob, type ScheduledJobName } from '../config/scheduled-jobs';
import { createLambdaContext } from './http-api-event';

/** The proposal reminder sweep, as SEND_REMINDERS (infra/constructs/matching-workflow.ts) declares it. */
const REMINDERS = { entry: 'functions/scheduled/send-reminders.ts', functionName: 'SendReminders' } as const;

/** Every job `npm run jobs` can run: the scheduled ones, then the reminder sweep. */
export const LOCAL_JOBS: Readonly<Record<LocalJobName, { readonly entry: string; readonly functionName: string }>> = {
  ...(Object.fromEntries(SCHEDULED_JOB_NAMES.map((name) => [name, { entry: SCHEDULED_JOBS[name].entry, functionName: SCHEDULED_JOBS[name].functionName }])) as Record<
    ScheduledJobName,
    { entry: string; functionName: string }
  >),
  reminders: REMINDERS,
};
export type LocalJobName = ScheduledJobName | 'reminders';
export const LOCAL_JOB_NAMES = Object.keys(LOCAL_JOBS) as LocalJobName[];
export const isLocalJobName = (name: string): name is LocalJobName => Object.hasOwn(LOCAL_JOBS, name);

/** The path of the on-demand endpoint; `/_local/jobs/<name>`. */
export const LOCAL_JOBS_PATH = '/_local/jobs';

/** What the jobs' period is locally (the schedules run daily in AWS). */
export const LOCAL_JOB_INTERVAL_MS = 10 * 60_000;
/** The Lambda timeout of a job (JOB_TIMEOUT), for the context's remaining time. */
const JOB_TIMEOUT_MS = 5 * 60_000;

/** An ISO 8601 date or date-time: `2027-01-15`, `2027-01-15T09:00`, `2027-01-15T09:00:00+01:00`, `…Z`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads `--now` / `?now=`: an ISO date (midnight UTC), or a date-time with or without an offset
 * (without: this machine's time zone, as `new Date` reads it). Anything else, a day that does not
 * exist (2027-02-30) included: undefined.
 */
export function parseJobDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  // Unmatched groups read as NaN, never out of range.
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * True when the timer should run `name` at `now`: a daily job always (the follow-up's jobs are
 * idempotent and cheap, and catch up whenever the hub runs); a job with a `day` of the month or a
 * `weekDay` only on that day in Paris, from its hour:minute on.
 */
export function isDueLocally(name: ScheduledJobName, now: Date): boolean {
  const cron: ScheduledJob['cron'] = SCHEDULED_JOBS[name].cron;
  if (cron.day === undefined && cron.weekDay === undefined) return true;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: SCHEDULE_TIME_ZONE, hourCycle: 'h23', weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  if (cron.day !== undefined && Number(part('day')) !== Number(cron.day)) return false;
  // `weekday: 'short'` in en-GB: Mon, Tue… as the cron's MON, TUE….
  if (cron.weekDay !== undefined && part('weekday').toUpperCase() !== cron.weekDay) return false;
  return Number(part('hour')) * 60 + Number(part('minute')) >= Number(cron.hour) * 60 + Number(cron.minute);
}

/** What `report` takes on demand besides the time: an explicit period, and whether to mail it. */
export interface ReportJobOptions {
  period: string;
  send: boolean;
}

/** A job's code: the module's `handler` (Lambda's signature), or a test's replacement. */
export type JobHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface JobRunnerOptions {
  /** Repository root: the jobs' entries are relative to it. */
  rootDir: string;
  /**
   * Loads a job's handler from its entry (tests: a fake job).
   * @default - imports `<rootDir>/<entry>` and takes its `handler`, once
   */
  load?: (entry: string) => Promise<JobHandler>;
  /**
   * Period of the runs of the scheduled jobs (not `reminders`: the workflow runner's timer sweeps
   * them); false: no timer (tests call `run`).
   * @default LOCAL_JOB_INTERVAL_MS (10 minutes)
   */
  intervalMs?: number | false;
  /** @default () => new Date() */
  clock?: () => Date;
  log?: (line: string) => void;
}

/** One run: the job, the time it ran "at", the handler's result. */
export interface JobRun {
  job: LocalJobName;
  scheduledTime: string;
  result: unknown;
}

export interface JobRunner {
  /**
   * Runs one job as of `now` (default: the clock's), with `{ scheduledTime: now.toISOString() }`,
   * plus `report`'s explicit `{ period, send }` when given.
   */
  run(name: LocalJobName, options?: { now?: Date; report?: ReportJobOptions }): Promise<JobRun>;
  /** Runs the scheduled jobs that are due (isDueLocally) one after the other (the timer's work); a failing job does not stop the others. */
  runScheduled(): Promise<void>;
  /** `POST /_local/jobs/<name>?now=<ISO>` (`report`: also `&period=<id>&send=false`); resolves false when the path is not its own. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Stops the timer (a run under way finishes). */
  stop(): Promise<void>;
}

/** No browser page of another origin (a request without Origin comes from a script, npm run jobs). */
function fromThisMachine(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (req.headers['sec-fetch-site'] === 'cross-site' || req.headers['sec-fetch-site'] === 'same-site') return false;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The error's name only: messages may quote data. */
const errorName = (error: unknown) => (error instanceof Error ? error.name || 'Error' : 'Error');

export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? (() => new Date());
  const modules = new Map<string, Promise<JobHandler>>();
  const importHandler =
    options.load ??
    ((entry: string) => import(pathToFileURL(join(options.rootDir, entry)).href).then((m: { handler?: JobHandler }) => {
      if (typeof m.handler !== 'function') throw new Error(`${entry} exports no handler`);
      return m.handler;
    }));
  const load = (entry: string): Promise<JobHandler> => {
    let handler = modules.get(entry);
    if (!handler) {
      handler = importHandler(entry);
      modules.set(entry, handler);
      // A module that failed to load (being written) is tried again next time.
      handler.catch(() => modules.delete(entry));
    }
    return handler;
  };

  const run = async (name: LocalJobName, runOptions: { now?: Date; report?: ReportJobOptions } = {}): Promise<JobRun> => {
    const job = LOCAL_JOBS[name];
    const scheduledTime = (runOptions.now ?? clock()).toISOString();
    const handler = await load(job.entry);
    const event = name === 'report' && runOptions.report ? { scheduledTime, period: runOptions.report.period, send: runOptions.report.send } : { scheduledTime };
    const output = await handler(event, createLambdaContext({ functionName: `tandem-local-${job.functionName}`, timeoutMs: JOB_TIMEOUT_MS }));
    // As Lambda returns it: a JSON copy.
    return { job: name, scheduledTime, result: output === undefined ? null : JSON.parse(JSON.stringify(output)) };
  };

  let sweeping: Promise<void> | undefined;
  const runScheduled = () => {
    // One sweep at a time: a slow one is not overtaken by the next tick.
    sweeping ??= (async () => {
      const now = clock();
      for (const name of SCHEDULED_JOB_NAMES.filter((n) => isDueLocally(n, now))) {
        await run(name, { now }).catch((error: unknown) => log(`Tâches : ${name} en échec / job ${name} failed (${errorName(error)})`));
      }
    })().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };
  const every = options.intervalMs ?? LOCAL_JOB_INTERVAL_MS;
  const timer = every === false ? undefined : setInterval(() => void runScheduled(), every);
  timer?.unref();

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== LOCAL_JOBS_PATH && !url.pathname.startsWith(`${LOCAL_JOBS_PATH}/`)) return false;
    // A page of another site may not make the hub run jobs: browsers say where a request comes from.
    if (!fromThisMachine(req)) {
      answer(res, 403, { error: { code: 'forbidden', message: 'Local jobs run from this machine only (npm run jobs).' } });
      return true;
    }
    const name = decodeURIComponent(url.pathname.slice(LOCAL_JOBS_PATH.length + 1));
    if (!isLocalJobName(name)) {
      answer(res, 404, { error: { code: 'unknown_job', message: `No job "${name.slice(0, 40)}". Jobs: ${LOCAL_JOB_NAMES.join(', ')}.`, jobs: LOCAL_JOB_NAMES } });
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      answer(res, 405, { error: { code: 'method_not_allowed', message: 'POST runs the job.' } });
      return true;
    }
    const nowParam = url.searchParams.get('now');
    const now = nowParam === null ? undefined : parseJobDate(nowParam);
    if (nowParam !== null && !now) {
      answer(res, 400, { error: { code: 'invalid_date', message: 'now: an ISO date (2027-01-15) or date-time (2027-01-15T09:00:00+01:00).' } });
      return true;
    }
    const period = url.searchParams.get('period');
    const send = url.searchParams.get('send');
    if ((period !== null || send !== null) && name !== 'report') {
      answer(res, 400, { error: { code: 'invalid_option', message: 'period and send are options of the report job only.' } });
      return true;
    }
    if (period !== null && !PERIOD_PATTERN.test(period)) {
      answer(res, 400, { error: { code: 'invalid_period', message: 'period: YYYY-MM or YYYY (2026-10).' } });
      return true;
    }
    if (send !== null && (send !== 'true' && send !== 'false' || period === null)) {
      answer(res, 400, { error: { code: 'invalid_option', message: 'send: true or false, with a period.' } });
      return true;
    }
    const report = period === null ? undefined : { period, send: send !== 'false' };
    try {
      const outcome = await run(name, { ...(now ? { now } : {}), ...(report ? { report } : {}) });
      log(`Tâches : ${name} exécutée à la demande au ${outcome.scheduledTime} / job ${name} run on demand as of ${outcome.scheduledTime}`);
      answer(res, 200, outcome);
    } catch (error) {
      log(`Tâches : ${name} en échec / job ${name} failed (${errorName(error)})`);
      answer(res, 500, { error: { code: 'job_failed', message: `The job failed (${errorName(error)}); the hub's log has its line.` } });
    }
    return true;
  };

  return {
    run,
    runScheduled,
    handle,
    async stop() {
      if (timer) clearInterval(timer);
      await sweeping?.catch(() => undefined);
    },
  };
}
