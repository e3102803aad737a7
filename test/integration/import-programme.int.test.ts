/**
 * The programme import on DynamoDB Local (a fresh table per block): a dry run reports each kind of
 * problem by file, line and column and writes nothing; a real run with a problem writes nothing;
 * a real run writes through the item builders and a second run of the same files changes nothing;
 * files refer to earlier imports; a file larger than one transaction is written batch by batch.
 * The scans below are a test's look at its own table.
 */
import { readFileSync } from 'node:fs';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoImportStore } from '../../shared/adapters/dynamodb/import-store';
import { dynamoReportReads } from '../../shared/adapters/dynamodb/report-reads';
import { emailClaimItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { hashEmail } from '../../shared/domain/fingerprints';
import { computeKpiSet } from '../../shared/domain/kpis';
import type { MenteeProfile, MentorProfile } from '../../shared/domain/people';
import { parsePeriod } from '../../shared/domain/report-period';
import type { ImportResult } from '../../shared/domain/report-schemas';
import { importedPartnerId, importedUuid } from '../../shared/import/ids';
import { makeImportProgramme } from '../../shared/use-cases/admin/import-programme';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/programme/${name}.csv`, import.meta.url), 'utf8');
const programme = { partners: fixture('partners'), mentors: fixture('mentors'), mentees: fixture('mentees'), tandems: fixture('tandems') };

const HEADERS = {
  partners: 'external_id,name,kind,postal_code,contact_email',
  mentors: 'external_id,first_name,last_name,email,profile,company,postal_code,commune_code,sectors,expertise,languages,tracks,meeting_modes,capacity,status,joined_on',
  mentees: 'external_id,first_name,last_name,email,track,sector,needs,languages,postal_code,commune_code,meeting_modes,partner_external_id,status,signed_up_on',
  tandems: 'external_id,mentor_external_id,mentee_external_id,started_on,status,ended_on,end_reason,outcome,outcome_on',
};
const csv = (header: string, ...rows: string[]) => [header, ...rows].join('\n') + '\n';

const importerOn = (table: TestTable) => makeImportProgramme({ store: dynamoImportStore(table.client, table.tableName), clock: { now: () => NOW } });

async function scanAll(table: TestTable): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${String(a.PK)}|${String(a.SK)}`.localeCompare(`${String(b.PK)}|${String(b.SK)}`));
}

/** A message with its no-break spaces (before « : », inside « ») read as spaces. */
const plain = (message: string) => message.replace(/[\u00a0\u202f]/g, ' ');
const where = (result: ImportResult) => result.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, code: p.code }));

describe('a dry run with problems', () => {
  let table: TestTable;
  let result: ImportResult;
  const files = {
    partners: csv(HEADERS.partners, 'PA1,Mission locale de Marseille,youth_mission,13001,contact@ml-marseille.example.org'),
    mentors: csv(
      HEADERS.mentors,
      'M1,Claire,Martin,claire.martin@example.org,executive,,13006,13206,M|ZZ,cv_interview,fr,job_search,in_person,1,active,2025-01-10',
      'M2,Karim,Benali,karim.benali@example.org,entrepreneur,,13001,13201,G,business_plan,fr,job_search|business_creation,in_person,1,active,2025-13-01',
      'M3,Sophie,Durand,sophie.durand@example.org,employee,,84000,84007,Q,cv_interview,fr,job_search,remote,1,active,2025-03-05',
    ),
    mentees: csv(
      HEADERS.mentees,
      'E1,Inès,Haddad,ines.haddad@example.org,job_search,G,cv_interview,fr,13001,13201,in_person,PA1,in_tandem,2025-01-15',
      'E2,Julien,Moreau,Ines.Haddad@example.org,job_search,I,networking,fr,84000,84007,remote,PAX,awaiting_match,2025-01-28',
      'E3,Amina,Diallo,amina.diallo@example.org,job_search,Q,confidence,fr,13090,13001,remote,,in_tandem,2025-03-12',
    ),
    tandems: csv(
      HEADERS.tandems,
      'T1,M3,E1,2025-04-01,active,,,,',
      'T2,M3,E3,2025-04-02,active,,,,',
      'T3,MX,E1,2025-04-03,completed,2025-09-01,,permanent_contract,2025-09-01',
    ),
  };

  beforeAll(async () => {
    table = await createTestTable('import-dry');
    result = await importerOn(table)({ files, dryRun: true });
  });
  afterAll(async () => {
    await table?.drop();
  });

  it('reports each problem by file, line and column, in file order', () => {
    expect(result.ok).toBe(false);
    expect(result.dryRun).toBe(true);
    expect(where(result)).toEqual([
      { file: 'mentors.csv', line: 2, column: 'sectors', code: 'unknown_code' },
      { file: 'mentors.csv', line: 3, column: 'joined_on', code: 'bad_date' },
      // The address is compared normalized (trimmed, lower-case).
      { file: 'mentees.csv', line: 3, column: 'email', code: 'duplicate_email' },
      { file: 'mentees.csv', line: 3, column: 'partner_external_id', code: 'unknown_reference' },
      // M3 has a capacity of 1: its second active tandem is one too many.
      { file: 'tandems.csv', line: 3, column: 'mentor_external_id', code: 'capacity_exceeded' },
      { file: 'tandems.csv', line: 4, column: 'mentor_external_id', code: 'unknown_reference' },
    ]);
  });

  it('words each problem in French, naming codes and external ids but no personal data', () => {
    const byCode = Object.fromEntries(result.problems.map((p) => [p.code, plain(p.message)]));
    expect(byCode.unknown_code).toMatch(/^code inconnu « ZZ » : codes possibles A, B, C/);
    expect(byCode.bad_date).toBe('date invalide « 2025-13-01 » : format attendu AAAA-MM-JJ');
    expect(byCode.duplicate_email).toBe('adresse e-mail déjà présente ligne 2');
    expect(byCode.unknown_reference).toMatch(/^référence inconnue « (PAX|MX) » : absente de (partners|mentors)\.csv et des imports précédents$/);
    expect(byCode.capacity_exceeded).toBe('capacité du mentor « M3 » dépassée : 2 tandems actifs pour une capacité de 1');
    for (const p of result.problems) expect(p.message).not.toMatch(/haddad|example\.org|Inès/i);
  });

  it('counts what would be created and writes nothing', async () => {
    expect(result.files.map((f) => [f.file, f.rows, f.written])).toEqual([
      ['partners.csv', 1, false],
      ['mentors.csv', 3, false],
      ['mentees.csv', 3, false],
      ['tandems.csv', 3, false],
    ]);
    expect(result.files[0]!.created).toBe(1);
    expect(await scanAll(table)).toEqual([]);
  });

  it('a real run of the same files writes nothing either', async () => {
    const real = await importerOn(table)({ files, dryRun: false });
    expect(real.ok).toBe(false);
    expect(where(real)).toEqual(where(result));
    expect(real.files.every((f) => !f.written && f.created === 0)).toBe(true);
    expect(await scanAll(table)).toEqual([]);
  });
});

describe('an address another person of the hub already uses', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('import-claim');
  });
  afterAll(async () => {
    await table?.drop();
  });

  it('is a duplicate_email on its line, the person registered through the hub keeping it', async () => {
    const claim = emailClaimItem({ role: 'mentor', emailHash: hashEmail('claire.martin@example.org'), personId: '00000000-0000-4000-8000-000000000001' });
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: claim }));
    const result = await importerOn(table)({ files: { mentors: programme.mentors }, dryRun: true });
    expect(where(result)).toEqual([{ file: 'mentors.csv', line: 2, column: 'email', code: 'duplicate_email' }]);
    expect(result.problems[0]!.message).toBe('adresse e-mail déjà utilisée par une autre personne du hub');
  });
});

describe('a real run, then the same files again', () => {
  let table: TestTable;
  let first: ImportResult;
  let afterFirst: Item[];
  let store: ReturnType<typeof dynamoImportStore>;

  beforeAll(async () => {
    table = await createTestTable('import-idem');
    store = dynamoImportStore(table.client, table.tableName);
    first = await makeImportProgramme({ store, clock: { now: () => NOW } })({ files: programme, dryRun: false });
    afterFirst = await scanAll(table);
  });
  afterAll(async () => {
    await table?.drop();
  });

  it('writes every file, summing the capacity its reads and transactions consumed', () => {
    expect(first.ok).toBe(true);
    // 37 rows and their claims, availability entries and updates: each transactional write costs 2 units.
    expect(store.consumedCapacity()).toBeGreaterThan(2 * 37);
    expect(first.files.map((f) => [f.file, f.created, f.unchanged, f.written])).toEqual([
      ['partners.csv', 3, 0, true],
      ['mentors.csv', 8, 0, true],
      ['mentees.csv', 14, 0, true],
      ['tandems.csv', 12, 0, true],
    ]);
  });

  it('writes through the item builders: verified people, claims, indexes, the mentors’ load and the mentees’ tandem', () => {
    const byKey = (key: Record<string, string>) => afterFirst.find((i) => i[TABLE.partitionKey] === key[TABLE.partitionKey] && i[TABLE.sortKey] === key[TABLE.sortKey]);
    const m8 = byKey(keys.person('mentor', importedUuid('mentor', 'M8'))) as unknown as MentorProfile & Item;
    expect(m8).toMatchObject({ status: 'active', activeMentees: 2, capacity: 3, createdAt: '2026-10-02T22:00:00.000Z', verifiedAt: '2026-10-02T22:00:00.000Z', email: 'hugo.blanc@example.org' });
    expect(m8.GSI1PK).toBe('MENTOR#STATUS#active');
    expect(m8.GSI3PK).toBe('CREATED#2026-10');
    expect(byKey(keys.emailClaim('mentor', hashEmail('hugo.blanc@example.org')))).toMatchObject({ personId: m8.id });
    // The availability entries of an active mentor carry its load.
    const available = afterFirst.filter((i) => i.entity === 'Availability' && i.mentorId === m8.id);
    expect(available.length).toBeGreaterThan(0);
    for (const entry of available) expect(entry.candidate).toMatchObject({ activeMentees: 2 });
    // A paused mentor is in no availability entry.
    expect(afterFirst.some((i) => i.entity === 'Availability' && i.mentorId === importedUuid('mentor', 'M4'))).toBe(false);

    const e09 = byKey(keys.person('mentee', importedUuid('mentee', 'E09'))) as unknown as MenteeProfile;
    expect(e09).toMatchObject({ status: 'in_tandem', tandemId: importedUuid('tandem', 'T10'), partnerId: importedPartnerId('PA1'), communeCode: '13201' });
    const t10 = byKey(keys.tandem(importedUuid('tandem', 'T10')))!;
    // 20 October 2026, Paris midnight (summer time); the time index by its UTC month.
    expect(t10).toMatchObject({ status: 'active', startedAt: '2026-10-19T22:00:00.000Z', partnerId: importedPartnerId('PA1'), track: 'job_search', GSI1PK: 'TANDEM#STATUS#active', GSI3PK: 'CREATED#2026-10' });
    const t02 = byKey(keys.tandem(importedUuid('tandem', 'T02')))!;
    expect(t02.outcome).toEqual({ track: 'business_creation', situation: 'company_created', companyCreatedOn: '2025-11-20' });
    // Its outcome also as the CCI's record on the milestone reached (9 months after the start: 6).
    expect(byKey(keys.outcomeSurvey(importedUuid('tandem', 'T02'), 6))).toMatchObject({ status: 'cancelled', records: [{ source: 'cci', recordedAt: '2025-11-19T23:00:00.000Z' }] });
    // Nothing is sent: no outbox job, no due follow-up.
    expect(afterFirst.some((i) => i.entity === 'Outbox' || String(i.GSI1PK ?? '').startsWith('DUE#'))).toBe(false);
  });

  it('a second run changes nothing: every row unchanged, every item as it was', async () => {
    const second = await importerOn(table)({ files: programme, dryRun: false });
    expect(second.ok).toBe(true);
    expect(second.files.map((f) => [f.file, f.created, f.unchanged, f.written])).toEqual([
      ['partners.csv', 0, 3, true],
      ['mentors.csv', 0, 8, true],
      ['mentees.csv', 0, 14, true],
      ['tandems.csv', 0, 12, true],
    ]);
    expect(await scanAll(table)).toEqual(afterFirst);
  });

  it('a dry run of the same files says the same', async () => {
    const dry = await importerOn(table)({ files: programme });
    expect(dry).toMatchObject({ dryRun: true, ok: true, problems: [] });
    expect(dry.files.map((f) => f.unchanged)).toEqual([3, 8, 14, 12]);
  });
});

describe('files referring to earlier imports', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('import-later');
  });
  afterAll(async () => {
    await table?.drop();
  });

  it('tandems imported after their people set the mentor’s load and the mentee’s tandem', async () => {
    const people = await importerOn(table)({ files: { partners: programme.partners, mentors: programme.mentors, mentees: programme.mentees }, dryRun: false });
    expect(people.ok).toBe(true);
    const store = dynamoImportStore(table.client, table.tableName);
    const m8 = importedUuid('mentor', 'M8');
    expect(((await store.getPeople('mentor', [m8])).get(m8) as MentorProfile).activeMentees).toBe(0);

    const tandems = await importerOn(table)({ files: { tandems: programme.tandems }, dryRun: false });
    expect(tandems.problems).toEqual([]);
    expect(tandems.files).toEqual([{ file: 'tandems.csv', rows: 12, created: 12, unchanged: 0, written: true }]);
    expect(((await store.getPeople('mentor', [m8])).get(m8) as MentorProfile).activeMentees).toBe(2);
    const e11 = importedUuid('mentee', 'E11');
    expect(((await store.getPeople('mentee', [e11])).get(e11) as MenteeProfile).tandemId).toBe(importedUuid('tandem', 'T12'));
  });

  it('a new active tandem is checked against the earlier import: the mentee’s status, the mentor’s load', async () => {
    // E12 was imported waiting for a mentor; M3 (capacity 1) already has T11.
    const more = csv(HEADERS.tandems, 'T99,M3,E12,2026-11-20,active,,,,');
    const result = await importerOn(table)({ files: { tandems: more }, dryRun: true });
    expect(where(result)).toEqual([
      { file: 'tandems.csv', line: 2, column: 'status', code: 'not_allowed' },
      { file: 'tandems.csv', line: 2, column: 'mentor_external_id', code: 'capacity_exceeded' },
    ]);
  });
});

describe('a file larger than one transaction', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('import-large');
  });
  afterAll(async () => {
    await table?.drop();
  });

  it('is written batch by batch, every row in the end', async () => {
    const rows = Array.from({ length: 230 }, (_, i) => `P${i},Structure ${i},business_support,13001,`);
    const result = await importerOn(table)({ files: { partners: csv(HEADERS.partners, ...rows) }, dryRun: false });
    expect(result.files).toEqual([{ file: 'partners.csv', rows: 230, created: 230, unchanged: 0, written: true }]);
    expect((await scanAll(table)).filter((i) => i.entity === 'Partner')).toHaveLength(230);
  });
});

describe('an imported tandem’s own outcome in the KPIs', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('import-outcome');
  });
  afterAll(async () => {
    await table?.drop();
  });

  it('counts for its exit even before its outcome survey is due', async () => {
    // Ended 19 days after its start: the outcome's survey (3 months) is due after November.
    const result = await importerOn(table)({
      files: {
        mentors: csv(HEADERS.mentors, 'M1,Claire,Martin,claire.martin@example.org,executive,,13006,13206,M,cv_interview,fr,job_search,in_person,2,active,2026-09-01'),
        mentees: csv(HEADERS.mentees, 'E1,Inès,Haddad,ines.haddad@example.org,job_search,G,cv_interview,fr,13001,13201,in_person,,closed,2026-10-01'),
        tandems: csv(HEADERS.tandems, 'T1,M1,E1,2026-11-02,completed,2026-11-21,,permanent_contract,2026-11-20'),
      },
      dryRun: false,
    });
    expect(result.problems).toEqual([]);
    const period = parsePeriod('2026-11')!;
    const { dataset } = await dynamoReportReads(table.client, table.tableName).loadDataset({ start: '2026-09-01T00:00:00.000Z', end: period.end });
    expect(computeKpiSet(dataset, period).job_search_positive_exit).toEqual({ num: 1, den: 1 });
  });
});
