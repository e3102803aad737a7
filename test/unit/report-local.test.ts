/**
 * Reports on this machine: the hub serves `.local/reports/<period>/<file>` read-only at
 * `/_local/reports/<period>/<file>` (what the folder store's links point at) and nothing outside
 * it; `npm run report` asks the hub's job runner for a period's report and prints the files and the
 * mailbox, with npm run jobs' exit codes. Stand-in job handler (no DynamoDB).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileReportStore } from '../../shared/adapters/file/report-store';
import { findFreePort } from '../../infra/local/free-port';
import { startJobRunner, type JobRunnerOptions } from '../../infra/local/job-runner';
import { createLocalRequestListener, listenOnLocalhost, localReportFiles } from '../../infra/local/local-server';
import { parseReportArgs, runReportCommand, USAGE } from '../../scripts/report';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function reportsDir() {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-hub-reports-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The hub's listener on localhost with the report files of `dir` and a job runner on `load`. */
async function hub(dir: string, load: NonNullable<JobRunnerOptions['load']> = async () => async () => ({})) {
  const jobs = startJobRunner({ rootDir: process.cwd(), intervalMs: false, load });
  cleanups.push(() => jobs.stop());
  const notFound = async (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(404).end();
  const listener = createLocalRequestListener({
    api: { handle: notFound },
    mailbox: async () => false,
    jobs: (req, res) => jobs.handle(req, res),
    reports: localReportFiles(dir),
    site: notFound,
    log: () => undefined,
  });
  const port = await findFreePort();
  const server = await listenOnLocalhost(listener, port);
  cleanups.push(() => server.close());
  return { port, origin: `http://localhost:${port}` };
}

describe('/_local/reports/<period>/<file> on the hub', () => {
  it('serves what the folder store wrote, at the link it gives: files download, mails show with no script', async () => {
    const dir = await reportsDir();
    const { origin } = await hub(dir);
    const store = fileReportStore({ dir, siteUrl: origin });
    await store.put('2026-10', [
      { name: 'synthese.csv', contentType: 'text/csv; charset=utf-8', body: '\ufeffa;b\n' },
      { name: 'mail.html', contentType: 'text/html; charset=utf-8', body: '<p>Rapport d’octobre</p>' },
    ]);

    const csv = await fetch((await store.link('2026-10', 'synthese.csv', 300))!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="synthese.csv"');
    expect(new Uint8Array(await csv.arrayBuffer())).toEqual(new TextEncoder().encode('\ufeffa;b\n'));

    const html = await fetch(`${origin}/_local/reports/2026-10/mail.html`);
    expect(await html.text()).toBe('<p>Rapport d’octobre</p>');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.headers.get('content-disposition')).toBeNull();
  });

  it('answers 404 for an absent file and for any name outside the patterns, reaching no file outside the folder; 405 for a write', async () => {
    const root = await reportsDir();
    const dir = join(root, 'reports');
    await mkdir(join(dir, '2026-10'), { recursive: true });
    await writeFile(join(root, 'secret.json'), '{"secret":true}');
    await writeFile(join(dir, '2026-10', 'report.json'), '{}');
    const { origin } = await hub(dir);

    for (const path of [
      '/_local/reports/2026-10/absent.json',
      '/_local/reports/2026-10/../secret.json',
      '/_local/reports/2026-10/..%2F..%2Fsecret.json',
      '/_local/reports/..%2Fsecret.json/x.json',
      '/_local/reports/2026-10/report.json/x',
      '/_local/reports/2026-10',
      '/_local/reports/2026-10/REPORT.json',
    ]) {
      // fetch would normalise `..`: a raw request line, as a hostile client sends it.
      const status = await rawGet(origin, path);
      expect([path, status]).toEqual([path, 404]);
    }
    expect((await fetch(`${origin}/_local/reports/2026-10/report.json`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${origin}/_local/reports/2026-10/report.json`)).status).toBe(200);
  });
});

/** GET with the path sent as is (no URL normalisation). */
async function rawGet(origin: string, path: string): Promise<number> {
  const { request } = await import('node:http');
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm run report', () => {
  it('reads --period and --no-mail, and refuses what is not a period', () => {
    expect(parseReportArgs(['--period', '2026-10'])).toEqual({ help: false, period: '2026-10', send: true });
    expect(parseReportArgs(['--period=2026', '--no-mail'])).toEqual({ help: false, period: '2026', send: false });
    expect(parseReportArgs(['-h'])).toEqual({ help: true });
    expect(() => parseReportArgs([])).toThrow(/Quelle période\u202f\? \/ Which period\?/);
    expect(() => parseReportArgs(['--period', '2026-13'])).toThrow(/Période invalide \/ Invalid period: 2026-13/);
    expect(() => parseReportArgs(['--period', '2026-10', 'extra'])).toThrow(/Option inconnue/);
    expect(() => parseReportArgs(['--mail'])).toThrow(/Option inconnue/);
  });

  it('asks the hub’s report job for the period and prints the files and the mailbox (exit 0)', async () => {
    const events: unknown[] = [];
    const { port, origin } = await hub(await reportsDir(), async () => async (event) => {
      events.push(event);
      return { period: '2026-10', files: ['report.json', 'mail.html'], mailed: 2, outcome: 'generated' };
    });
    const out: string[] = [];
    const err: string[] = [];

    const code = await runReportCommand(['--period', '2026-10'], { PORT: String(port) }, { out: (l) => out.push(l), err: (l) => err.push(l) });

    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect((events[0] as { period: string; send: boolean }).period).toBe('2026-10');
    expect((events[0] as { send: boolean }).send).toBe(true);
    expect(out).toEqual([
      'Rapport 2026-10\u00a0: 2 fichier(s) écrit(s) / Report 2026-10: 2 file(s) written',
      `  .local/reports/2026-10/report.json  ${origin}/_local/reports/2026-10/report.json`,
      `  .local/reports/2026-10/mail.html  ${origin}/_local/reports/2026-10/mail.html`,
      `Courriel envoyé à 2 adresse(s)\u00a0: ${origin}/_local/mailbox / Mail sent to 2 address(es): ${origin}/_local/mailbox`,
    ]);
  });

  it('sends send=false with --no-mail; exit 1 when the hub is down or the report fails, 2 on bad arguments', async () => {
    const events: unknown[] = [];
    const { port } = await hub(await reportsDir(), async () => async (event) => {
      events.push(event);
      if ((event as { period: string }).period === '2025') throw new TypeError('jeanne.martin@example.org');
      return { period: '2026-10', files: ['report.json'], mailed: 0, outcome: 'generated' };
    });
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

    expect(await runReportCommand(['--period', '2026-10', '--no-mail'], { PORT: String(port) }, io)).toBe(0);
    expect((events[0] as { send: boolean }).send).toBe(false);
    expect(out.at(-1)).toBe('Aucun courriel envoyé (--no-mail) / No mail sent (--no-mail)');

    expect(await runReportCommand(['--period', '2025'], { PORT: String(port) }, io)).toBe(1);
    expect(err.pop()).toMatch(/^✖ Le rapport 2025 a échoué \/ Report 2025 failed: The job failed \(TypeError\)/);

    const free = await findFreePort();
    expect(await runReportCommand(['--period', '2026-10'], { PORT: String(free) }, io)).toBe(1);
    expect(err.pop()).toContain('Le hub local ne répond pas');

    expect(await runReportCommand(['--period', 'octobre'], { PORT: String(port) }, io)).toBe(2);
    expect(err.pop()).toContain(USAGE);
    expect(err.join('\n')).not.toContain('example.org');
  });
});
