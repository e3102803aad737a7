/**
 * Every Lambda bundle stays within its size budget: each function module (every `.ts` file under
 * `functions/` outside `functions/commons/`, found at run time so new folders are covered) is
 * bundled with the options CDK uses (`esbuildOptions`), all in parallel, into a temporary folder.
 * A function over budget fails with its size and the inputs that weigh most in it.
 *
 * The parts of the AWS SDK left out of the bundles (`UNREACHED_CREDENTIAL_PROVIDERS`,
 * `UNREACHED_SDK_SUBMODULES` in `infra/constructs/bundling.ts`) are proved unreached here: no bundle
 * contains them or imports them other than by `import()`, every bundle imports in a fresh Node
 * process with credentials in the environment (as Lambda sets them), those credentials resolve
 * without the left-out links, and no AWS client we depend on has an event-stream operation.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NormalizedSchema } from '@smithy/core/schema';
import { type Metafile, build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVENT_STREAM_CLIENTS,
  EVENT_STREAM_ENTRIES,
  EXTERNAL_MODULES,
  REPO_ROOT,
  UNREACHED_SDK_SUBMODULES,
  UNREACHED_CREDENTIAL_PROVIDERS,
  esbuildOptions,
} from '../../infra/constructs/bundling';
import { type Bundle, DUMMY_ENV, bundleFunction, coldImportMs, functionModules, functionName } from '../../scripts/bench-bundles';

/** Largest minified bundle allowed for one function. */
export const BUNDLE_BUDGET_BYTES = 400 * 1024;

/**
 * Functions allowed more, each with its reason. They write a mentor's availability entries or
 * rank, so they resolve places from the geography slice (41 KB, shared/reference/geo.ts) on top of
 * the matching engine: 424–440 KB. The way back under 400 KB is to store each person's resolved
 * place on the profile when it is created, so that later writes need no reference data (noted in
 * docs/matching-workflow.md). An entry here that is no longer needed fails the test below.
 */
export const BUNDLE_BUDGET_EXCEPTIONS: Readonly<Record<string, { bytes: number; reason: string }>> = {
  'functions/stream/consume-outbox.ts': { bytes: 450 * 1024, reason: 'capacity_appeared ranks unmatched mentees against a mentor: engine + geography' },
  'functions/workflow/propose-to-mentor.ts': { bytes: 450 * 1024, reason: 'explains the match (engine, geography, area names)' },
  'functions/http/decide-proposal.ts': { bytes: 450 * 1024, reason: 'a pause removes the mentor’s availability entries, keyed by its département (geography)' },
  'functions/http/reactivate-mentor.ts': { bytes: 450 * 1024, reason: 'a reactivation writes the mentor’s availability entries back (geography)' },
  'functions/http/admin/change-mentor-status.ts': { bytes: 450 * 1024, reason: 'validation, pause and reactivation write or remove availability entries (geography)' },
  'functions/http/admin/update-mentor.ts': { bytes: 450 * 1024, reason: 'an edit of an active mentor rewrites its availability entries (geography)' },
  'functions/http/admin/get-mentee.ts': { bytes: 470 * 1024, reason: 'the ranking as it stands, with why and why not: engine, geography, area names' },
  'functions/http/admin/start-mentee-matching.ts': { bytes: 460 * 1024, reason: 'a chosen mentor is checked by the engine first (explainPair: geography, area names)' },
  'functions/http/admin/create-cohort-draft.ts': { bytes: 470 * 1024, reason: 'solves the cohort (assign) and explains each pair: engine, solver, geography, area names' },
  'functions/http/admin/revise-cohort-draft.ts': { bytes: 470 * 1024, reason: 'solves the cohort again with the edits kept and explains each pair' },
  'functions/http/admin/publish-cohort-draft.ts': { bytes: 470 * 1024, reason: 'each pair goes through the chosen-mentor attempt, which checks the pair with the engine' },
  'functions/http/admin/close-tandem.ts': { bytes: 430 * 1024, reason: 'closing frees the mentor’s place: its availability entries are rewritten, keyed by its département (geography)' },
  'functions/http/admin/erase-person.ts': { bytes: 450 * 1024, reason: 'the erasure keeps the département (geography) and ends tandems (availability entries rewritten)' },
  'functions/scheduled/apply-retention.ts': { bytes: 450 * 1024, reason: 'the retention erases profiles (département kept: geography) through the erasure' },
  // The three below carry geography only because their store object also closes tandems or erases
  // people (one adapter per concern); splitting those adapters would bring them back under 400 KB.
  'functions/http/admin/export-person.ts': { bytes: 430 * 1024, reason: 'shares the personal-data store, whose erasure keeps the département (geography)' },
  'functions/http/admin/record-tandem-outcome.ts': { bytes: 420 * 1024, reason: 'shares the tandem lifecycle store, whose close rewrites availability entries (geography)' },
  'functions/http/admin/resolve-tandem-alert.ts': { bytes: 420 * 1024, reason: 'shares the tandem lifecycle store, whose close rewrites availability entries (geography)' },
  // The reports (issue 12). exceljs is CommonJS, so nothing of it is tree-shaken: with its
  // dependencies (jszip, bluebird, unzipper, saxes, archiver…) about 1.1 MB of the ~1.6 MB below.
  // The report routes that build no workbook carry it too because functions/commons/reports-wiring.ts
  // imports the report generator at the top for every function; one wiring module per function would
  // bring GetReportKpis, ListReports and GetReportFile back near the common budget.
  'functions/http/admin/run-report.ts': { bytes: 1700 * 1024, reason: 'builds the XLSX workbook (exceljs) and the CSV files, stores them in S3 (client-s3 with its event-stream serde), mails the list' },
  'functions/scheduled/send-monthly-report.ts': { bytes: 1700 * 1024, reason: 'the monthly report: the same generator as RunReport (exceljs, client-s3, mail)' },
  'functions/scheduled/send-weekly-digest.ts': { bytes: 1650 * 1024, reason: 'the digest stores its files in S3 (client-s3) and shares the reports wiring, which carries exceljs' },
  'functions/http/admin/list-reports.ts': { bytes: 1650 * 1024, reason: 'lists the bucket (client-s3); exceljs comes with the shared reports wiring' },
  'functions/http/admin/get-report-file.ts': { bytes: 1650 * 1024, reason: 'presigns a download link (client-s3, s3-request-presigner); exceljs comes with the shared reports wiring' },
  'functions/http/admin/get-report-kpis.ts': { bytes: 1500 * 1024, reason: 'computes the KPIs from the table; exceljs comes with the shared reports wiring' },
  'functions/http/admin/import-programme.ts': { bytes: 560 * 1024, reason: 'parses CSV files (csv-parse) and checks every code, postal code and commune against the reference data (postal codes, geography) before writing through the item builders' },
};

const budgetOf = (entry: string) => BUNDLE_BUDGET_EXCEPTIONS[entry]?.bytes ?? BUNDLE_BUDGET_BYTES;

const ENTRIES = functionModules();

/** Modules of the AWS SDK left out of every bundle because Lambda never loads them. */
const UNREACHED: readonly string[] = [...UNREACHED_CREDENTIAL_PROVIDERS, ...UNREACHED_SDK_SUBMODULES];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `@aws-sdk/nested-clients/sts` is one of `@aws-sdk/nested-clients`; `@smithy/core/event-streams` is not `@smithy/core`. */
const isUnreached = (specifier: string) => UNREACHED.some((m) => specifier === m || specifier.startsWith(`${m}/`));

const run = promisify(execFile);

let outdir: string;
const bundles = new Map<string, Bundle | Error>();

beforeAll(async () => {
  outdir = mkdtempSync(path.join(tmpdir(), 'tandem-bundles-'));
  const results = await Promise.allSettled(ENTRIES.map((entry) => bundleFunction(entry, outdir)));
  results.forEach((r, i) => bundles.set(ENTRIES[i]!, r.status === 'fulfilled' ? r.value : (r.reason as Error)));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function bundleOf(entry: string): Bundle {
  const bundle = bundles.get(entry);
  if (bundle instanceof Error) throw bundle;
  return bundle!;
}

describe('Lambda bundle sizes', () => {
  it('finds the function modules', () => {
    expect(ENTRIES).toContain('functions/http/list-partners.ts');
    expect(ENTRIES.some((e) => e.startsWith('functions/commons/'))).toBe(false);
  });

  it.each(ENTRIES)(`%s bundles within its budget (${kb(BUNDLE_BUDGET_BYTES)} unless excepted)`, (entry) => {
    const bundle = bundleOf(entry);
    const biggest = bundle.biggestInputs.map((i) => `${i.path} ${kb(i.bytes)}`).join(', ');
    expect(
      bundle.bytes,
      `${functionName(entry)} is ${kb(bundle.bytes)} (${bundle.bytes} bytes), over the ${kb(budgetOf(entry))} budget; biggest inputs: ${biggest}`,
    ).toBeLessThanOrEqual(budgetOf(entry));
  });

  it('keeps an exception only for a function that needs it', () => {
    for (const entry of Object.keys(BUNDLE_BUDGET_EXCEPTIONS)) {
      expect(ENTRIES, `${entry} is excepted but is no function module`).toContain(entry);
      expect(bundleOf(entry).bytes, `${entry} fits the common budget now: drop its exception`).toBeGreaterThan(BUNDLE_BUDGET_BYTES);
    }
  });
});

describe('AWS SDK parts left out of the bundles: never loaded in Lambda', () => {
  const metafiles = new Map<string, Metafile>();

  beforeAll(async () => {
    await Promise.all(
      ENTRIES.map(async (entry) => {
        const { metafile } = await build({ ...esbuildOptions(entry, path.join(outdir, 'meta.mjs')), write: false, metafile: true });
        metafiles.set(entry, metafile);
      }),
    );
  });

  it('leaves them out of every bundle (and nodemailer, for the local runtime only)', () => {
    expect(EXTERNAL_MODULES).toEqual(['nodemailer', ...UNREACHED]);
    // Never a whole package of what runs: the clients, their protocols and the first link of the chain stay bundled.
    expect(EXTERNAL_MODULES.some((m) => m.includes('*'))).toBe(false);
    const kept = [
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/lib-dynamodb',
      '@aws-sdk/core',
      '@aws-sdk/credential-provider-node',
      '@aws-sdk/credential-provider-env',
      '@smithy/core',
      '@smithy/core/protocols',
    ];
    expect(kept.filter(isUnreached)).toEqual([]);
  });

  it.each(ENTRIES)('%s contains none of them and imports them only with import(), never statically', (entry) => {
    const { inputs } = metafiles.get(entry)!;
    // A bundle with an event-stream client (S3) keeps the event-stream serde, which that client imports statically.
    const leftOut = EVENT_STREAM_ENTRIES.has(entry) ? UNREACHED.filter((m) => !(UNREACHED_SDK_SUBMODULES as readonly string[]).includes(m)) : UNREACHED;
    const isLeftOut = (specifier: string) => leftOut.some((m) => specifier === m || specifier.startsWith(`${m}/`));
    const bundled = Object.keys(inputs).filter((input) => leftOut.some((m) => input.includes(`node_modules/${m}/`)));
    expect(bundled).toEqual([]);
    const imports = Object.entries(inputs).flatMap(([from, { imports }]) => imports.map((i) => ({ from, ...i })));
    const staticImports = imports.filter((i) => isLeftOut(i.path) && i.kind !== 'dynamic-import');
    expect(staticImports).toEqual([]);
    // Any import of them that remains is an external import() (a bundled one would be a file path).
    expect(imports.filter((i) => isLeftOut(i.path) && !i.external)).toEqual([]);
  });

  it('keeps the event-stream serde in exactly the bundles that hold an event-stream client (S3: the functions with `reports`)', () => {
    const holding = ENTRIES.filter((entry) => Object.keys(metafiles.get(entry)!.inputs).some((input) => EVENT_STREAM_CLIENTS.some((c) => input.includes(`node_modules/${c}/`))));
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.sort()).toEqual([...EVENT_STREAM_ENTRIES].sort());
    for (const entry of holding) {
      expect(Object.keys(metafiles.get(entry)!.inputs).some((input) => input.includes('node_modules/@smithy/core/dist-es/submodules/event-streams/')), entry).toBe(true);
    }
  });

  it('is not vacuous: a function using DynamoDB keeps the later links of the chain as import()', () => {
    const { inputs } = metafiles.get('functions/http/list-partners.ts')!;
    const dynamic = Object.values(inputs)
      .flatMap(({ imports }) => imports)
      .filter((i) => i.external && i.kind === 'dynamic-import')
      .map((i) => i.path);
    expect(dynamic).toEqual(expect.arrayContaining(['@aws-sdk/credential-provider-ini', '@smithy/credential-provider-imds', '@smithy/core/event-streams']));
  });

  it.each(ENTRIES)('%s imports in a fresh Node process, credentials in the environment, no network', async (entry) => {
    // DUMMY_ENV holds AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; the bundle lies in a temporary folder
    // with no node_modules above it, so a static import of a left-out module would fail here.
    expect(DUMMY_ENV.AWS_ACCESS_KEY_ID).toBeTruthy();
    await expect(coldImportMs(bundleOf(entry).outfile)).resolves.toBeGreaterThan(0);
  });

  it('credentials from the environment resolve without the left-out links; only past fromEnv would one be loaded', async () => {
    // Arrange: a client built by the bundled SDK, as every function builds its own.
    const probe = path.join(outdir, 'credentials-probe.mjs');
    const { entryPoints: _entry, ...options } = esbuildOptions('credentials-probe.ts', probe);
    await build({
      ...options,
      stdin: {
        contents: `
          import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          const client = new DynamoDBClient({});
          try {
            const { accessKeyId } = await client.config.credentials();
            process.stdout.write(JSON.stringify({ accessKeyId }));
          } catch (error) {
            process.stdout.write(JSON.stringify({ code: error.code, message: error.message }));
          }`,
        resolveDir: REPO_ROOT,
        loader: 'ts',
        sourcefile: 'credentials-probe.ts',
      },
    });
    const home = mkdtempSync(path.join(tmpdir(), 'tandem-home-'));
    const resolve = async (env: Record<string, string>) =>
      JSON.parse((await run(process.execPath, [probe], { env: { PATH: process.env.PATH ?? '', HOME: home, ...env }, timeout: 30_000 })).stdout) as {
        accessKeyId?: string;
        code?: string;
        message?: string;
      };
    try {
      // Act + Assert: as in Lambda, the execution role's credentials are in the environment.
      const lambda = await resolve({
        AWS_REGION: 'eu-west-3',
        AWS_ACCESS_KEY_ID: 'AKIAPROBEDUMMY000000',
        AWS_SECRET_ACCESS_KEY: 'probe-dummy-secret',
        AWS_SESSION_TOKEN: 'probe-dummy-token',
      });
      expect(lambda).toEqual({ accessKeyId: 'AKIAPROBEDUMMY000000' });
      // Without them, the chain goes on to the next link, which is not in the bundle (in Lambda it
      // would come from the runtime's SDK): proof that only a failed fromEnv reaches it.
      const elsewhere = await resolve({ AWS_REGION: 'eu-west-3', AWS_EC2_METADATA_DISABLED: 'true' });
      expect(elsewhere.code).toBe('ERR_MODULE_NOT_FOUND');
      expect(elsewhere.message).toContain('@aws-sdk/credential-provider-ini');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('no AWS client we depend on has an event-stream operation but EVENT_STREAM_CLIENTS, so @smithy/core/event-streams is loaded by no other bundle', async () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const clients = Object.keys(dependencies).filter((d) => d.startsWith('@aws-sdk/client-'));
    expect(clients).toContain('@aws-sdk/client-dynamodb');
    for (const client of clients) {
      const schemas = Object.entries((await import(client)) as Record<string, unknown>).filter(
        // Operation schemas: [9, namespace, name, traits, input, output].
        (e): e is [string, unknown[]] => e[0].endsWith('$') && Array.isArray(e[1]) && e[1][0] === 9,
      );
      expect(schemas.length, client).toBeGreaterThan(0);
      const withEventStream = schemas
        .filter(([, [, , , , input, output]]) => [input, output].some((s) => NormalizedSchema.of(s as never).getEventStreamMember() !== ''))
        .map(([name]) => name);
      if ((EVENT_STREAM_CLIENTS as readonly string[]).includes(client)) expect(withEventStream.length, `${client} has event-stream operations`).toBeGreaterThan(0);
      else expect(withEventStream, `${client} has event-stream operations`).toEqual([]);
    }
    // The check itself sees an event stream when there is one.
    const stream = [4, 'probe', 'Events', { streaming: 1 }, ['chunk'], [0]];
    expect(NormalizedSchema.of([3, 'probe', 'Output', 0, ['events'], [stream]] as never).getEventStreamMember()).toBe('events');
  });
});
