/**
 * The import use case on the in-memory store (the same items and conditions as DynamoDB's): the
 * batches (never over 100 writes, a row never split, a mentor's load written once per batch), a
 * refused batch (write_conflict, later files not written, a re-run completes), a change made
 * between the check and the write, idempotence, and the route behind the HTTP chain.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryImportStore } from '../../shared/adapters/memory/import-store';
import { memoryTable, type MemoryTable } from '../../shared/adapters/memory/table';
import { keys } from '../../shared/db/keys';
import { importProgrammeSchema, importResultSchema, type ImportResult } from '../../shared/domain/report-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import { importedUuid } from '../../shared/import/ids';
import { parseImport, planImport, type Existing } from '../../shared/import/plan';
import { IMPORT_BATCH_LIMIT, type ImportStore } from '../../shared/ports/import-store';
import { makeImportProgramme } from '../../shared/use-cases/admin/import-programme';
import { buildLocalEnv } from '../../infra/local/local-env';
import { apiEvent, lambdaContext } from '../helpers/api-event';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const clock = { now: () => NOW };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/programme/${name}.csv`, import.meta.url), 'utf8');
const programme = { partners: fixture('partners'), mentors: fixture('mentors'), mentees: fixture('mentees'), tandems: fixture('tandems') };
const HEADERS = {
  partners: 'external_id,name,kind,postal_code,contact_email',
  mentors: 'external_id,first_name,last_name,email,profile,company,postal_code,commune_code,sectors,expertise,languages,tracks,meeting_modes,capacity,status,joined_on',
  mentees: 'external_id,first_name,last_name,email,track,sector,needs,languages,postal_code,commune_code,meeting_modes,partner_external_id,status,signed_up_on',
  tandems: 'external_id,mentor_external_id,mentee_external_id,started_on,status,ended_on,end_reason,outcome,outcome_on',
};
const csv = (header: string, ...rows: string[]) => [header, ...rows].join('\n') + '\n';
const partnerRows = (n: number) => Array.from({ length: n }, (_, i) => `P${i},Structure ${i},association,,`);
const nothing: Existing = { partners: new Map(), mentors: new Map(), mentees: new Map(), tandems: new Map(), emailClaims: { mentor: new Map(), mentee: new Map() } };

beforeAll(() => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});

describe('the plan’s batches', () => {
  it('hold at most 100 writes and never split a row: 40 mentors of 6 items each', () => {
    // Two tracks, in person and remote: the profile, the address claim and 4 availability entries.
    const mentors = Array.from(
      { length: 40 },
      (_, i) => `M${i},Prénom,Nom,mentor${i}@example.org,executive,,13006,13206,M,cv_interview,fr,job_search|business_creation,in_person|remote,2,active,2025-01-10`,
    );
    const plan = planImport(parseImport({ mentors: csv(HEADERS.mentors, ...mentors) }, '2026-12-01'), nothing, NOW);
    expect(plan.problems).toEqual([]);
    const batches = plan.files[0]!.batches;
    expect(batches.map((b) => [b.rows, b.writes.length])).toEqual([
      [16, 96],
      [16, 96],
      [8, 48],
    ]);
    expect(batches.map((b) => b.line)).toEqual([2, 18, 34]);
    for (const b of batches) expect(b.writes.length).toBeLessThanOrEqual(IMPORT_BATCH_LIMIT);
  });

  it('write a mentor’s load once per batch, conditioned on the load read, with its availability entries', () => {
    const plan = planImport(parseImport(programme, '2026-12-01'), nothing, NOW);
    const tandems = plan.files.find((f) => f.kind === 'tandems')!;
    const m8 = keys.person('mentor', importedUuid('mentor', 'M8'));
    const updates = tandems.batches.flatMap((b) => b.writes).filter((w) => w.kind === 'update' && w.key.PK === m8.PK && w.key.SK === m8.SK);
    // T10 and T12: one update, from 0 to 2.
    expect(updates).toEqual([{ kind: 'update', key: m8, set: { activeMentees: 2 }, remove: [], expect: { status: 'active', activeMentees: 0 }, expectAbsent: [] }]);
    const e09 = keys.person('mentee', importedUuid('mentee', 'E09'));
    expect(tandems.batches.flatMap((b) => b.writes).find((w) => w.kind === 'update' && w.key.PK === e09.PK)).toMatchObject({
      set: { tandemId: importedUuid('tandem', 'T10') },
      expect: { status: 'in_tandem' },
      expectAbsent: ['tandemId'],
    });
  });
  it('carry a mentor’s load from one batch to the next: each update conditioned on the load the batch before left', async () => {
    // 9 mentors of capacity 5 (in person, one track: one availability entry), 5 active tandems each.
    const mentors = Array.from({ length: 9 }, (_, i) => `M${i},Prénom,Nom,mentor${i}@example.org,executive,,13006,13206,M,cv_interview,fr,job_search,in_person,5,active,2025-01-10`);
    const mentees = Array.from({ length: 45 }, (_, i) => `E${i},Prénom,Nom,mentee${i}@example.org,job_search,G,cv_interview,fr,13001,13201,in_person,,in_tandem,2025-02-01`);
    const tandems = Array.from({ length: 45 }, (_, i) => `T${i},M${Math.floor(i / 5)},E${i},2025-03-01,active,,,,`);
    const plan = planImport(parseImport({ mentors: csv(HEADERS.mentors, ...mentors), mentees: csv(HEADERS.mentees, ...mentees), tandems: csv(HEADERS.tandems, ...tandems) }, '2026-12-01'), nothing, NOW);
    expect(plan.problems).toEqual([]);
    const batches = plan.files.find((f) => f.kind === 'tandems')!.batches;
    // 8 mentors make 8 × (5 tandems + 5 mentees + the mentor + its entry) = 96 writes; M8's first tandem fits (100), its second does not.
    expect(batches.map((b) => [b.rows, b.writes.length])).toEqual([
      [41, 100],
      [4, 10],
    ]);
    const m8 = keys.person('mentor', importedUuid('mentor', 'M8'));
    const loads = batches.map((b) => b.writes.find((w) => w.kind === 'update' && w.key.PK === m8.PK));
    expect(loads).toEqual([
      expect.objectContaining({ set: { activeMentees: 1 }, expect: { status: 'active', activeMentees: 0 } }),
      expect.objectContaining({ set: { activeMentees: 5 }, expect: { status: 'active', activeMentees: 1 } }),
    ]);
    // Written for real, both conditions hold in turn.
    const table = memoryTable();
    const files = { mentors: csv(HEADERS.mentors, ...mentors), mentees: csv(HEADERS.mentees, ...mentees), tandems: csv(HEADERS.tandems, ...tandems) };
    expect((await makeImportProgramme({ store: memoryImportStore(table), clock })({ files, dryRun: false })).ok).toBe(true);
    expect(table.get(m8)!.activeMentees).toBe(5);
  });
});

/** A store whose `write` calls `before(n)` first (n from 1), to refuse a batch or change the hub meanwhile. */
function interfering(table: MemoryTable, before: (n: number) => 'refuse' | void): ImportStore {
  const store = memoryImportStore(table);
  let n = 0;
  return { ...store, write: async (writes) => (before(++n) === 'refuse' ? { ok: false } : store.write(writes)) };
}

describe('a real run', () => {
  it('stops at a refused batch: the batches before it stay, later files wait, the same run again completes it', async () => {
    const table = memoryTable();
    const files = { partners: csv(HEADERS.partners, ...partnerRows(120)), mentors: programme.mentors };
    const refused = await makeImportProgramme({ store: interfering(table, (n) => (n === 2 ? 'refuse' : undefined)), clock })({ files, dryRun: false });
    expect(refused.ok).toBe(false);
    expect(refused.problems).toEqual([expect.objectContaining({ file: 'partners.csv', line: 102, code: 'write_conflict' })]);
    expect(refused.problems[0]!.column).toBeUndefined();
    expect(refused.files).toEqual([
      { file: 'partners.csv', rows: 120, created: 100, unchanged: 0, written: false },
      { file: 'mentors.csv', rows: 8, created: 0, unchanged: 0, written: false },
    ]);

    const again = await makeImportProgramme({ store: memoryImportStore(table), clock })({ files, dryRun: false });
    expect(again.problems).toEqual([]);
    expect(again.files).toEqual([
      { file: 'partners.csv', rows: 120, created: 20, unchanged: 100, written: true },
      { file: 'mentors.csv', rows: 8, created: 8, unchanged: 0, written: true },
    ]);
  });

  it('refuses tandems when a mentor’s load changed since the check (nothing of the file written)', async () => {
    const table = memoryTable();
    await makeImportProgramme({ store: memoryImportStore(table), clock })({ files: { partners: programme.partners, mentors: programme.mentors, mentees: programme.mentees }, dryRun: false });
    const m8 = keys.person('mentor', importedUuid('mentor', 'M8'));
    const store = interfering(table, () => {
      // A match made in the hub between the check and the write.
      table.put({ ...table.get(m8)!, activeMentees: 1 });
    });
    const result = await makeImportProgramme({ store, clock })({ files: { tandems: programme.tandems }, dryRun: false });
    expect(result.problems.map((p) => [p.file, p.line, p.code])).toEqual([['tandems.csv', 2, 'write_conflict']]);
    expect(result.files).toEqual([{ file: 'tandems.csv', rows: 12, created: 0, unchanged: 0, written: false }]);
    expect(table.scan().filter((i) => i.entity === 'Tandem')).toEqual([]);
    expect(table.get(m8)!.activeMentees).toBe(1);
  });

  it('twice changes nothing the second time', async () => {
    const table = memoryTable();
    const importProgramme = makeImportProgramme({ store: memoryImportStore(table), clock });
    await importProgramme({ files: programme, dryRun: false });
    const before = table.scan();
    const second = await importProgramme({ files: programme, dryRun: false });
    expect(second.files.map((f) => [f.created, f.unchanged, f.written])).toEqual([
      [0, 3, true],
      [0, 8, true],
      [0, 14, true],
      [0, 12, true],
    ]);
    expect(table.scan()).toEqual(before);
  });

  it('with a problem writes nothing and creates nothing', async () => {
    const table = memoryTable();
    const result = await makeImportProgramme({ store: memoryImportStore(table), clock })({
      files: { partners: programme.partners, mentors: programme.mentors.replace('2025-01-10', '2027-01-10') },
      dryRun: false,
    });
    expect(result.problems.map((p) => [p.file, p.line, p.column, p.code])).toEqual([['mentors.csv', 2, 'joined_on', 'future_date']]);
    expect(result.files.map((f) => [f.created, f.written])).toEqual([
      [0, false],
      [0, false],
    ]);
    expect(table.scan()).toEqual([]);
  });
});

// ── The route behind the HTTP chain ──────────────────────────────────────────────────────────────

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
const withClaims = (event: APIGatewayProxyEventV2, claims: Record<string, string>) =>
  ({ ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } } }) as APIGatewayProxyEventV2;
const officer = { sub: randomUUID(), 'cognito:groups': '[admin]' };
const adviser = { sub: randomUUID(), 'cognito:groups': '[partner]', 'custom:partnerId': 'partner-a' };
const post = (body: unknown, claims = officer) => withClaims(apiEvent({ method: 'POST', path: '/api/admin/imports', body: JSON.stringify(body) }), claims);

describe('POST /api/admin/imports', () => {
  let route: Handler;
  let table: MemoryTable;
  beforeAll(async () => {
    const env = buildLocalEnv({ dynamoDbEndpoint: 'http://127.0.0.1:9', siteUrl: 'http://localhost:3000', smtpHost: '127.0.0.1', smtpPort: 9, signingKeyFile: '/tmp/none', reportsDir: '/tmp/none' }, {});
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const { makeImportProgrammeHandler, IMPORT_MAX_BODY_BYTES } = await import('../../functions/http/admin/import-programme');
    table = memoryTable();
    route = httpHandler(
      { route: 'ImportProgramme', body: importProgrammeSchema, maxBodyBytes: IMPORT_MAX_BODY_BYTES },
      makeImportProgrammeHandler(makeImportProgramme({ store: memoryImportStore(table), clock })),
    ) as unknown as Handler;
  });

  it('checks by default: 200 with the ImportResult, nothing written', async () => {
    const res = await route(post({ files: programme }), lambdaContext);
    expect(res.statusCode).toBe(200);
    const result = importResultSchema.parse(JSON.parse(res.body)) as ImportResult;
    expect(result).toMatchObject({ dryRun: true, ok: true, problems: [] });
    expect(table.scan()).toEqual([]);
  });

  it('answers problems with 200 and ok false, and imports with dryRun false (a body well over 16 KB)', async () => {
    const bad = await route(post({ files: { partners: 'external_id,name\nPA1,X\n' } }), lambdaContext);
    expect(bad.statusCode).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, problems: [{ file: 'partners.csv', line: 1, code: 'bad_header' }, { code: 'bad_header' }, { code: 'bad_header' }] });

    const big = csv(HEADERS.partners, ...partnerRows(600));
    expect(big.length).toBeGreaterThan(16 * 1024);
    const res = await route(post({ dryRun: false, files: { partners: big } }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, files: [{ file: 'partners.csv', rows: 600, created: 600, written: true }] });
  });

  it('400 without a file or with an unknown one; 403 for a partner adviser', async () => {
    expect((await route(post({ files: {} }), lambdaContext)).statusCode).toBe(400);
    expect((await route(post({ files: { people: 'a' } }), lambdaContext)).statusCode).toBe(400);
    expect((await route(post({ files: { partners: programme.partners } }, adviser), lambdaContext)).statusCode).toBe(403);
  });
});
