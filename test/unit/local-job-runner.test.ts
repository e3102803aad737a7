/**
 * The local job runner (EventBridge Scheduler's stand-in) and `npm run jobs`: the jobs it knows,
 * the input it gives their handlers, its timer's round, the hub's `POST /_local/jobs/<name>`
 * endpoint (through the hub's own request listener), and the script's arguments, output and exit
 * codes against that endpoint. Stand-in handlers (no DynamoDB); the real ones have their own tests.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEDULED_JOB_NAMES, SCHEDULED_JOBS } from '../../infra/config/scheduled-jobs';
import { SEND_REMINDERS } from '../../infra/constructs/matching-workflow';
import { findFreePort } from '../../infra/local/free-port';
import { isDueLocally, LOCAL_JOB_NAMES, LOCAL_JOBS, parseJobDate, startJobRunner, type JobRunner, type JobRunnerOptions } from '../../infra/local/job-runner';
import { createLocalRequestListener, listenOnLocalhost } from '../../infra/local/local-server';
import { countsOf, hubDown, parseJobsArgs, runJobsCommand, USAGE } from '../../scripts/jobs';

interface Call {
  entry: string;
  event: unknown;
  context: Context;
}

/** A loader of stand-in handlers: each records its call and answers counts; `failing` entries throw. */
function fakeLoader(calls: Call[], failing: string[] = []): NonNullable<JobRunnerOptions['load']> {
  return async (entry) => async (event, context) => {
    calls.push({ entry, event, context });
    if (failing.includes(entry)) throw new TypeError('cannot read mentee jeanne.martin@example.org');
    return { due: 3, sent: 2, skipped: { closed: 1 } };
  };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function runner(options: Partial<JobRunnerOptions> & { calls?: Call[] } = {}): JobRunner {
  const { calls = [], ...rest } = options;
  const started = startJobRunner({ rootDir: process.cwd(), intervalMs: false, load: fakeLoader(calls), ...rest });
  cleanups.push(() => started.stop());
  return started;
}

/** The hub's request listener with the runner's endpoint, on localhost; the rest answers 404. */
async function hub(jobs: JobRunner) {
  const notFound = async (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(404).end();
  const listener = createLocalRequestListener({ api: { handle: notFound }, mailbox: async () => false, jobs: (req, res) => jobs.handle(req, res), site: notFound, log: () => undefined });
  const port = await findFreePort();
  const server = await listenOnLocalhost(listener, port);
  cleanups.push(() => server.close());
  return { port, origin: `http://localhost:${port}` };
}

const post = (origin: string, path: string, init: RequestInit = {}) => fetch(`${origin}${path}`, { method: 'POST', ...init });

describe('the jobs the runner knows', () => {
  it('runs each scheduled job from its registry entry, and reminders from the reminder sweep’s module', () => {
    expect(LOCAL_JOB_NAMES).toEqual([...SCHEDULED_JOB_NAMES, 'reminders']);
    for (const name of SCHEDULED_JOB_NAMES) expect(LOCAL_JOBS[name]).toEqual({ entry: SCHEDULED_JOBS[name].entry, functionName: SCHEDULED_JOBS[name].functionName });
    expect(LOCAL_JOBS.reminders).toEqual({ entry: SEND_REMINDERS.entry, functionName: SEND_REMINDERS.functionName });
  });
});

describe('parseJobDate', () => {
  it('reads an ISO date as midnight UTC and a date-time with its offset', () => {
    expect(parseJobDate('2027-01-15')?.toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(parseJobDate('2027-01-15T09:00:00+01:00')?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(parseJobDate('2027-07-15T09:30:00.250Z')?.toISOString()).toBe('2027-07-15T09:30:00.250Z');
    expect(parseJobDate('2027-01-15T09:00')?.getTime()).toBe(new Date(2027, 0, 15, 9, 0).getTime());
  });

  it.each(['', 'tomorrow', '15/01/2027', '2027-02-30', '2027-13-01', '2027-01-15T24:00:00Z', '2027-01-15T09:60Z', 'Jan 15 2027', '2027-01-15 09:00'])('refuses %j', (text) => {
    expect(parseJobDate(text)).toBeUndefined();
  });
});

describe('run', () => {
  it('gives the handler the time of the run as scheduledTime, and a Lambda context named after the function', async () => {
    const calls: Call[] = [];
    const jobs = runner({ calls, clock: () => new Date('2026-12-01T10:00:00Z') });

    expect(await jobs.run('check-ins', { now: new Date('2027-01-15T09:00:00+01:00') })).toEqual({
      job: 'check-ins',
      scheduledTime: '2027-01-15T08:00:00.000Z',
      result: { due: 3, sent: 2, skipped: { closed: 1 } },
    });
    expect(await jobs.run('retention')).toMatchObject({ scheduledTime: '2026-12-01T10:00:00.000Z' });

    expect(calls.map((c) => [c.entry, c.event])).toEqual([
      ['functions/scheduled/send-check-ins.ts', { scheduledTime: '2027-01-15T08:00:00.000Z' }],
      ['functions/scheduled/apply-retention.ts', { scheduledTime: '2026-12-01T10:00:00.000Z' }],
    ]);
    expect(calls[0]!.context.functionName).toBe('tandem-local-SendCheckIns');
    expect(calls[0]!.context.getRemainingTimeInMillis()).toBeGreaterThan(60_000);
  });

  it('imports a handler module on its first run only, so it reads the environment set after the runner started', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tandem-jobs-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await mkdir(join(root, 'functions/scheduled'), { recursive: true });
    await writeFile(
      join(root, 'functions/scheduled/flag-silent-tandems.ts'),
      'const table = process.env.TANDEM_JOB_RUNNER_TEST;\nexport const handler = async (event: { scheduledTime: string }) => ({ table, at: event.scheduledTime });\n',
    );
    delete process.env.TANDEM_JOB_RUNNER_TEST;
    const jobs = startJobRunner({ rootDir: root, intervalMs: false });
    cleanups.push(() => jobs.stop());

    process.env.TANDEM_JOB_RUNNER_TEST = 'tandem-local';
    cleanups.push(async () => delete process.env.TANDEM_JOB_RUNNER_TEST);
    const run = await jobs.run('silence', { now: new Date('2027-03-01T07:00:00Z') });

    expect(run.result).toEqual({ table: 'tandem-local', at: '2027-03-01T07:00:00.000Z' });
    // A module that is not there (yet) fails that run, not the runner.
    await expect(jobs.run('outcomes')).rejects.toThrow();
  });

  it('runs the daily scheduled jobs on its round, not the reminder sweep nor the reports’ jobs when not due; a failing job does not stop the others and is logged by its name only', async () => {
    const calls: Call[] = [];
    const lines: string[] = [];
    // A Tuesday, 15 December: neither the 1st nor a Monday.
    const clock = () => new Date('2026-12-15T10:00:00Z');
    const jobs = startJobRunner({ rootDir: process.cwd(), intervalMs: false, clock, load: fakeLoader(calls, ['functions/scheduled/send-outcome-surveys.ts']), log: (l) => lines.push(l) });
    cleanups.push(() => jobs.stop());

    await jobs.runScheduled();

    const daily = SCHEDULED_JOB_NAMES.filter((name) => name !== 'report' && name !== 'digest');
    expect(daily).toEqual(['check-ins', 'outcomes', 'silence', 'retention']);
    expect(calls.map((c) => c.entry)).toEqual(daily.map((name) => SCHEDULED_JOBS[name].entry));
    expect(calls.every((c) => (c.event as { scheduledTime: string }).scheduledTime === '2026-12-15T10:00:00.000Z')).toBe(true);
    expect(lines).toEqual(['Tâches : outcomes en échec / job outcomes failed (TypeError)']);
    expect(lines.join('\n')).not.toContain('example.org');
  });
});

describe('the reports’ jobs on the timer', () => {
  it.each([
    // The monthly report: on the 1st in Paris, from 07:00 Paris.
    ['report', '2026-11-01T05:59:00Z', false],
    ['report', '2026-11-01T06:00:00Z', true],
    ['report', '2026-11-01T22:59:00Z', true],
    // 23:00Z on 1 November is already the 2nd in Paris.
    ['report', '2026-11-01T23:00:00Z', false],
    // Summer time: 07:00 Paris is 05:00Z; 31 July 22:30Z is 1 August 00:30 Paris (before 07:00).
    ['report', '2026-08-01T05:00:00Z', true],
    ['report', '2026-07-31T22:30:00Z', false],
    ['report', '2026-11-15T08:00:00Z', false],
    // The digest: Mondays (7 December 2026 is one) from 07:00 Paris.
    ['digest', '2026-12-07T05:59:00Z', false],
    ['digest', '2026-12-07T06:00:00Z', true],
    ['digest', '2026-12-08T06:00:00Z', false],
    ['check-ins', '2026-12-08T03:00:00Z', true],
  ] as const)('%s at %s: due %s', (name, at, due) => {
    expect(isDueLocally(name, new Date(at))).toBe(due);
  });

  it('runs report on the 1st and digest on a Monday from 07:00 Paris, with the round’s time', async () => {
    const calls: Call[] = [];
    // Monday 1 February 2027, 08:00 Paris.
    const jobs = runner({ calls, clock: () => new Date('2027-02-01T07:00:00Z') });

    await jobs.runScheduled();

    expect(calls.map((c) => c.entry)).toEqual(SCHEDULED_JOB_NAMES.map((name) => SCHEDULED_JOBS[name].entry));
    expect(calls.find((c) => c.entry === SCHEDULED_JOBS.report.entry)?.event).toEqual({ scheduledTime: '2027-02-01T07:00:00.000Z' });
  });
});

describe('POST /_local/jobs/<name> on the hub', () => {
  it('gives report an explicit period and send=false when asked, and refuses them for another job or malformed', async () => {
    const calls: Call[] = [];
    const { origin } = await hub(runner({ calls, clock: () => new Date('2026-12-15T10:00:00Z') }));

    expect((await post(origin, '/_local/jobs/report?period=2026-10&send=false')).status).toBe(200);
    expect((await post(origin, '/_local/jobs/report?period=2026')).status).toBe(200);
    expect((await post(origin, '/_local/jobs/report')).status).toBe(200);
    expect(calls.map((c) => c.event)).toEqual([
      { scheduledTime: '2026-12-15T10:00:00.000Z', period: '2026-10', send: false },
      { scheduledTime: '2026-12-15T10:00:00.000Z', period: '2026', send: true },
      { scheduledTime: '2026-12-15T10:00:00.000Z' },
    ]);

    for (const [path, code] of [
      ['/_local/jobs/report?period=2026-13', 'invalid_period'],
      ['/_local/jobs/report?period=..%2F2026-10', 'invalid_period'],
      ['/_local/jobs/report?period=2026-10&send=no', 'invalid_option'],
      ['/_local/jobs/report?send=false', 'invalid_option'],
      ['/_local/jobs/digest?period=2026-10', 'invalid_option'],
    ] as const) {
      const response = await post(origin, path);
      expect([path, response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([path, 400, code]);
    }
    expect(calls).toHaveLength(3);
  });

  it('runs the job as of ?now= and answers its result', async () => {
    const calls: Call[] = [];
    const { origin } = await hub(runner({ calls }));

    const response = await post(origin, `/_local/jobs/check-ins?now=${encodeURIComponent('2027-01-15T09:00:00+01:00')}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ job: 'check-ins', scheduledTime: '2027-01-15T08:00:00.000Z', result: { due: 3, sent: 2, skipped: { closed: 1 } } });
    expect(calls).toHaveLength(1);
  });

  it('runs the reminder sweep as `reminders`', async () => {
    const calls: Call[] = [];
    const { origin } = await hub(runner({ calls }));
    expect((await post(origin, '/_local/jobs/reminders?now=2027-01-15')).status).toBe(200);
    expect(calls.map((c) => [c.entry, c.event])).toEqual([[SEND_REMINDERS.entry, { scheduledTime: '2027-01-15T00:00:00.000Z' }]]);
  });

  it('answers 404 with the job names for an unknown job, 400 for a bad date, 405 for another method, and runs nothing', async () => {
    const calls: Call[] = [];
    const { origin } = await hub(runner({ calls }));

    const unknown = await post(origin, '/_local/jobs/check-outs');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_job', jobs: LOCAL_JOB_NAMES } });
    const constructor = await post(origin, '/_local/jobs/constructor');
    expect(constructor.status).toBe(404);
    const badDate = await post(origin, '/_local/jobs/silence?now=2027-02-30');
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ error: { code: 'invalid_date' } });
    const get = await fetch(`${origin}/_local/jobs/silence`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    expect(calls).toEqual([]);
  });

  it('refuses a request from a page of another site (a browser says where it comes from)', async () => {
    const calls: Call[] = [];
    const { origin } = await hub(runner({ calls }));
    expect((await post(origin, '/_local/jobs/retention', { headers: { origin: 'https://example.org' } })).status).toBe(403);
    expect((await post(origin, '/_local/jobs/retention', { headers: { origin: 'not a url' } })).status).toBe(403);
    expect((await post(origin, '/_local/jobs/retention', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('answers 500 naming the error, never its message, when the job fails', async () => {
    const lines: string[] = [];
    const jobs = runner({ load: fakeLoader([], ['functions/scheduled/apply-retention.ts']), log: (l) => lines.push(l) });
    const { origin } = await hub(jobs);

    const response = await post(origin, '/_local/jobs/retention');

    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'job_failed' } });
    expect(text).toContain('TypeError');
    expect(`${text}\n${lines.join('\n')}`).not.toContain('example.org');
  });

  it('leaves other /_local/ paths to the mailbox', async () => {
    const { origin } = await hub(runner());
    expect((await fetch(`${origin}/_local/mailbox`)).status).toBe(404);
  });
});

describe('npm run jobs', () => {
  it('reads the job and --now in either form', () => {
    expect(parseJobsArgs(['check-ins'])).toEqual({ help: false, job: 'check-ins' });
    expect(parseJobsArgs(['check-ins', '--now', '2027-01-15T09:00:00+01:00']).now?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(parseJobsArgs(['--now=2027-01-15', 'reminders'])).toEqual({ help: false, job: 'reminders', now: new Date('2027-01-15T00:00:00Z') });
    expect(parseJobsArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [[], /Quelle tâche.*Which job/],
    [['check-outs'], /Tâche inconnue \/ Unknown job: check-outs/],
    [['check-ins', 'outcomes'], /Une seule tâche à la fois/],
    [['check-ins', '--now'], /Option inconnue ou incomplète/],
    [['check-ins', '--later', 'x'], /Option inconnue ou incomplète/],
    [['check-ins', '--now', 'demain'], /Date invalide \/ Invalid date: demain/],
    [['check-ins', '--now', '2027-02-30'], /Date invalide/],
  ])('refuses %j', (args, message) => {
    expect(() => parseJobsArgs(args)).toThrow(message);
  });

  it('prints the counts of a job’s result', () => {
    expect(countsOf({ due: 3, sent: 2, skipped: { closed: 1 }, ids: ['a', 'b'], note: 'x' })).toEqual(['due 3', 'sent 2', 'skipped.closed 1', 'ids 2']);
  });

  it('runs the job on the hub and prints one line with its counts and the mailbox (exit 0)', async () => {
    const calls: Call[] = [];
    const { port, origin } = await hub(runner({ calls }));
    const out: string[] = [];
    const err: string[] = [];

    const code = await runJobsCommand(['check-ins', '--now', '2027-01-15T09:00:00+01:00'], { PORT: String(port) }, { out: (l) => out.push(l), err: (l) => err.push(l) });

    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toBe(
      'Tâche check-ins exécutée au 15/01/2027 09:00 (heure de Paris)\u00a0: due 3, sent 2, skipped.closed 1 / Job check-ins run as of 2027-01-15T08:00:00.000Z: due 3, sent 2, skipped.closed 1',
    );
    expect(out[1]).toBe(`Courriels / Mail\u00a0: ${origin}/_local/mailbox`);
    expect(calls.map((c) => c.event)).toEqual([{ scheduledTime: '2027-01-15T08:00:00.000Z' }]);
  });

  it('says the hub does not answer (exit 1), and prints the usage with the job names on bad arguments (exit 2)', async () => {
    const port = await findFreePort();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

    expect(await runJobsCommand(['silence'], { PORT: String(port) }, io)).toBe(1);
    expect(err.pop()).toBe(`✖ Le hub local ne répond pas sur http://localhost:${port}\u00a0: lancez d’abord npm start / The local hub does not answer on http://localhost:${port}: run npm start first`);
    expect(hubDown('http://localhost:3000')).toContain('Le hub local ne répond pas sur http://localhost:3000\u00a0: lancez d’abord npm start');

    expect(await runJobsCommand(['nope'], {}, io)).toBe(2);
    expect(err.pop()).toContain(USAGE);
    expect(USAGE).toContain('check-ins | outcomes | silence | retention | report | digest | reminders');
    expect(await runJobsCommand(['silence'], { PORT: 'x' }, io)).toBe(2);
    expect(out).toEqual([]);
  });

  it('says the job failed (exit 1) when the hub answers an error', async () => {
    const { port } = await hub(runner({ load: fakeLoader([], ['functions/scheduled/apply-retention.ts']), log: () => undefined }));
    const err: string[] = [];
    expect(await runJobsCommand(['retention'], { PORT: String(port) }, { out: () => undefined, err: (l) => err.push(l) })).toBe(1);
    expect(err[0]).toMatch(/^✖ La tâche retention a échoué \/ Job retention failed: The job failed \(TypeError\)/);
  });
});
