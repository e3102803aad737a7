/**
 * `npm run report -- --period 2026-10 [--no-mail]`: asks the running hub (`npm start`) to compute a
 * period's report now (docs/reports.md), as the console's « Produire le rapport » does: the files go
 * to `.local/reports/<period>/`, the mail to each address of the CCI's list in the local mailbox
 * (unless `--no-mail`). The hub runs the monthly job's handler with that period
 * (`POST /_local/jobs/report?period=…`, infra/local/job-runner.ts), so the code is the one Lambda runs.
 * Exit codes, as npm run jobs: 0 done, 1 the hub did not answer or the report failed, 2 bad arguments.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOCAL_REPORTS_PATH } from '../shared/adapters/file/report-store';
import { PERIOD_PATTERN } from '../shared/domain/report-period';
import type { GenerateReportResult } from '../shared/use-cases/admin/generate-report';
import { LOCAL_REPORTS_DIR } from '../infra/local/local-env';
import { LOCAL_JOBS_PATH, type JobRun } from '../infra/local/job-runner';
import { hubDown, originOf, UsageError } from './jobs';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

export const USAGE = `Usage${NBSP}: npm run report -- --period <AAAA-MM | AAAA> [--no-mail]
  --period    le mois ou l’année (heure de Paris) / the month or year (Paris time): 2026-10, 2026
  --no-mail   fichiers seulement, aucun courriel / files only, no mail
  PORT=3000   port du hub local (npm start) / port of the local hub (npm start)
Exemple / Example${NBSP}: npm run report -- --period 2026-10`;

export interface ReportCommand {
  help: boolean;
  period?: string;
  send?: boolean;
}

const parseCommandLine = (args: readonly string[]) =>
  parseArgs({ args: [...args], options: { period: { type: 'string' }, 'no-mail': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true });

/** The command line's period and mail choice, or a UsageError in French and English. */
export function parseReportArgs(args: readonly string[]): ReportCommand {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch {
    throw new UsageError(`Option inconnue ou incomplète / Unknown or incomplete option: ${args.join(' ').slice(0, 80)}`);
  }
  if (parsed.values.help) return { help: true };
  const period = parsed.values.period;
  if (period === undefined) throw new UsageError(`Quelle période${NNBSP}? / Which period? (--period 2026-10)`);
  if (!PERIOD_PATTERN.test(period)) throw new UsageError(`Période invalide / Invalid period: ${period.slice(0, 40)} (2026-10, 2026)`);
  return { help: false, period, send: !parsed.values['no-mail'] };
}

/** The hub's endpoint for this run. */
export const reportUrl = (origin: string, period: string, send: boolean) =>
  `${origin}${LOCAL_JOBS_PATH}/report?period=${encodeURIComponent(period)}${send ? '' : '&send=false'}`;

/** Runs the command; resolves the exit code. */
export async function runReportCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  io: { out: (line: string) => void; err: (line: string) => void; fetch?: typeof fetch } = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  let command: ReportCommand;
  let origin: string;
  try {
    command = parseReportArgs(args);
    origin = originOf(env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`✖ ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help || !command.period) {
    io.out(USAGE);
    return 0;
  }
  const send = command.send ?? true;
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(reportUrl(origin, command.period, send), { method: 'POST', signal: AbortSignal.timeout(10 * 60_000) });
  } catch {
    io.err(`✖ ${hubDown(origin)}`);
    return 1;
  }
  const body = (await response.json().catch(() => undefined)) as (JobRun & { result: GenerateReportResult; error?: { message?: string } }) | undefined;
  if (!response.ok || !body || body.error || !body.result) {
    const detail = body?.error?.message ?? `HTTP ${response.status}`;
    io.err(`✖ Le rapport ${command.period} a échoué / Report ${command.period} failed: ${detail}`);
    return 1;
  }
  const { period, files, mailed } = body.result;
  io.out(`Rapport ${period}${NBSP}: ${files.length} fichier(s) écrit(s) / Report ${period}: ${files.length} file(s) written`);
  for (const file of files) io.out(`  ${LOCAL_REPORTS_DIR}/${period}/${file}  ${origin}${LOCAL_REPORTS_PATH}/${period}/${file}`);
  io.out(
    mailed > 0
      ? `Courriel envoyé à ${mailed} adresse(s)${NBSP}: ${origin}/_local/mailbox / Mail sent to ${mailed} address(es): ${origin}/_local/mailbox`
      : 'Aucun courriel envoyé (--no-mail) / No mail sent (--no-mail)',
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await runReportCommand(process.argv.slice(2), process.env);
