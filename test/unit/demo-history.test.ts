/**
 * The demo's history (infra/local/demo-seed.ts, shared/synthetic/history.ts): two years of
 * tandems behind the programme, so that the reports say something — sign-ups growing month after
 * month, tandems started in every month since, each after its proposals, closed ones with their
 * outcomes or reasons, check-ins answered, outcome surveys recorded, partners of different sizes,
 * mentees in several départements — and never a state the hub could not hold: a mentor over
 * capacity at any instant, a mentee in two tandems, a past item in a due queue.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_DEFAULTS } from '../../infra/config/stages';
import { demoItems, demoProgramme } from '../../infra/local/demo-seed';
import { memoryReportReads } from '../../shared/adapters/memory/report-reads';
import { memoryTable } from '../../shared/adapters/memory/table';
import { ENTITY } from '../../shared/db/items';
import { TABLE } from '../../shared/db/table';
import { currentOutcome, POSITIVE_JOB_OUTCOMES, REMATCH_REASONS } from '../../shared/domain/follow-up';
import { computeKpiReport } from '../../shared/domain/kpis';
import { departementOfCommune } from '../../shared/domain/report';
import { parsePeriod, previousMonth } from '../../shared/domain/report-period';
import { communeMatchesPostalCode } from '../../shared/reference/communes';
import { HISTORY_DAYS } from '../../shared/synthetic/history';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const programme = demoProgramme(NOW);
const items = demoItems(programme);
const { mentors, mentees, tandems, followUps, proposals } = programme;
const menteeById = new Map(mentees.map((m) => [m.id, m]));
const mentorById = new Map(mentors.map((m) => [m.id, m]));
const closed = tandems.filter((t) => t.status !== 'active');
const month = (iso: string) => iso.slice(0, 7);
/** Groups a list by key (Map.groupBy is not in Node 20). */
function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('the demo history', () => {
  it('starts tandems in at least 20 distinct months of the last two years, more of them lately', () => {
    const starts = tandems.map((t) => Date.parse(t.startedAt));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(NOW.getTime() - HISTORY_DAYS * DAY);
    expect(new Set(tandems.map((t) => month(t.startedAt))).size).toBeGreaterThanOrEqual(20);
    const lastYear = starts.filter((s) => s > NOW.getTime() - 365 * DAY).length;
    expect(lastYear).toBeGreaterThan((starts.length - lastYear) * 1.5);
    expect(closed.length).toBeGreaterThanOrEqual(120);
    expect(starts.length - lastYear).toBeGreaterThanOrEqual(50);
  });

  it('spreads sign-ups of everyone who went through the programme over two years, with growth', () => {
    const people = [...mentors.filter((m) => ['active', 'paused', 'inactive'].includes(m.status)), ...mentees.filter((m) => m.status === 'in_tandem' || m.status === 'closed')];
    const ages = people.map((p) => (NOW.getTime() - Date.parse(p.createdAt)) / DAY);
    expect(Math.max(...ages)).toBeLessThanOrEqual(HISTORY_DAYS);
    const recentYear = ages.filter((a) => a <= 365).length;
    expect(recentYear).toBeGreaterThan(ages.length - recentYear);
    expect(new Set(people.map((p) => month(p.createdAt))).size).toBeGreaterThanOrEqual(22);
  });

  it('leads to each tandem through its proposals: declined or expired ones first, the accepted one starting it days to weeks after the confirmation', () => {
    const byMentee = groupBy(proposals, (p) => p.menteeId);
    for (const tandem of tandems) {
      const mentee = menteeById.get(tandem.menteeId)!;
      const own = byMentee.get(tandem.menteeId)!;
      expect(new Set(own.map((p) => p.mentorId)).size).toBe(own.length);
      expect(own.map((p) => p.rank)).toEqual(own.map((_, i) => i + 1));
      const accepted = own.at(-1)!;
      expect(accepted).toMatchObject({ status: 'accepted', decision: 'accept', mentorId: tandem.mentorId, decidedAt: tandem.startedAt, tandemId: tandem.id, attempt: tandem.attempt });
      expect(own.filter((p) => p.status === 'accepted')).toHaveLength(1);
      for (const p of own) {
        expect(Date.parse(p.createdAt)).toBeGreaterThan(Date.parse(mentee.verifiedAt!));
        expect(Date.parse(mentorById.get(p.mentorId)!.verifiedAt!)).toBeLessThan(Date.parse(p.createdAt));
        expect(mentorById.get(p.mentorId)!.tracks).toContain(tandem.track);
        if (p.status === 'declined') expect(p).toMatchObject({ decision: 'decline', declineReason: expect.any(String), decidedAt: expect.any(String) });
        if (p.status === 'expired') expect(p.decidedAt).toBeUndefined();
        if (p.decidedAt) expect(Date.parse(p.decidedAt)).toBeGreaterThan(Date.parse(p.createdAt));
      }
      for (const [a, b] of own.slice(0, -1).map((p, i) => [p, own[i + 1]!] as const)) expect(Date.parse(b.createdAt)).toBeGreaterThan(Date.parse(a.decidedAt ?? a.expiresAt));
    }
    expect(proposals.filter((p) => p.status === 'declined').length).toBeGreaterThan(50);
    expect(proposals.filter((p) => p.status === 'expired').length).toBeGreaterThan(20);
    const days = tandems.map((t) => (Date.parse(t.startedAt) - Date.parse(menteeById.get(t.menteeId)!.verifiedAt!)) / DAY);
    expect(median(days)).toBeGreaterThan(1);
    expect(median(days)).toBeLessThan(21);
    expect(Math.max(...days)).toBeGreaterThan(14);
    // Written through the builder, decided: in no reminder or pending index.
    const written = items.filter((i) => i.entity === ENTITY.proposal);
    expect(written).toHaveLength(proposals.length);
    expect(written.every((i) => i[TABLE.indexes.GSI1.partitionKey] === undefined && i[TABLE.indexes.GSI2.partitionKey] === undefined)).toBe(true);
    expect(written.every((i) => String(i[TABLE.indexes.GSI3.partitionKey]).startsWith('CREATED#'))).toBe(true);
  });

  it('closes tandems in both tracks with outcomes near the programme’s rates, and others early with their reasons', () => {
    const completed = (track: string) => closed.filter((t) => t.status === 'completed' && t.track === track);
    const jobs = completed('job_search');
    const companies = completed('business_creation');
    expect(jobs.length).toBeGreaterThanOrEqual(20);
    expect(companies.length).toBeGreaterThanOrEqual(10);
    const positive = jobs.filter((t) => t.outcome?.track === 'job_search' && POSITIVE_JOB_OUTCOMES.has(t.outcome.situation)).length / jobs.length;
    const created = companies.filter((t) => t.outcome?.situation === 'company_created').length / companies.length;
    // Completed ones mostly positive; with the ended-early ones, about 70 % and 50 % (the report's test below).
    expect(positive).toBeGreaterThan(0.7);
    expect(positive).toBeLessThan(0.95);
    expect(created).toBeGreaterThan(0.35);
    expect(created).toBeLessThan(0.75);
    const early = closed.filter((t) => t.status === 'ended_early');
    expect(early.length).toBeGreaterThanOrEqual(30);
    expect(new Set(early.map((t) => t.endReason)).size).toBeGreaterThanOrEqual(3);
    for (const t of closed) {
      // A re-match reason sends the mentee back to matching; any other closes it.
      const mentee = menteeById.get(t.menteeId)!;
      expect(mentee.status).toBe(t.endReason && REMATCH_REASONS.has(t.endReason) ? 'awaiting_match' : 'closed');
      expect(Date.parse(t.endedAt!)).toBeLessThan(NOW.getTime());
    }
  });

  it('has check-ins answered by mentors and mentees over the months, satisfaction mostly 4–5', () => {
    const sent = followUps.flatMap((f) => f.rounds.filter((r) => r.status === 'sent'));
    const answers = sent.flatMap((r) => Object.values(r.answers));
    const share = answers.length / (sent.length * 2);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.95);
    const monthly = answers.flatMap((a) => (a.kind === 'monthly' ? [a.satisfaction] : []));
    expect(monthly.length).toBeGreaterThan(1000);
    expect(monthly.filter((s) => s >= 4).length / monthly.length).toBeGreaterThan(0.7);
    expect(new Set(sent.filter((r) => Object.keys(r.answers).length > 0).map((r) => month(r.dueAt))).size).toBeGreaterThanOrEqual(20);
  });

  it('has outcome surveys past due at 3, 6 and 12 months with records from the mentee, the partner and the CCI', () => {
    const past = followUps.flatMap((f) => f.surveys.filter((s) => Date.parse(s.dueAt) <= NOW.getTime()));
    expect(past.every((s) => s.status === 'sent')).toBe(true);
    const recorded = past.filter((s) => currentOutcome(s.records));
    expect(recorded.length).toBeGreaterThanOrEqual(150);
    for (const milestone of [3, 6, 12]) expect(recorded.filter((s) => s.milestone === milestone).length).toBeGreaterThanOrEqual(20);
    expect(new Set(recorded.flatMap((s) => s.records.map((r) => r.source)))).toEqual(new Set(['mentee', 'partner', 'cci']));
  });

  it('refers mentees through partners of different sizes, and reaches several départements with valid addresses', () => {
    const byPartner = groupBy(tandems.filter((t) => t.partnerId), (t) => t.partnerId!);
    const sizes = [...byPartner.values()].map((l) => l.length).sort((a, b) => b - a);
    expect(byPartner.size).toBeGreaterThanOrEqual(25);
    expect(sizes[0]!).toBeGreaterThanOrEqual(4 * median(sizes));
    const departements = groupBy(mentees.filter((m) => m.status === 'in_tandem' || m.status === 'closed'), (m) => departementOfCommune(m.communeCode)!);
    for (const code of ['13', '83', '84', '04', '06', '30', '2A']) expect(departements.get(code)?.length ?? 0).toBeGreaterThan(0);
    expect(departements.get('13')!.length).toBeGreaterThan(0.8 * [...departements.values()].flat().length);
    for (const m of mentees) expect(communeMatchesPostalCode(m.communeCode ?? '', m.postalCode)).toBe(true);
  });
});

describe('the demo history’s invariants', () => {
  it('never has a mentor with more tandems at once than its capacity, and counts the active ones', () => {
    for (const mentor of mentors) {
      const own = tandems.filter((t) => t.mentorId === mentor.id);
      expect(mentor.activeMentees).toBe(own.filter((t) => t.status === 'active').length);
      // Sweep: +1 at each start, −1 at each end (an end before a start at the same instant).
      const events = own.flatMap((t) => [[Date.parse(t.startedAt), 1] as const, ...(t.endedAt ? [[Date.parse(t.endedAt), -1] as const] : [])]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let load = 0;
      for (const [, step] of events) {
        load += step;
        expect(load).toBeLessThanOrEqual(mentor.capacity);
      }
    }
  });

  it('puts a mentee in one tandem at a time, at most one active', () => {
    const byMentee = groupBy(tandems, (t) => t.menteeId);
    for (const [menteeId, own] of byMentee) {
      expect(own.filter((t) => t.status === 'active').length).toBeLessThanOrEqual(1);
      expect(menteeById.get(menteeId)!.tandemId).toBe(own.at(-1)!.id);
    }
  });

  it('puts no past item in a due queue: past rounds sent without one, past surveys sent, scheduled only in the future', () => {
    for (const f of followUps) {
      for (const r of f.rounds) if (r.status === 'scheduled') expect(Date.parse(r.dueAt)).toBeGreaterThan(NOW.getTime());
      for (const s of f.surveys) if (s.status === 'scheduled') expect(Date.parse(s.dueAt)).toBeGreaterThan(NOW.getTime());
    }
    const queued = items.filter((i) => String(i[TABLE.indexes.GSI1.partitionKey] ?? '').startsWith('DUE#'));
    expect(queued.filter((i) => Date.parse(String(i[TABLE.indexes.GSI1.sortKey]).split('#')[0]!) <= NOW.getTime())).toEqual([]);
    // Rounds of the history (due more than a reminder's delay ago) wait in no queue at all.
    const old = items.filter((i) => (i.entity === ENTITY.checkInRound || i.entity === ENTITY.outcomeSurvey) && Date.parse(String(i.dueAt)) < NOW.getTime() - 30 * DAY);
    expect(old.length).toBeGreaterThan(1000);
    expect(old.filter((i) => i[TABLE.indexes.GSI1.partitionKey] !== undefined)).toEqual([]);
  });

  it('is the same history at every start, and the same people seeded at another instant', () => {
    expect(demoItems(demoProgramme(NOW))).toEqual(items);
    const later = demoProgramme(new Date(NOW.getTime() + 3 * DAY));
    expect(later.tandems.map((t) => [t.id, t.menteeId, t.status])).toEqual(tandems.map((t) => [t.id, t.menteeId, t.status]));
    expect(later.proposals.map((p) => [p.menteeId, p.mentorId, p.status])).toEqual(proposals.map((p) => [p.menteeId, p.mentorId, p.status]));
  });
});

describe('a report on the demo', () => {
  it('says something for last month: tandems started, outcome rates over enough cases, a programme to date of hundreds of tandems', async () => {
    // The demo's items as the hub writes them, read back through the time index as a report reads them.
    const table = memoryTable();
    for (const item of items) table.put(item);
    const period = parsePeriod(previousMonth(NOW))!;
    const from = parsePeriod(REPORT_DEFAULTS.programmeStart)!;
    const { dataset } = await memoryReportReads(table).loadDataset({ start: from.start, end: period.end });
    expect(dataset.tandems).toHaveLength(tandems.length);
    const report = computeKpiReport(dataset, { period, programmeStart: REPORT_DEFAULTS.programmeStart, now: NOW });

    const rate = ({ num, den }: { num: number; den: number }) => num / den;
    expect(report.overall.tandems_started).toBeGreaterThan(0);
    expect(report.overall.job_search_positive_exit.den).toBeGreaterThanOrEqual(5);
    expect(report.overall.business_created.den).toBeGreaterThanOrEqual(5);
    expect(report.since_start.tandems_started).toBeGreaterThanOrEqual(100);
    // The programme's rates: about 70 % positive exits, about half the projects a company.
    expect(rate(report.since_start.job_search_positive_exit)).toBeGreaterThan(0.6);
    expect(rate(report.since_start.job_search_positive_exit)).toBeLessThan(0.8);
    expect(rate(report.since_start.business_created)).toBeGreaterThan(0.4);
    expect(rate(report.since_start.business_created)).toBeLessThan(0.62);
    expect(report.since_start.mentors_at_capacity).toBeGreaterThan(0);
    expect(report.since_start.satisfaction.n).toBeGreaterThan(100);
    expect(report.since_start.satisfaction.value).toBeGreaterThanOrEqual(4);
    expect(report.since_start.proposal_acceptance.den).toBeGreaterThan(report.since_start.proposal_acceptance.num);
    expect(report.since_start.median_days_to_match.value).toBeGreaterThan(0);
    expect(Object.keys(report.by_departement).length).toBeGreaterThan(1);
  });
});
