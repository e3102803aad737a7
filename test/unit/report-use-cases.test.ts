/**
 * The report use cases on memory adapters with a capturing mailer: a period's report stored (files
 * and mail.html) and mailed once to each address of the list; the monthly job does a period once,
 * mails alone a report stored before a failure, and redoes a preview made before the period's end;
 * the weekly digest once per ISO week in Paris; bad periods are validation errors, unknown files
 * not found; the routes behind the HTTP chain answer 400 / 404 / 200 with the API's shapes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryReportStore, type MemoryReportStore } from '../../shared/adapters/memory/report-store';
import { NotFoundError, ValidationFailedError } from '../../shared/domain/errors';
import type { ReportDataset, WeeklyDigest } from '../../shared/domain/report';
import { kpiReportSchema, reportFilePathSchema, reportKpisQuerySchema, reportLinkSchema, reportListSchema, runReportResultSchema, runReportSchema } from '../../shared/domain/report-schemas';
import { scheduledJobInput } from '../../shared/domain/scheduled-job';
import { httpHandler } from '../../shared/http/http-handler';
import { taskHandler } from '../../shared/tasks/task-handler';
import type { ReportReads } from '../../shared/ports/report-reads';
import { reportFileNames } from '../../shared/reports/render-files';
import { makeGenerateReport, makeSendMonthlyReport } from '../../shared/use-cases/admin/generate-report';
import { makeGetReportKpis } from '../../shared/use-cases/admin/get-report-kpis';
import { makeGetReportFileLink, makeListReports } from '../../shared/use-cases/admin/report-files';
import { isoWeekOf, makeSendWeeklyDigest } from '../../shared/use-cases/admin/send-weekly-digest';
import { buildLocalEnv } from '../../infra/local/local-env';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { capturingMailer } from '../helpers/capturing-mailer';

const RECIPIENTS = ['cci@example.org', 'direction@example.org'];
const SETTINGS = { recipients: RECIPIENTS, programmeStart: '2026-01', linkSeconds: 300 };
const MAIL = { consoleUrl: 'http://localhost:3000', operatorName: 'CCI Aix-Marseille-Provence' };

/** A small programme: two mentees and a mentor signed up in October 2026, one tandem started. */
const DATASET: ReportDataset = {
  people: [
    { role: 'mentor', id: 'mentor-1', status: 'active', createdAt: '2026-10-02T08:00:00.000Z', tracks: ['job_search'], capacity: 2, activeMentees: 1, departement: '13' },
    { role: 'mentee', id: 'mentee-1', status: 'matched', createdAt: '2026-10-03T08:00:00.000Z', partnerId: 'partner-a', track: 'job_search', departement: '13' },
    { role: 'mentee', id: 'mentee-2', status: 'awaiting_match', createdAt: '2026-10-20T08:00:00.000Z', track: 'job_search', departement: '84' },
  ],
  tandems: [{ id: 'tandem-1', menteeId: 'mentee-1', mentorId: 'mentor-1', partnerId: 'partner-a', track: 'job_search', status: 'active', startedAt: '2026-10-10T08:00:00.000Z' }],
  proposals: [],
  checkIns: [],
  outcomes: [],
  partners: [{ id: 'partner-a', name: 'Mission locale' }],
} as unknown as ReportDataset;

/** ReportReads over a fixed dataset, recording the ranges asked. */
function fixedReads(digest: Omit<WeeklyDigest, 'week' | 'generatedAt'> = { menteesWaiting: [], proposalsUnanswered: [], tandemAlerts: [] }) {
  const ranges: Array<{ start: string; end: string }> = [];
  const digestCalls: Date[] = [];
  const reads: ReportReads = {
    async loadDataset(range) {
      ranges.push(range);
      return { dataset: DATASET, consumedCapacity: 12.5 };
    },
    async loadDigest(now) {
      digestCalls.push(now);
      return { digest, consumedCapacity: 3 };
    },
  };
  return { reads, ranges, digestCalls };
}

function setup(options: { now?: string } = {}) {
  let now = new Date(options.now ?? '2026-11-01T06:00:00Z');
  const clock = { now: () => now };
  const store = memoryReportStore(clock);
  const mailer = capturingMailer();
  const { reads, ranges } = fixedReads();
  const generateReport = makeGenerateReport({ reads, store, mailer, clock, settings: SETTINGS, mail: MAIL });
  return {
    store,
    mailer,
    ranges,
    generateReport,
    monthly: makeSendMonthlyReport(generateReport),
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}

const text = async (store: MemoryReportStore, period: string, name: string) => new TextDecoder().decode(await store.get(period, name));
const ALL_FILES = [...Object.values(reportFileNames('2026-10')), 'mail.html'];

describe('generate-report', () => {
  it('stores the period’s files and its mail, mails each address once (category report), then marks the mail sent with a count', async () => {
    const { store, mailer, ranges, generateReport } = setup();

    const result = await generateReport({ period: '2026-10', send: true, force: true });

    expect(result).toEqual({ period: '2026-10', files: expect.arrayContaining(ALL_FILES), mailed: 2, outcome: 'generated' });
    expect(result.files).toHaveLength(ALL_FILES.length);
    runReportResultSchema.parse(result);
    // From the programme's first Paris month to the period's end.
    expect(ranges).toEqual([{ start: '2025-12-31T23:00:00.000Z', end: '2026-10-31T23:00:00.000Z' }]);
    const report = kpiReportSchema.parse(JSON.parse(await text(store, '2026-10', 'report.json')));
    expect(report).toMatchObject({ period: { id: '2026-10' }, programmeStart: '2026-01', generatedAt: '2026-11-01T06:00:00.000Z' });
    expect(mailer.sent.map((m) => [m.to, m.category])).toEqual([
      ['cci@example.org', 'report'],
      ['direction@example.org', 'report'],
    ]);
    expect(mailer.sent[0]!.html).toBe(await text(store, '2026-10', 'mail.html'));
    expect(JSON.parse(await text(store, '2026-10', 'mail-sent.json'))).toEqual({ sentAt: '2026-11-01T06:00:00.000Z', recipients: 2 });
    expect(await text(store, '2026-10', 'mail-sent.json')).not.toContain('@');
  });

  it('with send: false, stores the files and mails nobody (no mail-sent.json)', async () => {
    const { store, mailer, generateReport } = setup();
    expect(await generateReport({ period: '2026', send: false, force: true })).toMatchObject({ period: '2026', mailed: 0, outcome: 'generated' });
    expect(mailer.sent).toEqual([]);
    expect(await store.has('2026', 'report.json')).toBe(true);
    expect(await store.has('2026', 'mail-sent.json')).toBe(false);
  });

  it.each(['2026-13', '26-10', '2026-W49', '../2026-10', ''])('refuses the period %j as a validation error on `period`, reading nothing', async (period) => {
    const { ranges, generateReport } = setup();
    const error = await generateReport({ period, send: true, force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(Object.keys((error as ValidationFailedError).fields)).toEqual(['period']);
    expect(ranges).toEqual([]);
  });
});

describe('the monthly report job', () => {
  it('on 1 November does October once: a second run reads nothing and mails nobody', async () => {
    const { store, mailer, ranges, monthly } = setup();

    expect(await monthly(new Date('2026-11-01T06:00:00Z'))).toMatchObject({ period: '2026-10', mailed: 2, outcome: 'generated' });
    expect(await monthly(new Date('2026-11-01T06:10:00Z'))).toEqual({ period: '2026-10', files: [], mailed: 0, outcome: 'already_done' });

    expect(ranges).toHaveLength(1);
    expect(mailer.sent).toHaveLength(2);
    expect((await store.list()).map((r) => r.period)).toEqual(['2026-10']);
  });

  it('after a failure between storing and mailing, the next run mails the stored report only', async () => {
    const { store, mailer, ranges, monthly } = setup();
    mailer.failNext(1);

    await expect(monthly(new Date('2026-11-01T06:00:00Z'))).rejects.toThrow();
    expect(await store.has('2026-10', 'report.json')).toBe(true);
    expect(await store.has('2026-10', 'mail-sent.json')).toBe(false);
    const stored = await text(store, '2026-10', 'report.json');

    expect(await monthly(new Date('2026-11-01T06:10:00Z'))).toEqual({ period: '2026-10', files: [], mailed: 2, outcome: 'mailed' });

    expect(ranges).toHaveLength(1);
    expect(await text(store, '2026-10', 'report.json')).toBe(stored);
    expect(mailer.sent.map((m) => m.to)).toEqual(RECIPIENTS);
    expect(mailer.sent[0]!.html).toBe(await text(store, '2026-10', 'mail.html'));
    expect(await monthly(new Date('2026-11-01T06:20:00Z'))).toMatchObject({ outcome: 'already_done' });
    expect(mailer.sent).toHaveLength(2);
  });

  it('redoes a period whose report and mail were a preview made before the period ended', async () => {
    const { store, mailer, ranges, generateReport, monthly, setNow } = setup({ now: '2026-10-15T10:00:00Z' });
    await generateReport({ period: '2026-10', send: true, force: true });
    setNow('2026-11-01T06:00:00Z');

    expect(await monthly(new Date('2026-11-01T06:00:00Z'))).toMatchObject({ outcome: 'generated', mailed: 2 });

    expect(ranges).toHaveLength(2);
    expect(mailer.sent).toHaveLength(4);
    expect(JSON.parse(await text(store, '2026-10', 'report.json'))).toMatchObject({ generatedAt: '2026-11-01T06:00:00.000Z' });
  });

  it('takes the previous month in Paris: 1 January 00:30 Paris (31 December UTC) is December’s report', async () => {
    const { monthly } = setup({ now: '2026-12-31T23:30:00Z' });
    expect(await monthly(new Date('2026-12-31T23:30:00Z'))).toMatchObject({ period: '2026-12' });
  });
});

describe('the weekly digest', () => {
  const lists = {
    menteesWaiting: [{ id: 'mentee-2', since: '2026-11-10T08:00:00.000Z', days: 27 }],
    proposalsUnanswered: [],
    tandemAlerts: [{ tandemId: 'tandem-1', kind: 'help_requested', raisedAt: '2026-12-01T08:00:00.000Z' }],
  };

  it('names ISO weeks from the Paris day', () => {
    expect(isoWeekOf(new Date('2026-12-07T06:00:00Z'))).toBe('2026-W50');
    // Monday 00:30 in Paris, still Sunday in UTC.
    expect(isoWeekOf(new Date('2026-12-06T23:30:00Z'))).toBe('2026-W50');
    expect(isoWeekOf(new Date('2026-12-06T22:30:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeekOf(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });

  it('mails each address once a week (category digest) and stores digest.html; a second run that week does nothing', async () => {
    const store = memoryReportStore();
    const mailer = capturingMailer();
    const { reads, digestCalls } = fixedReads(lists);
    const digest = makeSendWeeklyDigest({ reads, store, mailer, settings: SETTINGS, mail: MAIL });

    expect(await digest(new Date('2026-12-07T06:00:00Z'))).toEqual({ week: '2026-W50', outcome: 'sent', menteesWaiting: 1, proposalsUnanswered: 0, tandemAlerts: 1, mailed: 2 });
    expect(await digest(new Date('2026-12-09T06:00:00Z'))).toMatchObject({ week: '2026-W50', outcome: 'already_done', mailed: 0 });
    expect(await digest(new Date('2026-12-14T06:00:00Z'))).toMatchObject({ week: '2026-W51', outcome: 'sent', mailed: 2 });

    expect(digestCalls.map((d) => d.toISOString())).toEqual(['2026-12-07T06:00:00.000Z', '2026-12-14T06:00:00.000Z']);
    expect(mailer.sent.map((m) => [m.to, m.category])).toEqual([
      ['cci@example.org', 'digest'],
      ['direction@example.org', 'digest'],
      ['cci@example.org', 'digest'],
      ['direction@example.org', 'digest'],
    ]);
    expect(mailer.sent[0]!.html).toBe(await text(store, '2026-W50', 'digest.html'));
  });

  it('a week with nothing to report stores its digest and mails nobody; a failed mail leaves the week to do again', async () => {
    const store = memoryReportStore();
    const mailer = capturingMailer();
    const quiet = makeSendWeeklyDigest({ reads: fixedReads().reads, store, mailer, settings: SETTINGS, mail: MAIL });
    expect(await quiet(new Date('2026-12-07T06:00:00Z'))).toMatchObject({ outcome: 'nothing_to_report', mailed: 0 });
    expect(await store.has('2026-W50', 'digest.html')).toBe(true);
    expect(mailer.sent).toEqual([]);

    const busy = makeSendWeeklyDigest({ reads: fixedReads(lists).reads, store, mailer, settings: SETTINGS, mail: MAIL });
    mailer.failNext(1);
    await expect(busy(new Date('2026-12-14T06:00:00Z'))).rejects.toThrow();
    expect(await store.has('2026-W51', 'digest.html')).toBe(false);
    expect(await busy(new Date('2026-12-14T06:10:00Z'))).toMatchObject({ outcome: 'sent', mailed: 2 });
  });
});

describe('live KPIs and stored files', () => {
  it('computes a period’s KPIs now from the programme’s start, as report.json holds them; refuses a bad period', async () => {
    const { reads, ranges } = fixedReads();
    const getReportKpis = makeGetReportKpis({ reads, clock: { now: () => new Date('2026-10-20T10:00:00Z') }, settings: SETTINGS });

    const report = kpiReportSchema.parse(await getReportKpis({ period: '2026-10' }));

    expect(report.generatedAt).toBe('2026-10-20T10:00:00.000Z');
    expect(report.overall.tandems_started).toBe(1);
    expect(ranges).toEqual([{ start: '2025-12-31T23:00:00.000Z', end: '2026-10-31T23:00:00.000Z' }]);
    await expect(getReportKpis({ period: '2026-00' })).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('lists the stored periods and links to a file with its expiry; an unknown file is not found', async () => {
    const store = memoryReportStore();
    await store.put('2026-10', [{ name: 'report.json', contentType: 'application/json', body: '{}' }]);
    const clock = { now: () => new Date('2026-11-02T09:00:00Z') };

    expect(reportListSchema.parse(await makeListReports({ store })())).toMatchObject({ reports: [{ period: '2026-10', files: [{ name: 'report.json', size: 2 }] }] });
    const link = makeGetReportFileLink({ store, clock, settings: SETTINGS });
    expect(await link({ period: '2026-10', file: 'report.json' })).toEqual({ url: 'memory://reports/2026-10/report.json?expires=300', expiresAt: '2026-11-02T09:05:00.000Z' });
    await expect(link({ period: '2026-10', file: 'synthese.csv' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(link({ period: '2026-09', file: 'report.json' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

// ── The routes behind the HTTP chain ─────────────────────────────────────────────────────────────

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
const withClaims = (event: APIGatewayProxyEventV2, claims: Record<string, string>) =>
  ({ ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } } }) as APIGatewayProxyEventV2;
const officer = { sub: randomUUID(), 'cognito:groups': '[admin]' };
const adviser = { sub: randomUUID(), 'cognito:groups': '[partner]', 'custom:partnerId': 'partner-a' };

let reportsDir: string;
beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), 'tandem-report-routes-'));
  // The local runtime's environment: the modules' wiring parses it at import (nothing is read before the 403).
  const env = buildLocalEnv({ dynamoDbEndpoint: 'http://127.0.0.1:9', siteUrl: 'http://localhost:3000', smtpHost: '127.0.0.1', smtpPort: 9, signingKeyFile: join(reportsDir, 'key'), reportsDir }, {});
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(reportsDir, { recursive: true, force: true });
});

describe('report routes', () => {
  it.each([
    ['get-report-kpis', 'GET', '/api/admin/reports/kpis', undefined],
    ['list-reports', 'GET', '/api/admin/reports', undefined],
    ['get-report-file', 'GET', '/api/admin/reports/2026-10/files/report.json', undefined],
    ['run-report', 'POST', '/api/admin/reports', '{"period":"2026-10"}'],
  ])('%s: 403 for a partner adviser', async (module, method, path, body) => {
    const { handler } = (await import(`../../functions/http/admin/${module}.ts`)) as { handler: Handler };
    const res = await handler(withClaims(apiEvent({ method, path, ...(body ? { body } : {}), query: { period: '2026-10' } }), adviser), lambdaContext);
    expect([res.statusCode, (JSON.parse(res.body) as { error: { code: string } }).error.code]).toEqual([403, 'forbidden']);
  });

  let r: Awaited<ReturnType<typeof routes>>;
  async function routes() {
    const t = setup();
    const clock = { now: () => new Date('2026-11-02T09:00:00Z') };
    const { makeRunReportHandler } = await import('../../functions/http/admin/run-report');
    const { makeGetReportKpisHandler } = await import('../../functions/http/admin/get-report-kpis');
    const { makeListReportsHandler } = await import('../../functions/http/admin/list-reports');
    const { makeGetReportFileHandler } = await import('../../functions/http/admin/get-report-file');
    return {
      ...t,
      run: httpHandler({ route: 'RunReport', body: runReportSchema }, makeRunReportHandler(t.generateReport)) as unknown as Handler,
      kpis: httpHandler({ route: 'GetReportKpis', query: reportKpisQuerySchema }, makeGetReportKpisHandler(makeGetReportKpis({ reads: fixedReads().reads, clock, settings: SETTINGS }))) as unknown as Handler,
      list: httpHandler({ route: 'ListReports' }, makeListReportsHandler(makeListReports({ store: t.store }))) as unknown as Handler,
      file: httpHandler({ route: 'GetReportFile' }, makeGetReportFileHandler(makeGetReportFileLink({ store: t.store, clock, settings: SETTINGS }))) as unknown as Handler,
    };
  }
  beforeEach(async () => {
    r = await routes();
  });
  const as = (event: APIGatewayProxyEventV2) => withClaims(event, officer);
  const fileEvent = (period: string, file: string) => as({ ...apiEvent({ method: 'GET', path: `/api/admin/reports/${period}/files/${file}` }), pathParameters: { period, file } });

  it('POST /api/admin/reports: 200 with the RunReportResult (mail sent by default); 400 for a bad period, nothing stored', async () => {
    const ok = await r.run(as(apiEvent({ method: 'POST', path: '/api/admin/reports', body: '{"period":"2026-10"}' })), lambdaContext);
    expect(ok.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(ok.body) as object).sort()).toEqual(['files', 'mailed', 'period']);
    expect(runReportResultSchema.parse(JSON.parse(ok.body))).toMatchObject({ period: '2026-10', mailed: 2 });
    expect(r.mailer.sent).toHaveLength(2);

    for (const body of ['{"period":"2026-13"}', '{"period":"2026-10","send":"no"}', '{}']) {
      const bad = await r.run(as(apiEvent({ method: 'POST', path: '/api/admin/reports', body })), lambdaContext);
      expect([body, bad.statusCode]).toEqual([body, 400]);
    }
    expect((await r.store.list()).map((s) => s.period)).toEqual(['2026-10']);
  });

  it('GET /api/admin/reports/kpis: 200 with the KpiReport, 400 without a valid period', async () => {
    const ok = await r.kpis(as(apiEvent({ method: 'GET', path: '/api/admin/reports/kpis', query: { period: '2026' } })), lambdaContext);
    expect(ok.statusCode).toBe(200);
    expect(kpiReportSchema.parse(JSON.parse(ok.body)).period.id).toBe('2026');
    expect((await r.kpis(as(apiEvent({ method: 'GET', path: '/api/admin/reports/kpis', query: { period: 'octobre' } })), lambdaContext)).statusCode).toBe(400);
    expect((await r.kpis(as(apiEvent({ method: 'GET', path: '/api/admin/reports/kpis' })), lambdaContext)).statusCode).toBe(400);
  });

  it('GET /api/admin/reports and …/files/{file}: the list, a link with its expiry, 404 for an unknown file, 400 for a name outside the pattern', async () => {
    await r.generateReport({ period: '2026-10', send: false, force: true });

    const list = await r.list(as(apiEvent({ method: 'GET', path: '/api/admin/reports' })), lambdaContext);
    expect(reportListSchema.parse(JSON.parse(list.body)).reports[0]?.files.map((f) => f.name)).toEqual([...ALL_FILES].sort());

    const link = await r.file(fileEvent('2026-10', 'rapport-2026-10.xlsx'), lambdaContext);
    expect(link.statusCode).toBe(200);
    expect(reportLinkSchema.parse(JSON.parse(link.body))).toEqual({ url: 'memory://reports/2026-10/rapport-2026-10.xlsx?expires=300', expiresAt: '2026-11-02T09:05:00.000Z' });
    expect((await r.file(fileEvent('2026-10', 'mail-sent.json'), lambdaContext)).statusCode).toBe(404);
    expect((await r.file(fileEvent('2026-W49', 'digest.html'), lambdaContext)).statusCode).toBe(404);
    expect(reportFilePathSchema.safeParse({ period: '2026-10', file: '..%2Fx.json' }).success).toBe(false);
    expect((await r.file(fileEvent('2026-10', '..%2Fx.json'), lambdaContext)).statusCode).toBe(400);
  });
});

describe('report jobs behind the task chain', () => {
  it('the monthly task does the month before the scheduled time, once; with an explicit period (npm run report) it computes that period anew', async () => {
    const t = setup();
    const { makeSendMonthlyReportTask, monthlyReportInput } = await import('../../functions/scheduled/send-monthly-report');
    const task = taskHandler({ input: monthlyReportInput }, makeSendMonthlyReportTask({ generateReport: t.generateReport, sendMonthlyReport: t.monthly }));

    expect(await task({ scheduledTime: '2026-11-01T07:00:00+01:00', 'detail-type': 'Scheduled Event' }, lambdaContext)).toMatchObject({ period: '2026-10', outcome: 'generated', mailed: 2 });
    expect(await task({ scheduledTime: '2026-11-01T07:00:00+01:00' }, lambdaContext)).toMatchObject({ outcome: 'already_done' });
    expect(await task({ scheduledTime: '2026-11-01T08:00:00Z', period: '2026-10', send: false }, lambdaContext)).toMatchObject({ period: '2026-10', outcome: 'generated', mailed: 0 });
    expect(t.ranges).toHaveLength(2);
    expect(t.mailer.sent).toHaveLength(2);

    for (const input of [{ scheduledTime: 'tonight' }, { period: '2026-13' }, { period: '2026-10', send: 'no' }]) {
      await expect(task(input, lambdaContext)).rejects.toMatchObject({ name: 'InvalidTaskInputError' });
    }
  });

  it('the digest task runs as of the scheduled time', async () => {
    const store = memoryReportStore();
    const { makeSendWeeklyDigestTask } = await import('../../functions/scheduled/send-weekly-digest');
    const digest = makeSendWeeklyDigest({ reads: fixedReads().reads, store, mailer: capturingMailer(), settings: SETTINGS, mail: MAIL });
    const task = taskHandler({ input: scheduledJobInput }, makeSendWeeklyDigestTask(digest));

    expect(await task({ scheduledTime: '2026-12-07T07:00:00+01:00' }, lambdaContext)).toMatchObject({ week: '2026-W50' });
    expect(await store.has('2026-W50', 'digest.html')).toBe(true);
  });
});
