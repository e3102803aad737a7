/**
 * A programme imported from CSV (test/fixtures/programme, the import templates' format) through the
 * real importer into a fresh DynamoDB Local table, read back by the report's time-index reads and
 * computed into KPIs: every figure below is worked out by hand from the fixture files (comments).
 *
 * Imported days are Paris midnights. Programme start 2025-01. Mentee départements: E01, E04, E09,
 * E10, E13 (13 Marseille), E03, E12 (13 Aix), E08 (13 Arles); E02, E06, E14 (84); E05, E11 (83);
 * E07 (04). Mentors: M1, M2, M4, M6, M8 (13), M3 (84), M5 (83), M7 (04).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoImportStore } from '../../shared/adapters/dynamodb/import-store';
import { dynamoReportReads } from '../../shared/adapters/dynamodb/report-reads';
import { computeKpiReport } from '../../shared/domain/kpis';
import { NO_BREAKDOWN_KEY, type KpiReport, type KpiSet } from '../../shared/domain/report';
import { parsePeriod, sinceStart } from '../../shared/domain/report-period';
import { kpiReportSchema } from '../../shared/domain/report-schemas';
import { importedPartnerId } from '../../shared/import/ids';
import { makeImportProgramme } from '../../shared/use-cases/admin/import-programme';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/programme/${name}.csv`, import.meta.url), 'utf8');
const files = { partners: fixture('partners'), mentors: fixture('mentors'), mentees: fixture('mentees'), tandems: fixture('tandems') };

const NOW = new Date('2026-12-01T08:00:00.000Z');
const PROGRAMME_START = '2025-01';
const PA1 = importedPartnerId('PA1');
const PA2 = importedPartnerId('PA2');
const PA3 = importedPartnerId('PA3');

let table: TestTable;

async function reportOf(periodId: string): Promise<KpiReport> {
  const period = parsePeriod(periodId)!;
  const { dataset } = await dynamoReportReads(table.client, table.tableName).loadDataset(sinceStart(PROGRAMME_START, period));
  return computeKpiReport(dataset, { period, programmeStart: PROGRAMME_START, now: NOW });
}

beforeAll(async () => {
  table = await createTestTable('report-kpis');
  const importProgramme = makeImportProgramme({ store: dynamoImportStore(table.client, table.tableName), clock: { now: () => NOW } });
  const result = await importProgramme({ files, dryRun: false });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.files.map((f) => [f.file, f.rows, f.created])).toEqual([
    ['partners.csv', 3, 3],
    ['mentors.csv', 8, 8],
    ['mentees.csv', 14, 14],
    ['tandems.csv', 12, 12],
  ]);
});

afterAll(async () => {
  await table?.drop();
});

const noRate = { num: 0, den: 0 };
const noValue = { value: null, n: 0 };
/** What an import does not bring: proposals and check-in answers (the follow-up of imported tandems starts in the hub). */
const noFollowUp = {
  proposal_acceptance: noRate,
  median_response_hours: noValue,
  check_in_response: noRate,
  satisfaction: noValue,
  satisfied: noRate,
};
const noMentorKpis = { mentors_new: null, mentors_active: null, mentors_at_capacity: null, mentors_paused: null, mentor_load: null };

describe('October 2026 (a month: the Paris last day and first day at its edges)', () => {
  let report: KpiReport;
  beforeAll(async () => {
    report = await reportOf('2026-10');
  });

  it('is a valid report.json', () => {
    expect(kpiReportSchema.parse(report)).toEqual(report);
  });

  it('overall', () => {
    expect(report.overall).toMatchObject({
      // T09 (1 Oct, Paris midnight = 22:00Z on 30 Sept), T10 (20 Oct), T12 (31 Oct = 23:00Z on 30 Oct, winter time).
      tandems_started: 3,
      tandems_completed: 0,
      tandems_ended_early: 0,
      // T06, T08, T09, T10, T11, T12.
      tandems_active_end: 6,
      // T09 E08 14 Sep → 1 Oct = 17, T10 E09 2 Oct → 20 Oct = 18, T12 E11 10 Oct → 31 Oct = 21.
      median_days_to_match: { value: 18, n: 3 },
      job_search_positive_exit: noRate,
      business_created: noRate,
      // M8 (3 Oct), M7 (20 Oct, pending validation: verified, counts).
      mentors_new: 2,
      // Now active: M1, M2, M3, M5, M8.
      mentors_active: 5,
      // M3: T11 of capacity 1.
      mentors_at_capacity: 1,
      // M4.
      mentors_paused: 1,
      // At the end: M1 T09, M2 T06, M3 T11, M5 T08 (1 each), M8 T10 + T12 (2).
      mentor_load: { mentors: 5, by_tandems: { '0': 0, '1': 4, '2': 1, '3+': 0 }, max: 2 },
      // E09 (2 Oct), E11 (10 Oct), E12 (15 Oct); E14 signed up in November.
      mentees_new: 3,
      // E12 (awaiting), E13 (unmatched).
      mentees_waiting: 2,
      // E08, E09, E11: their first tandem.
      mentees_matched: 3,
      mentees_unmatched: 1,
      ...noFollowUp,
    } satisfies Partial<KpiSet>);
  });

  it('since the programme’s start (January 2025)', () => {
    expect(report.since_start).toMatchObject({
      tandems_started: 12,
      // T01, T02, T05 (1 Apr 2026), T07 (1 Feb 2026).
      tandems_completed: 4,
      // T03, T04.
      tandems_ended_early: 2,
      tandems_active_end: 6,
      // T01 19, T02 23, T03 20, T04 13 (25 Feb → 10 Mar 2025), T05 30, T06 26, T07 142 (E03 12 Mar → 1 Aug),
      // T08 16, T09 17, T10 18, T11 14, T12 21; sorted 13 14 16 17 18 19 | 20 21 23 26 30 142: (19 + 20) / 2.
      median_days_to_match: { value: 19.5, n: 12 },
      // Job search ended: T01 permanent ✓, T03 none recorded ✗, T04 fixed-term 6 months+ ✓ (ended early with an outcome),
      // T05 none ✗, T07 work-study ✓.
      job_search_positive_exit: { num: 3, den: 5 },
      // T02 company created.
      business_created: { num: 1, den: 1 },
      mentors_new: 8,
      mentors_active: 5,
      mentors_at_capacity: 1,
      mentors_paused: 1,
      mentor_load: { mentors: 5, by_tandems: { '0': 0, '1': 4, '2': 1, '3+': 0 }, max: 2 },
      // E01…E13.
      mentees_new: 13,
      mentees_waiting: 2,
      // E01…E11 (E03 once, with T03).
      mentees_matched: 11,
      mentees_unmatched: 1,
      ...noFollowUp,
    } satisfies Partial<KpiSet>);
  });

  it('by partner, keyed by the imported partner ids', () => {
    expect(Object.keys(report.by_partner).sort()).toEqual([PA1, PA2, PA3, NO_BREAKDOWN_KEY].sort());
    expect(report.by_partner[PA1]).toMatchObject({
      name: 'Mission locale de Marseille',
      ...noMentorKpis,
      tandems_started: 1, // T10
      tandems_active_end: 2, // T10, T11
      median_days_to_match: { value: 18, n: 1 },
      mentees_new: 1, // E09
      mentees_waiting: 1, // E13
      mentees_matched: 1, // E09
      mentees_unmatched: 1, // E13
    });
    expect(report.by_partner[PA2]).toMatchObject({
      name: 'France Travail Aix',
      ...noMentorKpis,
      tandems_started: 1, // T09
      tandems_active_end: 1,
      median_days_to_match: { value: 17, n: 1 },
      mentees_new: 1, // E12
      mentees_waiting: 1, // E12
      mentees_matched: 1, // E08
      mentees_unmatched: 0,
    });
    expect(report.by_partner[PA3]).toMatchObject({
      name: 'Initiative Vaucluse',
      ...noMentorKpis,
      tandems_started: 0,
      tandems_active_end: 2, // T06, T08
      median_days_to_match: noValue,
      mentees_new: 0,
      mentees_waiting: 0,
      mentees_matched: 0,
    });
    expect(report.by_partner[NO_BREAKDOWN_KEY]).toMatchObject({
      ...noMentorKpis,
      tandems_started: 1, // T12
      tandems_active_end: 1,
      median_days_to_match: { value: 21, n: 1 },
      mentees_new: 1, // E11 (E14 is November's)
      mentees_waiting: 0,
      mentees_matched: 1,
    });
  });

  it('by département: the mentee’s, and the mentor’s for mentor KPIs', () => {
    expect(Object.keys(report.by_departement).sort()).toEqual(['04', '13', '83', '84']);
    expect(report.by_departement['13']).toMatchObject({
      tandems_started: 2, // T09 (E08, Arles), T10 (E09)
      tandems_active_end: 3, // T09, T10, T11
      median_days_to_match: { value: 17.5, n: 2 },
      mentors_new: 1, // M8
      mentors_active: 3, // M1, M2, M8
      mentors_at_capacity: 0,
      mentors_paused: 1, // M4
      // M1 T09, M2 T06 (its mentee lives in 84: a mentor's load is all of it), M8 T10 + T12.
      mentor_load: { mentors: 3, by_tandems: { '0': 0, '1': 2, '2': 1, '3+': 0 }, max: 2 },
      mentees_new: 2, // E09, E12
      mentees_waiting: 2, // E12, E13
      mentees_matched: 2, // E08, E09
      mentees_unmatched: 1,
    });
    expect(report.by_departement['84']).toMatchObject({
      tandems_started: 0,
      tandems_active_end: 1, // T06
      mentors_active: 1, // M3
      mentors_at_capacity: 1,
      mentor_load: { mentors: 1, by_tandems: { '0': 0, '1': 1, '2': 0, '3+': 0 }, max: 1 },
      mentees_new: 0,
    });
    expect(report.by_departement['83']).toMatchObject({
      tandems_started: 1, // T12
      median_days_to_match: { value: 21, n: 1 },
      mentors_new: 0,
      mentors_active: 1, // M5
      mentees_new: 1, // E11
      mentees_matched: 1,
    });
    expect(report.by_departement['04']).toMatchObject({
      tandems_active_end: 1, // T08
      mentors_new: 1, // M7
      mentors_active: 0,
      mentor_load: { mentors: 0, by_tandems: { '0': 0, '1': 0, '2': 0, '3+': 0 }, max: 0 },
    });
  });
});

describe('the year 2025', () => {
  let report: KpiReport;
  beforeAll(async () => {
    report = await reportOf('2025');
  });

  it('overall', () => {
    expect(report.period).toEqual({ id: '2025', kind: 'year', start: '2024-12-31T23:00:00.000Z', end: '2025-12-31T23:00:00.000Z' });
    expect(report.overall).toMatchObject({
      // T01…T07.
      tandems_started: 7,
      // T01 (15 Sep), T02 (10 Dec).
      tandems_completed: 2,
      // T03 (15 Jun), T04 (5 Oct).
      tandems_ended_early: 2,
      // Active at the year's end: T05, T06, T07.
      tandems_active_end: 3,
      // 13 19 20 | 23 | 26 30 142.
      median_days_to_match: { value: 23, n: 7 },
      // T01 ✓, T03 ✗, T04 ✓.
      job_search_positive_exit: { num: 2, den: 3 },
      business_created: { num: 1, den: 1 },
      // M1, M2, M3, M4, M6.
      mentors_new: 5,
      // Snapshot among mentors who joined before the year's end: M1, M2, M3 now active.
      mentors_active: 3,
      mentors_at_capacity: 1, // M3 (its T11 of 2026: a snapshot)
      mentors_paused: 1,
      // Tandems active at the year's end per currently active mentor: M1 T05, M2 T06, M3 none (M6, inactive now, had T07).
      mentor_load: { mentors: 3, by_tandems: { '0': 1, '1': 2, '2': 0, '3+': 0 }, max: 1 },
      // E01…E06.
      mentees_new: 6,
      mentees_waiting: 0,
      mentees_matched: 6,
      mentees_unmatched: 0,
      ...noFollowUp,
    } satisfies Partial<KpiSet>);
  });

  it('since the start is the year itself (the programme started in January 2025)', () => {
    expect(report.since_start).toEqual(report.overall);
  });
});
