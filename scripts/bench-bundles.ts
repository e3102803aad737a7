/**
 * Size and cold import time of every Lambda bundle: each function module (every `.ts` file under
 * `functions/` outside `functions/commons/`) bundled with the options CDK uses
 * (`infra/constructs/bundling.ts`), then imported in a fresh Node process, median of
 * {@link COLD_IMPORT_RUNS}. Called by `scripts/bench.ts`; `test/infra/bundles.test.ts` asserts the
 * size budget with the same helpers.
 *
 * The import runs the module's top level only (the configuration parse, the clients built at cold
 * start), never the handler. The environment below satisfies the configuration schemas with
 * dummy values; nothing at import time contacts AWS (clients connect on their first call).
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { followUpEnvironment, reportsEnvironment } from '../shared/config/runtime-config';
import { FOLLOW_UP_DEFAULTS } from '../shared/domain/follow-up';
import { type Metafile, build } from 'esbuild';
import { ENV } from '../shared/config/env';
import { REPO_ROOT, esbuildOptions } from '../infra/constructs/bundling';
import { REPORT_DEFAULTS } from '../infra/config/stages';

/** Fresh-process imports per function; the median is reported. */
export const COLD_IMPORT_RUNS = 5;

/** Folder of shared handler code, not functions themselves. */
const NOT_FUNCTIONS = 'functions/commons/';

/** Every function module, relative to the repository root (`functions/http/list-partners.ts`), sorted; synchronous so tests can list one case each. */
export function functionModules(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'functions'), { recursive: true, encoding: 'utf8' })
    .map((f) => `functions/${f.split(path.sep).join('/')}`)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith(NOT_FUNCTIONS))
    .sort();
}

/** How a function is named in reports: its module path under `functions/`, without `.ts` (`http/list-partners`). */
export function functionName(entry: string): string {
  return entry.replace(/^functions\//, '').replace(/\.ts$/, '');
}

export interface Bundle {
  entry: string;
  outfile: string;
  bytes: number;
  /** What weighs most in the output, heaviest first: an npm package as a whole (`@smithy/core`), a file of ours by path. */
  biggestInputs: { path: string; bytes: number }[];
}

/** Bundles `entry` into `outdir` with the CDK options (plus a metafile). */
export async function bundleFunction(entry: string, outdir: string): Promise<Bundle> {
  const outfile = path.join(outdir, `${entry.replace(/\.ts$/, '').replaceAll('/', '__')}.mjs`);
  let metafile: Metafile;
  try {
    ({ metafile } = await build({ ...esbuildOptions(entry, outfile), metafile: true }));
  } catch (error) {
    throw new Error(`${entry} does not bundle: ${(error as Error).message}`, { cause: error });
  }
  const output = Object.values(metafile.outputs)[0]!;
  const weights = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input;
    weights.set(key, (weights.get(key) ?? 0) + bytesInOutput);
  }
  const biggestInputs = [...weights]
    .map(([input, bytes]) => ({ path: input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
  return { entry, outfile, bytes: (await stat(outfile)).size, biggestInputs };
}

/** Plausible values for every variable a function may parse at cold start (see shared/config). */
export const DUMMY_ENV: Record<string, string> = {
  [ENV.stage]: 'bench',
  [ENV.tableName]: 'tandem-bench',
  [ENV.siteUrl]: 'https://tandem.example.org',
  [ENV.mailTransport]: 'ses',
  [ENV.mailFrom]: 'Tandem <no-reply@tandem.example.org>',
  [ENV.sesConfigurationSet]: 'tandem-bench',
  [ENV.mailOperatorName]: 'CCI Aix-Marseille-Provence',
  [ENV.mailContactEmail]: 'contact@cciamp.example',
  [ENV.mailPostalAddress]: '9 La Canebière, 13001 Marseille',
  [ENV.mailProgrammeEmail]: 'tandem@cciamp.example',
  [ENV.signingKeySource]: 'secrets-manager',
  [ENV.signingSecretArn]: 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:tandem-bench-signing-key',
  [ENV.stateMachineArn]: 'arn:aws:states:eu-west-3:000000000000:stateMachine:tandem-bench-matching',
  [ENV.matchingCandidatesPerAttempt]: '5',
  [ENV.matchingProposalLifetimeSeconds]: '604800',
  [ENV.matchingReminderAfterSeconds]: '259200',
  [ENV.signUpSubmissionMemorySeconds]: '600',
  ...followUpEnvironment(FOLLOW_UP_DEFAULTS),
  [ENV.reportsStore]: 's3',
  [ENV.reportsBucket]: 'tandem-bench-reports-000000000000-eu-west-3',
  ...reportsEnvironment(REPORT_DEFAULTS),
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'AKIABENCHDUMMY000000',
  AWS_SECRET_ACCESS_KEY: 'bench-dummy-secret',
  POWERTOOLS_SERVICE_NAME: 'tandem',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

const run = promisify(execFile);
const IMPORT_SCRIPT =
  'const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t0));';

/** Milliseconds to import the bundle in a fresh Node process (top level only). */
export async function coldImportMs(outfile: string): Promise<number> {
  // A minimal environment: PATH for node itself, the dummy values, nothing inherited that could point at a real account.
  const env = { PATH: process.env.PATH ?? '', ...DUMMY_ENV };
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, outfile], { env, timeout: 30_000 });
  return Number(stdout);
}

export interface BundleRow {
  function: string;
  bytes: number;
  coldImportMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Bundles every function (in parallel), then times their cold imports one process at a time. */
export async function benchBundles(): Promise<BundleRow[]> {
  const outdir = await mkdtemp(path.join(tmpdir(), 'tandem-bench-bundles-'));
  try {
    const bundles = await Promise.all(functionModules().map((entry) => bundleFunction(entry, outdir)));
    const rows: BundleRow[] = [];
    for (const b of bundles) {
      const times: number[] = [];
      for (let i = 0; i < COLD_IMPORT_RUNS; i += 1) times.push(await coldImportMs(b.outfile));
      rows.push({ function: functionName(b.entry), bytes: b.bytes, coldImportMs: Math.round(median(times) * 10) / 10 });
    }
    return rows;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
