/**
 * `npm run jobs -- <job> [--now <ISO date>]`: asks the running hub (`npm start`) to run one of the
 * follow-up's scheduled jobs now, as of `--now` (default: now), and prints what it did:
 *
 *   npm run jobs -- check-ins --now 2027-01-15T09:00:00+01:00
 *
 * then the mails are in the local mailbox (http://localhost:3000/_local/mailbox). The hub runs the
 * job's handler with `{ scheduledTime }`, as EventBridge Scheduler does in AWS (infra/local/job-runner.ts).
 * The reports' jobs too: `report --now 2026-11-01T07:00:00+01:00` is October's monthly report,
 * `digest --now <a Monday>` that week's digest, each done once (npm run report redoes a period).
 * Exit codes: 0 done, 1 the hub did not answer or the job failed, 2 bad arguments.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLocalJobName, LOCAL_JOB_NAMES, LOCAL_JOBS_PATH, parseJobDate, type JobRun, type LocalJobName } from '../infra/local/job-runner';

const NBSP = '\u00a0';

export const USAGE = `Usage${NBSP}: npm run jobs -- <tâche / job> [--now <date ISO / ISO date>]
  tâches / jobs   ${LOCAL_JOB_NAMES.join(' | ')}
  --now           la date du passage, par défaut maintenant / the run's time, default now
                  (2027-01-15, 2027-01-15T09:00:00+01:00, 2027-01-15T08:00:00Z)
  PORT=3000       port du hub local (npm start) / port of the local hub (npm start)
Exemple / Example${NBSP}: npm run jobs -- check-ins --now 2027-01-15T09:00:00+01:00
  npm run jobs -- report --now 2026-11-01T07:00:00+01:00   rapport d’octobre, une fois / October's report, once
  npm run jobs -- digest --now 2026-12-07T07:00:00+01:00   alertes de la semaine, une fois / the week's alerts, once
  (un rapport refait à la demande / a report made again on demand${NBSP}: npm run report -- --period 2026-10)`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface JobsCommand {
  help: boolean;
  job?: LocalJobName;
  now?: Date;
}

const parseCommandLine = (args: readonly string[]) =>
  parseArgs({ args: [...args], options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });

/** The command line's job and date, or a UsageError in French and English. */
export function parseJobsArgs(args: readonly string[]): JobsCommand {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch {
    throw new UsageError(`Option inconnue ou incomplète / Unknown or incomplete option: ${args.join(' ').slice(0, 80)}`);
  }
  if (parsed.values.help) return { help: true };
  const [job, ...rest] = parsed.positionals;
  if (!job) throw new UsageError(`Quelle tâche${'\u202f'}? / Which job?`);
  if (!isLocalJobName(job)) throw new UsageError(`Tâche inconnue / Unknown job: ${job.slice(0, 40)}`);
  if (rest.length > 0) throw new UsageError(`Une seule tâche à la fois / One job at a time: ${rest.join(' ').slice(0, 80)}`);
  const nowText = parsed.values.now;
  if (nowText === undefined) return { help: false, job };
  const now = parseJobDate(nowText);
  if (!now) throw new UsageError(`Date invalide / Invalid date: ${nowText.slice(0, 40)} (2027-01-15, 2027-01-15T09:00:00+01:00)`);
  return { help: false, job, now };
}

export function originOf(env: NodeJS.ProcessEnv): string {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`PORT invalide / invalid PORT: ${env.PORT}`);
  return `http://localhost:${port}`;
}

/** The endpoint the hub answers on for this run. */
export function jobUrl(origin: string, job: LocalJobName, now?: Date): string {
  return `${origin}${LOCAL_JOBS_PATH}/${job}${now ? `?now=${encodeURIComponent(now.toISOString())}` : ''}`;
}

/** The counts of a job's result, `name value` by `, ` (nested ones dotted): `due 3, recorded 2`. */
export function countsOf(result: unknown, prefix = ''): string[] {
  if (result === null || typeof result !== 'object') return [];
  return Object.entries(result as Record<string, unknown>).flatMap(([key, value]) => {
    if (typeof value === 'number') return [`${prefix}${key} ${value}`];
    if (value && typeof value === 'object' && !Array.isArray(value)) return countsOf(value, `${prefix}${key}.`);
    if (Array.isArray(value)) return [`${prefix}${key} ${value.length}`];
    return [];
  });
}

/** The time of the run, in the programme's time zone. */
const parisTime = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

/** One line, French then English: the job, the time it ran "at", its counts. */
export function describeRun(run: JobRun): string {
  const counts = countsOf(run.result);
  const what = counts.length > 0 ? counts.join(', ') : JSON.stringify(run.result);
  return (
    `Tâche ${run.job} exécutée au ${parisTime(run.scheduledTime)} (heure de Paris)${NBSP}: ${what} / ` +
    `Job ${run.job} run as of ${run.scheduledTime}: ${what}`
  );
}

export const hubDown = (origin: string) =>
  `Le hub local ne répond pas sur ${origin}${NBSP}: lancez d’abord npm start / The local hub does not answer on ${origin}: run npm start first`;

/** Runs the command; resolves the exit code. */
export async function runJobsCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { out: (line: string) => void; err: (line: string) => void; fetch?: typeof fetch } = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  let command: JobsCommand;
  let origin: string;
  try {
    command = parseJobsArgs(args);
    origin = originOf(env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`✖ ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help || !command.job) {
    io.out(USAGE);
    return 0;
  }
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(jobUrl(origin, command.job, command.now), { method: 'POST', signal: AbortSignal.timeout(10 * 60_000) });
  } catch {
    io.err(`✖ ${hubDown(origin)}`);
    return 1;
  }
  const body = (await response.json().catch(() => undefined)) as (JobRun & { error?: { code?: string; message?: string } }) | undefined;
  if (!response.ok || !body || body.error) {
    const detail = body?.error?.message ?? `HTTP ${response.status}`;
    io.err(`✖ La tâche ${command.job} a échoué / Job ${command.job} failed: ${detail}`);
    return 1;
  }
  io.out(describeRun(body));
  io.out(`Courriels / Mail${NBSP}: ${origin}/_local/mailbox`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await runJobsCommand(process.argv.slice(2), process.env);
