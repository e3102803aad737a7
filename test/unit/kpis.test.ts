/**
 * The KPI computation on a hand-built programme: every expected value is worked out by hand in
 * comments, from the definitions of docs/kpis.md. Period 2026-10 in Paris is
 * [2026-09-30T22:00Z, 2026-10-31T23:00Z); the programme starts 2025-09, so since_start is
 * [2025-08-31T22:00Z, 2026-10-31T23:00Z).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeKpiReport,
  computeKpiSet,
  medianOf,
  meanOf,
  NO_PARTNER_NAME,
  parisDaysBetween,
} from '../../shared/domain/kpis';
import {
  isSignificant,
  KPI_DEFINITIONS,
  NO_BREAKDOWN_KEY,
  type KpiSet,
  type ReportCheckInRow,
  type ReportDataset,
  type ReportOutcomeRow,
  type ReportPersonRow,
  type ReportProposalRow,
  type ReportTandemRow,
} from '../../shared/domain/report';
import { parsePeriod } from '../../shared/domain/report-period';
import { kpiReportSchema } from '../../shared/domain/report-schemas';

// ── The programme ────────────────────────────────────────────────────────────────────────────────

const mentee = (id: string, createdAt: string, status: ReportPersonRow['status'], partnerId: string | undefined, departement: string | undefined, track = 'job_search'): ReportPersonRow => ({
  role: 'mentee',
  id,
  status,
  createdAt,
  track,
  ...(partnerId ? { partnerId } : {}),
  ...(departement ? { departement } : {}),
});
const mentor = (id: string, createdAt: string, status: ReportPersonRow['status'], departement: string | undefined, capacity: number, activeMentees: number): ReportPersonRow => ({
  role: 'mentor',
  id,
  status,
  createdAt,
  capacity,
  activeMentees,
  tracks: ['job_search', 'business_creation'],
  ...(departement ? { departement } : {}),
});

const people: ReportPersonRow[] = [
  mentee('e1', '2026-09-20T10:00:00.000Z', 'in_tandem', 'P1', '13'),
  mentee('e2', '2026-10-02T08:00:00.000Z', 'awaiting_match', 'P1', '13'),
  mentee('e3', '2026-03-01T10:00:00.000Z', 'closed', 'P2', '84', 'business_creation'),
  mentee('e4', '2026-10-10T09:00:00.000Z', 'unmatched', undefined, undefined),
  // Its tandem t3 ended early in October; matched again in November (not in the dataset).
  mentee('e5', '2026-05-20T09:00:00.000Z', 'in_tandem', 'P2', '84'),
  // Never confirmed its address: never counts.
  mentee('e6', '2026-10-05T09:00:00.000Z', 'pending_verification', 'P1', '13'),
  // Erased since: still counts.
  mentee('e7', '2026-02-01T09:00:00.000Z', 'erased', 'P1', '13'),
  mentee('e8', '2026-08-01T10:00:00.000Z', 'in_tandem', 'P1', '13'),
  // 00:30 on 1 October in Paris (22:30Z on 30 September): an October sign-up.
  mentee('e9', '2026-09-30T22:30:00.000Z', 'awaiting_match', 'P2', '84'),
  mentee('e10', '2026-01-15T10:00:00.000Z', 'closed', undefined, '13', 'business_creation'),
  mentee('e11', '2026-10-01T08:00:00.000Z', 'in_tandem', 'P2', '84'),
  mentee('e12', '2026-09-01T08:00:00.000Z', 'in_tandem', 'P1', '13'),
  mentee('e13', '2026-04-01T08:00:00.000Z', 'in_tandem', 'P2', '84'),
  mentee('e14', '2025-09-15T08:00:00.000Z', 'closed', 'P1', '2A'),
  mentor('m1', '2026-01-10T10:00:00.000Z', 'active', '13', 2, 2),
  mentor('m2', '2026-10-05T10:00:00.000Z', 'active', '84', 3, 2),
  mentor('m3', '2026-02-01T10:00:00.000Z', 'paused', '13', 3, 0),
  mentor('m4', '2026-10-07T10:00:00.000Z', 'pending_verification', '13', 2, 0),
  mentor('m5', '2026-10-15T10:00:00.000Z', 'erased', undefined, 1, 0),
  // 23:00 on 30 September in Paris: a September mentor.
  mentor('m6', '2026-09-30T21:00:00.000Z', 'active', '84', 2, 1),
  mentor('m7', '2026-01-05T10:00:00.000Z', 'active', '13', 4, 0),
];

const tandem = (id: string, menteeId: string, mentorId: string, partnerId: string | undefined, track: string, startedAt: string, end?: Partial<ReportTandemRow>): ReportTandemRow => ({
  id,
  menteeId,
  mentorId,
  track,
  status: 'active',
  startedAt,
  ...(partnerId ? { partnerId } : {}),
  ...end,
});

const tandems: ReportTandemRow[] = [
  tandem('t1', 'e1', 'm1', 'P1', 'job_search', '2026-10-05T08:00:00.000Z'),
  tandem('t2', 'e3', 'm3', 'P2', 'business_creation', '2026-04-01T08:00:00.000Z', {
    status: 'completed',
    endedAt: '2026-10-20T10:00:00.000Z',
    outcome: { track: 'business_creation', situation: 'company_created' },
  }),
  tandem('t3', 'e5', 'm1', 'P2', 'job_search', '2026-06-01T08:00:00.000Z', { status: 'ended_early', endedAt: '2026-10-12T10:00:00.000Z', endReason: 'not_a_good_fit' }),
  tandem('t4', 'e7', 'm3', 'P1', 'job_search', '2026-04-15T08:00:00.000Z', {
    status: 'completed',
    endedAt: '2026-10-28T10:00:00.000Z',
    outcome: { track: 'job_search', situation: 'permanent_contract' },
  }),
  // 23:30 on 30 September in Paris: a September tandem, active at October's end.
  tandem('t5', 'e8', 'm1', 'P1', 'job_search', '2026-09-30T21:30:00.000Z'),
  // Ended 23:30 on 31 October in Paris (22:30Z): an October end.
  tandem('t6', 'e10', 'm3', undefined, 'business_creation', '2026-02-10T09:00:00.000Z', { status: 'ended_early', endedAt: '2026-10-31T22:30:00.000Z', endReason: 'mentee_stopped' }),
  tandem('t7', 'e11', 'm2', 'P2', 'job_search', '2026-10-21T08:00:00.000Z'),
  tandem('t8', 'e12', 'm2', 'P1', 'job_search', '2026-10-08T08:00:00.000Z'),
  tandem('t9', 'e13', 'm3', 'P2', 'job_search', '2026-05-01T08:00:00.000Z', { status: 'ended_early', endedAt: '2026-06-01T08:00:00.000Z', endReason: 'not_a_good_fit' }),
  // e13's second tandem: not its first, so e13 is not « matched » in October.
  tandem('t10', 'e13', 'm6', 'P2', 'job_search', '2026-10-15T08:00:00.000Z'),
  tandem('t11', 'e14', 'm3', 'P1', 'job_search', '2025-10-10T08:00:00.000Z', {
    status: 'completed',
    endedAt: '2026-04-10T08:00:00.000Z',
    outcome: { track: 'job_search', situation: 'fixed_term_6m_plus' },
  }),
];

const proposal = (menteeId: string, mentorId: string, createdAt: string, status: ReportProposalRow['status'], decidedAt?: string): ReportProposalRow => ({
  menteeId,
  mentorId,
  createdAt,
  status,
  ...(decidedAt ? { decidedAt, decision: status === 'declined' ? 'decline' : 'accept' } : {}),
});

const proposals: ReportProposalRow[] = [
  proposal('e1', 'm1', '2026-10-03T08:00:00.000Z', 'accepted', '2026-10-03T20:00:00.000Z'), // p1: 12 h
  proposal('e2', 'm3', '2026-10-04T08:00:00.000Z', 'declined', '2026-10-05T08:00:00.000Z'), // p2: 24 h
  proposal('e2', 'm7', '2026-10-10T08:00:00.000Z', 'expired'), // p3: no answer
  proposal('e9', 'm2', '2026-10-20T08:00:00.000Z', 'pending'), // p4
  proposal('e12', 'm2', '2026-10-06T08:00:00.000Z', 'accepted', '2026-10-06T14:00:00.000Z'), // p5: 6 h
  proposal('e4', 'm1', '2026-10-11T08:00:00.000Z', 'capacity_gone', '2026-10-12T08:00:00.000Z'), // p6: 24 h, not in the acceptance rate
  proposal('e11', 'm2', '2026-09-30T21:00:00.000Z', 'accepted', '2026-10-01T09:00:00.000Z'), // p7: 23:00 Paris 30 Sept, September; 12 h
  proposal('e13', 'm6', '2026-10-13T08:00:00.000Z', 'accepted', '2026-10-14T10:00:00.000Z'), // p8: 26 h
];

const round = (tandemId: string, seq: number, dueAt: string, status: ReportCheckInRow['status'], answers: ReportCheckInRow['answers'] = {}): ReportCheckInRow => ({
  tandemId,
  seq,
  kind: seq === 1 ? 'first' : 'monthly',
  dueAt,
  status,
  answers,
});

const checkIns: ReportCheckInRow[] = [
  round('t1', 1, '2026-10-19T08:00:00.000Z', 'sent', { mentor: { answeredAt: '2026-10-19T12:00:00.000Z' }, mentee: { answeredAt: '2026-10-20T12:00:00.000Z' } }), // c1
  round('t5', 1, '2026-10-14T21:30:00.000Z', 'sent', { mentee: { answeredAt: '2026-10-15T12:00:00.000Z' } }), // c2
  round('t4', 8, '2026-10-05T09:00:00.000Z', 'sent', {
    mentor: { answeredAt: '2026-10-06T12:00:00.000Z', satisfaction: 5 },
    mentee: { answeredAt: '2026-10-07T12:00:00.000Z', satisfaction: 4 },
  }), // c3
  round('t3', 6, '2026-10-30T08:00:00.000Z', 'cancelled'), // c4
  round('t2', 7, '2026-09-28T08:00:00.000Z', 'sent', {
    mentor: { answeredAt: '2026-09-29T12:00:00.000Z', satisfaction: 3 },
    mentee: { answeredAt: '2026-10-02T08:00:00.000Z', satisfaction: 2 },
  }), // c5: due in September, one answer in October
  round('t8', 1, '2026-10-22T08:00:00.000Z', 'scheduled'), // c6
  round('t6', 9, '2026-10-10T09:00:00.000Z', 'sent', { mentee: { answeredAt: '2026-10-11T12:00:00.000Z', satisfaction: 3 } }), // c7
];

const survey = (tandemId: string, milestone: ReportOutcomeRow['milestone'], dueAt: string, outcome?: ReportOutcomeRow['outcome'], recordedAt?: string): ReportOutcomeRow => ({
  tandemId,
  milestone,
  dueAt,
  ...(outcome ? { outcome } : {}),
  ...(recordedAt ? { recordedAt } : {}),
});

const outcomes: ReportOutcomeRow[] = [
  survey('t3', 3, '2026-09-01T08:00:00.000Z', { track: 'job_search', situation: 'none' }, '2026-09-03T08:00:00.000Z'), // o1
  survey('t6', 3, '2026-05-10T09:00:00.000Z', { track: 'business_creation', situation: 'none' }, '2026-05-12T09:00:00.000Z'), // o2
  survey('t6', 6, '2026-08-10T09:00:00.000Z', { track: 'business_creation', situation: 'company_created' }, '2026-08-15T09:00:00.000Z'), // o3
  survey('t2', 6, '2026-10-01T08:00:00.000Z', { track: 'business_creation', situation: 'company_created' }, '2026-10-05T08:00:00.000Z'), // o4
  // Due 00:30 on 1 November in Paris: after the period, so neither counted nor t9's exit outcome.
  survey('t9', 6, '2026-10-31T23:30:00.000Z', { track: 'job_search', situation: 'permanent_contract' }, '2026-11-02T08:00:00.000Z'), // o5
  survey('t4', 6, '2026-10-15T08:00:00.000Z', { track: 'job_search', situation: 'permanent_contract' }, '2026-10-16T08:00:00.000Z'), // o6
  survey('t4', 3, '2026-07-15T08:00:00.000Z'), // o7: never answered
  survey('t11', 6, '2026-04-10T08:00:00.000Z', { track: 'job_search', situation: 'training' }, '2026-04-12T08:00:00.000Z'), // o8
  survey('t11', 12, '2026-10-10T08:00:00.000Z', { track: 'job_search', situation: 'none' }, '2026-10-12T08:00:00.000Z'), // o9
];

const dataset: ReportDataset = {
  people,
  tandems,
  proposals,
  checkIns,
  outcomes,
  partners: [
    { id: 'P1', name: 'Mission locale Nord' },
    { id: 'P2', name: 'Pôle Sud' },
    { id: 'P3', name: 'Asso vide' },
  ],
};

const october = parsePeriod('2026-10')!;
const report = computeKpiReport(dataset, { period: october, programmeStart: '2025-09', now: new Date('2026-11-01T06:00:00Z') });

const zeroLoad = { mentors: 0, by_tandems: { '0': 0, '1': 0, '2': 0, '3+': 0 }, max: 0 };
const emptySet: KpiSet = {
  tandems_started: 0,
  tandems_completed: 0,
  tandems_ended_early: 0,
  tandems_active_end: 0,
  median_days_to_match: { value: null, n: 0 },
  job_search_positive_exit: { num: 0, den: 0 },
  business_created: { num: 0, den: 0 },
  mentors_new: 0,
  mentors_active: 0,
  mentors_at_capacity: 0,
  mentors_paused: 0,
  mentor_load: zeroLoad,
  mentees_new: 0,
  mentees_waiting: 0,
  mentees_matched: 0,
  mentees_unmatched: 0,
  proposal_acceptance: { num: 0, den: 0 },
  median_response_hours: { value: null, n: 0 },
  check_in_response: { num: 0, den: 0 },
  satisfaction: { value: null, n: 0 },
  satisfied: { num: 0, den: 0 },
  outcome_6m_positive: { num: 0, den: 0 },
  outcome_12m_positive: { num: 0, den: 0 },
};
const noMentorKpis = { mentors_new: null, mentors_active: null, mentors_at_capacity: null, mentors_paused: null, mentor_load: null };

describe('computeKpiReport: the period (overall)', () => {
  it('stamps the report and satisfies report.json’s schema', () => {
    expect(report).toMatchObject({ schema: 1, period: october, timeZone: 'Europe/Paris', programmeStart: '2025-09', generatedAt: '2026-11-01T06:00:00.000Z', minimumCases: 5 });
    expect(kpiReportSchema.parse(report)).toEqual(report);
  });

  it('computes every KPI of October as worked out by hand', () => {
    expect(report.overall).toEqual({
      // t1 (5 Oct), t7 (21 Oct), t8 (8 Oct), t10 (15 Oct); t5 started 23:30 Paris on 30 Sept is September's.
      tandems_started: 4,
      // t2 (20 Oct), t4 (28 Oct).
      tandems_completed: 2,
      // t3 (12 Oct), t6 (23:30 Paris on 31 Oct = 22:30Z, still October).
      tandems_ended_early: 2,
      // Started before 31 Oct 23:00Z, not ended before: t1, t5, t7, t8, t10.
      tandems_active_end: 5,
      // Paris days from sign-up to start: t1 20 Sep→5 Oct = 15, t7 1 Oct→21 Oct = 20, t8 1 Sep→8 Oct = 37,
      // t10 1 Apr→15 Oct = 30+31+30+31+31+30+14 = 197; sorted 15, 20, 37, 197: (20 + 37) / 2 = 28.5.
      median_days_to_match: { value: 28.5, n: 4 },
      // Job-search tandems ended in October: t3 (latest survey o1: none) no, t4 (completed, permanent contract) yes.
      job_search_positive_exit: { num: 1, den: 2 },
      // Business tandems ended in October: t2 (completed, company created) yes, t6 (ended early; latest
      // survey o3 recorded 15 Aug: company created, over o2's none) yes.
      business_created: { num: 2, den: 2 },
      // m2 (5 Oct), m5 (15 Oct, erased since: still counts); m4 unverified; m6 joined 23:00 Paris 30 Sept.
      mentors_new: 2,
      // Now active: m1, m2, m6, m7.
      mentors_active: 4,
      // m1: 2 of 2; m2 2 of 3, m6 1 of 2, m7 0 of 4.
      mentors_at_capacity: 1,
      // m3.
      mentors_paused: 1,
      // Tandems active at the end per active mentor: m1 t1+t5 = 2, m2 t7+t8 = 2, m6 t10 = 1, m7 0.
      mentor_load: { mentors: 4, by_tandems: { '0': 1, '1': 1, '2': 2, '3+': 0 }, max: 2 },
      // e2 (2 Oct), e4 (10 Oct), e9 (00:30 Paris on 1 Oct), e11 (1 Oct); e6 unverified.
      mentees_new: 4,
      // No tandem active at the end, waiting now or in a later tandem: e2, e4, e5 (t3 ended, in a tandem since), e9.
      // Not: e1, e8, e11, e12, e13 (active tandems); e3, e10, e14 closed; e7 erased; e6 unverified.
      mentees_waiting: 4,
      // First tandem in October: e1 (t1), e11 (t7), e12 (t8); e13's first was t9 in May.
      mentees_matched: 3,
      // e4.
      mentees_unmatched: 1,
      // Created in October and accepted, declined or expired: p1 ✓, p2 ✗, p3 ✗, p5 ✓, p8 ✓ (p4 pending, p6 capacity gone, p7 September).
      proposal_acceptance: { num: 3, den: 5 },
      // Answered, created in October: p1 12, p2 24, p5 6, p6 24, p8 26 h; sorted 6, 12, 24, 24, 26.
      median_response_hours: { value: 24, n: 5 },
      // Sent rounds due in October: c1 2 answers, c2 1, c3 2, c7 1 = 6 of 4 × 2 (c4 cancelled, c5 September, c6 scheduled).
      check_in_response: { num: 6, den: 8 },
      // Monthly answers given in October: c3 5 and 4, c5's mentee 2 (its mentor answered in September), c7 3: 14 / 4 = 3.5.
      satisfaction: { value: 3.5, n: 4 },
      // 5 and 4 of those four.
      satisfied: { num: 2, den: 4 },
      // 6-month surveys due in October with an outcome: o4 company created ✓, o6 permanent contract ✓ (o5 due 1 Nov in Paris).
      outcome_6m_positive: { num: 2, den: 2 },
      // o9: none.
      outcome_12m_positive: { num: 0, den: 1 },
    } satisfies KpiSet);
  });
});

describe('computeKpiReport: since the programme’s start (September 2025)', () => {
  it('computes every KPI to date as worked out by hand', () => {
    expect(report.since_start).toEqual({
      // All of t1…t11.
      tandems_started: 11,
      // t2, t4, t11 (10 Apr 2026).
      tandems_completed: 3,
      // t3, t6, t9.
      tandems_ended_early: 3,
      // The same end: t1, t5, t7, t8, t10.
      tandems_active_end: 5,
      // t1 15, t2 1 Mar→1 Apr = 31, t3 20 May→1 Jun = 12, t4 1 Feb→15 Apr = 28+31+14 = 73, t5 1 Aug→30 Sep = 60,
      // t6 15 Jan→10 Feb = 26, t7 20, t8 37, t9 1 Apr→1 May = 30, t10 197, t11 15 Sep→10 Oct 2025 = 25;
      // sorted 12, 15, 20, 25, 26, 30, 31, 37, 60, 73, 197: the 6th is 30.
      median_days_to_match: { value: 30, n: 11 },
      // t3 ✗, t4 ✓, t9 ✗ (its only survey o5 is due after the period's end), t11 ✓ (fixed-term 6 months or more).
      job_search_positive_exit: { num: 2, den: 4 },
      business_created: { num: 2, den: 2 },
      // m1, m2, m3, m5, m6, m7 (m4 unverified).
      mentors_new: 6,
      mentors_active: 4,
      mentors_at_capacity: 1,
      mentors_paused: 1,
      mentor_load: { mentors: 4, by_tandems: { '0': 1, '1': 1, '2': 2, '3+': 0 }, max: 2 },
      // Every mentee but e6.
      mentees_new: 13,
      mentees_waiting: 4,
      // e1, e3, e5, e7, e8, e10, e11, e12, e13, e14.
      mentees_matched: 10,
      mentees_unmatched: 1,
      // p1 ✓, p2 ✗, p3 ✗, p5 ✓, p7 ✓, p8 ✓.
      proposal_acceptance: { num: 4, den: 6 },
      // 12, 24, 6, 24, 12 (p7: 21:00Z → 09:00Z), 26; sorted 6, 12, 12, 24, 24, 26: (12 + 24) / 2 = 18.
      median_response_hours: { value: 18, n: 6 },
      // c1 2, c2 1, c3 2, c5 2, c7 1 = 8 of 5 × 2.
      check_in_response: { num: 8, den: 10 },
      // 5, 4, 3, 2, 3: 17 / 5 = 3.4.
      satisfaction: { value: 3.4, n: 5 },
      satisfied: { num: 2, den: 5 },
      // o3 ✓, o4 ✓, o6 ✓, o8 training ✓ (o7 unknown, o5 after the end).
      outcome_6m_positive: { num: 4, den: 4 },
      outcome_12m_positive: { num: 0, den: 1 },
    } satisfies KpiSet);
  });
});

describe('computeKpiReport: by partner', () => {
  it('lists every partner by id with its name, and « none » for mentees without one', () => {
    expect(Object.keys(report.by_partner)).toEqual(['P1', 'P2', 'P3', NO_BREAKDOWN_KEY]);
    expect(report.by_partner.P1!.name).toBe('Mission locale Nord');
    expect(report.by_partner[NO_BREAKDOWN_KEY]!.name).toBe(NO_PARTNER_NAME);
  });

  it('P1 (mentees e1, e2, e7, e8, e12, e14)', () => {
    expect(report.by_partner.P1).toEqual({
      name: 'Mission locale Nord',
      tandems_started: 2, // t1, t8
      tandems_completed: 1, // t4
      tandems_ended_early: 0,
      tandems_active_end: 3, // t1, t5, t8
      median_days_to_match: { value: 26, n: 2 }, // (15 + 37) / 2
      job_search_positive_exit: { num: 1, den: 1 }, // t4
      business_created: { num: 0, den: 0 },
      ...noMentorKpis,
      mentees_new: 1, // e2 (e6 unverified)
      mentees_waiting: 1, // e2
      mentees_matched: 2, // e1, e12
      mentees_unmatched: 0,
      proposal_acceptance: { num: 2, den: 4 }, // p1 ✓, p2 ✗, p3 ✗, p5 ✓
      median_response_hours: { value: 12, n: 3 }, // 6, 12, 24
      check_in_response: { num: 5, den: 6 }, // c1 2, c2 1, c3 2
      satisfaction: { value: 4.5, n: 2 }, // c3: 5, 4
      satisfied: { num: 2, den: 2 },
      outcome_6m_positive: { num: 1, den: 1 }, // o6
      outcome_12m_positive: { num: 0, den: 1 }, // o9 (t11, e14)
    });
  });

  it('P2 (mentees e3, e5, e9, e11, e13)', () => {
    expect(report.by_partner.P2).toEqual({
      name: 'Pôle Sud',
      tandems_started: 2, // t7, t10
      tandems_completed: 1, // t2
      tandems_ended_early: 1, // t3
      tandems_active_end: 2, // t7, t10
      median_days_to_match: { value: 108.5, n: 2 }, // (20 + 197) / 2
      job_search_positive_exit: { num: 0, den: 1 }, // t3
      business_created: { num: 1, den: 1 }, // t2
      ...noMentorKpis,
      mentees_new: 2, // e9, e11
      mentees_waiting: 2, // e5, e9
      mentees_matched: 1, // e11
      mentees_unmatched: 0,
      proposal_acceptance: { num: 1, den: 1 }, // p8 (p4 pending, p7 September)
      median_response_hours: { value: 26, n: 1 },
      check_in_response: { num: 0, den: 0 }, // c4 cancelled, c5 due in September
      satisfaction: { value: 2, n: 1 }, // c5's mentee, answered 2 Oct
      satisfied: { num: 0, den: 1 },
      outcome_6m_positive: { num: 1, den: 1 }, // o4
      outcome_12m_positive: { num: 0, den: 0 },
    });
  });

  it('a partner with nothing has every KPI at zero, and « none » holds e4 and e10', () => {
    expect(report.by_partner.P3).toEqual({ name: 'Asso vide', ...emptySet, ...noMentorKpis });
    expect(report.by_partner[NO_BREAKDOWN_KEY]).toEqual({
      ...emptySet,
      ...noMentorKpis,
      name: NO_PARTNER_NAME,
      tandems_ended_early: 1, // t6
      business_created: { num: 1, den: 1 },
      mentees_new: 1, // e4
      mentees_waiting: 1,
      mentees_unmatched: 1,
      median_response_hours: { value: 24, n: 1 }, // p6, capacity gone: answered, not in the acceptance rate
      check_in_response: { num: 1, den: 2 }, // c7
      satisfaction: { value: 3, n: 1 },
      satisfied: { num: 0, den: 1 },
    });
  });

  it('counts add up to the period’s', () => {
    for (const id of ['tandems_started', 'tandems_completed', 'tandems_ended_early', 'tandems_active_end', 'mentees_new', 'mentees_waiting', 'mentees_matched'] as const) {
      const sum = Object.values(report.by_partner).reduce((n, set) => n + set[id], 0);
      expect(sum, id).toBe(report.overall[id]);
    }
  });
});

describe('computeKpiReport: by département', () => {
  it('keys the mentees’ and mentors’ départements', () => {
    // JavaScript lists integer-like keys first whatever the insertion order: 13, 84, then 2A, none.
    expect(Object.keys(report.by_departement)).toEqual(['13', '84', '2A', NO_BREAKDOWN_KEY]);
  });

  it('13: mentee KPIs by the mentee’s département, mentor KPIs by the mentor’s (m1, m3, m7)', () => {
    expect(report.by_departement['13']).toEqual({
      tandems_started: 2, // t1, t8
      tandems_completed: 1, // t4
      tandems_ended_early: 1, // t6 (e10)
      tandems_active_end: 3, // t1, t5, t8
      median_days_to_match: { value: 26, n: 2 },
      job_search_positive_exit: { num: 1, den: 1 },
      business_created: { num: 1, den: 1 },
      mentors_new: 0, // m4 is unverified
      mentors_active: 2, // m1, m7
      mentors_at_capacity: 1, // m1
      mentors_paused: 1, // m3
      // m1's t1 and t5, m7 none (t8 is m2's, a mentor of 84).
      mentor_load: { mentors: 2, by_tandems: { '0': 1, '1': 0, '2': 1, '3+': 0 }, max: 2 },
      mentees_new: 1, // e2
      mentees_waiting: 1,
      mentees_matched: 2,
      mentees_unmatched: 0,
      proposal_acceptance: { num: 2, den: 4 }, // p1, p2, p3, p5
      median_response_hours: { value: 12, n: 3 },
      check_in_response: { num: 6, den: 8 }, // c1, c2, c3, c7
      satisfaction: { value: 4, n: 3 }, // 5, 4, 3
      satisfied: { num: 2, den: 3 },
      outcome_6m_positive: { num: 1, den: 1 },
      outcome_12m_positive: { num: 0, den: 0 },
    } satisfies KpiSet);
  });

  it('84 (m2 new in October with t7 and t8, m6 with t10)', () => {
    expect(report.by_departement['84']).toMatchObject({
      tandems_started: 2,
      tandems_active_end: 2,
      median_days_to_match: { value: 108.5, n: 2 },
      mentors_new: 1,
      mentors_active: 2,
      mentors_at_capacity: 0,
      mentor_load: { mentors: 2, by_tandems: { '0': 0, '1': 1, '2': 1, '3+': 0 }, max: 2 },
      mentees_waiting: 2,
    });
  });

  it('2A and « none »: a département with no mentor has mentor KPIs at zero, not null', () => {
    expect(report.by_departement['2A']).toEqual({ ...emptySet, outcome_12m_positive: { num: 0, den: 1 } });
    expect(report.by_departement[NO_BREAKDOWN_KEY]).toEqual({
      ...emptySet,
      mentors_new: 1, // m5, erased
      mentees_new: 1, // e4
      mentees_waiting: 1,
      mentees_unmatched: 1,
      median_response_hours: { value: 24, n: 1 },
    });
  });

  it('counts add up to the period’s, mentors’ too', () => {
    for (const id of ['tandems_started', 'tandems_active_end', 'mentees_new', 'mentees_waiting', 'mentors_new', 'mentors_active'] as const) {
      const sum = Object.values(report.by_departement).reduce((n, set) => n + (set[id] ?? 0), 0);
      expect(sum, id).toBe(report.overall[id]);
    }
  });
});

describe('empty periods', () => {
  it('a period before anyone signed up: zeros, empty medians and means, rates 0/0', () => {
    const june = parsePeriod('2025-06')!;
    const empty = computeKpiReport(dataset, { period: june, programmeStart: '2025-06', now: new Date('2025-07-01T05:00:00Z') });
    expect(empty.overall).toEqual(emptySet);
    expect(empty.since_start).toEqual(emptySet);
    for (const set of Object.values(empty.by_partner)) expect(set).toEqual({ name: set.name, ...emptySet, ...noMentorKpis });
    for (const set of Object.values(empty.by_departement)) expect(set).toEqual(emptySet);
  });

  it('an empty dataset: no breakdown key at all', () => {
    const none: ReportDataset = { people: [], tandems: [], proposals: [], checkIns: [], outcomes: [], partners: [] };
    const r = computeKpiReport(none, { period: october, programmeStart: '2026-01', now: new Date('2026-11-01T06:00:00Z') });
    expect(r.overall).toEqual(emptySet);
    expect(r.by_partner).toEqual({});
    expect(r.by_departement).toEqual({});
  });
});

describe('the Paris boundary', () => {
  it('September holds the tandem started 23:30 on its last day, October does not', () => {
    const september = computeKpiSet(dataset, parsePeriod('2026-09')!);
    // September: t5 (30 Sept 23:30 Paris) only; e8 signed up 1 Aug → 60 days.
    expect(september.tandems_started).toBe(1);
    expect(september.median_days_to_match).toEqual({ value: 60, n: 1 });
    // Mentees signed up in September (Paris): e1, e12; e9 (00:30 on 1 Oct Paris) is October's.
    expect(september.mentees_new).toBe(2);
    // m6 (23:00 on 30 Sept Paris).
    expect(september.mentors_new).toBe(1);
  });

  it('the same instants with UTC months would count differently (guards against UTC bucketing)', () => {
    const utcOctober = computeKpiSet(dataset, { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' });
    // UTC October loses e9 (22:30Z on 30 Sept) but gains nothing: 3 instead of 4.
    expect(utcOctober.mentees_new).toBe(3);
    expect(report.overall.mentees_new).toBe(4);
  });

  it('days to match count Paris calendar days', () => {
    // 23:30 Paris on 30 Sept → 00:30 Paris on 1 Oct: one day, though one hour apart.
    expect(parisDaysBetween('2026-09-30T21:30:00.000Z', '2026-09-30T22:30:00.000Z')).toBe(1);
    // Over the October switch (a 25-hour day) and the March one (23 hours): whole days still.
    expect(parisDaysBetween('2026-10-24T22:00:00.000Z', '2026-10-26T23:00:00.000Z')).toBe(2);
    expect(parisDaysBetween('2026-03-28T23:00:00.000Z', '2026-03-30T22:00:00.000Z')).toBe(2);
    expect(parisDaysBetween('2026-10-05T08:00:00.000Z', '2026-10-05T20:00:00.000Z')).toBe(0);
  });
});

describe('mentor load buckets', () => {
  it('counts 3 and more in one bucket and keeps the maximum', () => {
    const base = { track: 'job_search', status: 'active' as const };
    const d: ReportDataset = {
      people: [mentor('a', '2026-01-01T10:00:00.000Z', 'active', '13', 5, 4), mentor('b', '2026-01-01T10:00:00.000Z', 'active', '13', 3, 3)],
      tandems: [
        ...['1', '2', '3', '4'].map((n) => ({ ...base, id: `a${n}`, menteeId: `x${n}`, mentorId: 'a', startedAt: '2026-02-01T10:00:00.000Z' })),
        ...['1', '2', '3'].map((n) => ({ ...base, id: `b${n}`, menteeId: `y${n}`, mentorId: 'b', startedAt: '2026-02-01T10:00:00.000Z' })),
        // Ended before the end: not carried.
        { ...base, id: 'b4', menteeId: 'y4', mentorId: 'b', startedAt: '2026-02-01T10:00:00.000Z', status: 'completed' as const, endedAt: '2026-02-15T10:00:00.000Z' },
      ],
      proposals: [],
      checkIns: [],
      outcomes: [],
      partners: [],
    };
    expect(computeKpiSet(d, parsePeriod('2026-02')!).mentor_load).toEqual({ mentors: 2, by_tandems: { '0': 0, '1': 0, '2': 0, '3+': 2 }, max: 4 });
    expect(computeKpiSet(d, parsePeriod('2026-02')!).mentors_at_capacity).toBe(1);
  });
});

describe('medians and means', () => {
  it('the median of an even count is the mean of the two middle values', () => {
    expect(medianOf([4, 1, 3, 2])).toEqual({ value: 2.5, n: 4 });
    expect(medianOf([7])).toEqual({ value: 7, n: 1 });
    expect(medianOf([])).toEqual({ value: null, n: 0 });
  });

  it('means are rounded to one decimal', () => {
    expect(meanOf([5, 4, 4])).toEqual({ value: 4.3, n: 3 });
    expect(meanOf([])).toEqual({ value: null, n: 0 });
  });
});

describe('significance', () => {
  it('holds a rate over fewer than 5 cases not significant (the renderers then write « non significatif »)', () => {
    expect(isSignificant({ num: 3, den: 4 })).toBe(false);
    expect(isSignificant({ num: 1, den: 2 })).toBe(false);
    expect(isSignificant({ num: 0, den: 5 })).toBe(true);
    expect(isSignificant({ num: 3, den: 5 })).toBe(true);
    // In the report: October's acceptance (5 cases) is significant, its positive exits (2) are not.
    expect(isSignificant(report.overall.proposal_acceptance)).toBe(true);
    expect(isSignificant(report.overall.job_search_positive_exit)).toBe(false);
  });
});


describe('docs/kpis.md', () => {
  const doc = readFileSync(new URL('../../docs/kpis.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## The KPIs'));

  it('defines every KPI of KPI_DEFINITIONS, and no other, as a heading with its bold id', () => {
    const ids = KPI_DEFINITIONS.map((d) => d.id);
    const headings = [...section.matchAll(/^### (\S+)$/gm)].map((m) => m[1]);
    const bold = [...section.matchAll(/^\*\*([a-z0-9_]+)\*\*/gm)].map((m) => m[1]);
    expect(headings).toEqual(ids);
    expect(bold).toEqual(ids);
  });

  it('defines each in exactly one sentence', () => {
    for (const { id } of KPI_DEFINITIONS) {
      const line = section.split('\n').find((l) => l.startsWith(`**${id}**`));
      expect(line, id).toBeDefined();
      expect(line!.trim().endsWith('.'), id).toBe(true);
      // No second sentence: no full stop followed by a space inside the line.
      expect(line!.trim().slice(0, -1), id).not.toMatch(/\.\s/);
    }
  });

  it('says which KPIs are snapshots: the ones counting current statuses', () => {
    for (const id of ['mentors_active', 'mentors_at_capacity', 'mentors_paused', 'mentees_unmatched']) {
      expect(section).toContain(`**${id}** (snapshot)`);
    }
  });
});
