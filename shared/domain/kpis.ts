/**
 * The KPI computation (docs/kpis.md defines each KPI in one sentence): from the rows a report reads
 * (`ReportDataset`) to the `KpiReport` every output renders. Pure and deterministic: no clock (the
 * caller passes `now`, only stamped as `generatedAt`), no I/O; instants are compared as instants
 * (parsed), periods are Europe/Paris ranges (report-period.ts).
 *
 * Scopes: `overall` (the period), `since_start` (programme start's Paris month to the period's end),
 * `by_partner` (the mentee's referring partner; mentor KPIs `null`) and `by_departement` (the
 * mentee's; the mentor's for mentor KPIs). People `pending_verification` never count; erased people
 * do (their reportable fields stay).
 */
import { POSITIVE_JOB_OUTCOMES, type OutcomeValue } from './follow-up';
import {
  MIN_SIGNIFICANT_CASES,
  NO_BREAKDOWN_KEY,
  type KpiReport,
  type KpiSet,
  type LoadSpread,
  type Mean,
  type Median,
  type Rate,
  type ReportCheckInRow,
  type ReportDataset,
  type ReportOutcomeRow,
  type ReportPersonRow,
  type ReportProposalRow,
  type ReportTandemRow,
} from './report';
import { parisDay, sinceStart, type ReportPeriod } from './report-period';

/** An instant range [start, end) as UTC ISO strings. */
export interface InstantRange {
  start: string;
  end: string;
}

/** The partner name shown for mentees without a referring partner (key NO_BREAKDOWN_KEY). */
export const NO_PARTNER_NAME = 'Sans partenaire';

/** Mentee statuses that mean « still waiting for a mentor » now. */
const WAITING_STATUSES: ReadonlySet<string> = new Set(['awaiting_match', 'unmatched', 'matching_failed']);
/** Proposal statuses that are a mentor's answer or its absence (the acceptance rate's cases). */
const DECIDED_PROPOSAL_STATUSES: ReadonlySet<string> = new Set(['accepted', 'declined', 'expired']);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ── Small arithmetic ─────────────────────────────────────────────────────────────────────────────

const roundOne = (value: number): number => Math.round(value * 10) / 10;

/** The median of `values` (even count: the mean of the two middle values), rounded to one decimal. */
export function medianOf(values: readonly number[]): Median {
  if (values.length === 0) return { value: null, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { value: roundOne(value), n: sorted.length };
}

/** The mean of `values`, rounded to one decimal. */
export function meanOf(values: readonly number[]): Mean {
  if (values.length === 0) return { value: null, n: 0 };
  return { value: roundOne(values.reduce((a, b) => a + b, 0) / values.length), n: values.length };
}

/** Whole days between the Paris calendar days of two instants (`to` − `from`): 23:30 then 00:30 the next day is 1. */
export function parisDaysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [y, m, d] = parisDay(iso).split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((day(to) - day(from)) / DAY_MS);
}

const time = (iso: string): number => Date.parse(iso);
/** True when the instant `at` lies in [range.start, range.end), compared as instants (not text). */
const within = (at: string | undefined, range: InstantRange): boolean => at !== undefined && time(at) >= time(range.start) && time(at) < time(range.end);
const before = (at: string | undefined, end: string): boolean => at !== undefined && time(at) < time(end);

/** A positive outcome: a job-search positive exit (POSITIVE_JOB_OUTCOMES) or a company created. */
export function isPositiveOutcome(outcome: OutcomeValue | undefined): boolean {
  if (!outcome) return false;
  return outcome.track === 'job_search' ? POSITIVE_JOB_OUTCOMES.has(outcome.situation) : outcome.situation === 'company_created';
}

// ── Lookups shared by every scope ────────────────────────────────────────────────────────────────

interface Lookups {
  menteeById: ReadonlyMap<string, ReportPersonRow>;
  tandemById: ReadonlyMap<string, ReportTandemRow>;
  /** Tandems by mentor id (every tandem, whatever the scope: a mentor's load is all of it). */
  tandemsByMentor: ReadonlyMap<string, ReportTandemRow[]>;
  /** Tandems by mentee id. */
  tandemsByMentee: ReadonlyMap<string, ReportTandemRow[]>;
  /** Outcome surveys with a known outcome, by tandem id. */
  outcomesByTandem: ReadonlyMap<string, ReportOutcomeRow[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function lookupsOf(dataset: ReportDataset): Lookups {
  const menteeById = new Map<string, ReportPersonRow>();
  for (const p of dataset.people) if (p.role === 'mentee' && p.status !== 'pending_verification') menteeById.set(p.id, p);
  const tandemById = new Map<string, ReportTandemRow>();
  const tandemsByMentor = new Map<string, ReportTandemRow[]>();
  const tandemsByMentee = new Map<string, ReportTandemRow[]>();
  for (const t of dataset.tandems) {
    tandemById.set(t.id, t);
    push(tandemsByMentor, t.mentorId, t);
    push(tandemsByMentee, t.menteeId, t);
  }
  const outcomesByTandem = new Map<string, ReportOutcomeRow[]>();
  for (const o of dataset.outcomes) if (o.outcome) push(outcomesByTandem, o.tandemId, o);
  return { menteeById, tandemById, tandemsByMentor, tandemsByMentee, outcomesByTandem };
}

/**
 * The outcome a closed tandem counts with: the one it was closed with (a completed tandem's, or an
 * imported one's), else that of its outcome survey due before `end` recorded last (latest
 * `recordedAt`, else due date; ties: the later milestone), else none.
 */
export function exitOutcome(tandem: ReportTandemRow, surveys: readonly ReportOutcomeRow[] | undefined, end: string): OutcomeValue | undefined {
  if (tandem.outcome) return tandem.outcome;
  let latest: ReportOutcomeRow | undefined;
  const at = (o: ReportOutcomeRow) => time(o.recordedAt ?? o.dueAt);
  for (const o of surveys ?? []) {
    if (!o.outcome || !before(o.dueAt, end)) continue;
    if (!latest || at(o) > at(latest) || (at(o) === at(latest) && o.milestone > latest.milestone)) latest = o;
  }
  return latest?.outcome;
}

// ── One scope ────────────────────────────────────────────────────────────────────────────────────

/** The rows of one scope. `mentors: null`: mentor KPIs are not meaningful there (by partner). */
interface Slice {
  mentees: ReportPersonRow[];
  mentors: ReportPersonRow[] | null;
  tandems: ReportTandemRow[];
  proposals: ReportProposalRow[];
  checkIns: ReportCheckInRow[];
  outcomes: ReportOutcomeRow[];
}

const activeAt = (t: ReportTandemRow, end: string): boolean => before(t.startedAt, end) && !before(t.endedAt, end);

function rateOf<T>(cases: readonly T[], positive: (c: T) => boolean): Rate {
  return { num: cases.filter(positive).length, den: cases.length };
}

function mentorLoad(mentors: readonly ReportPersonRow[], lookups: Lookups, end: string): LoadSpread {
  const spread: LoadSpread = { mentors: 0, by_tandems: { '0': 0, '1': 0, '2': 0, '3+': 0 }, max: 0 };
  for (const m of mentors) {
    if (m.status !== 'active') continue;
    const load = (lookups.tandemsByMentor.get(m.id) ?? []).filter((t) => activeAt(t, end)).length;
    spread.mentors += 1;
    spread.by_tandems[load >= 3 ? '3+' : (String(load) as '0' | '1' | '2')] += 1;
    spread.max = Math.max(spread.max, load);
  }
  return spread;
}

/**
 * A mentee waiting at `end`: signed up before, in no tandem active then, and either waiting now or
 * in a tandem started since (status `in_tandem` — a report's dataset stops at the period's end, so
 * that later tandem is often not in it — or a tandem started at or after `end` in the dataset).
 */
function waitingAt(mentee: ReportPersonRow, lookups: Lookups, end: string): boolean {
  if (!before(mentee.createdAt, end)) return false;
  const tandems = lookups.tandemsByMentee.get(mentee.id) ?? [];
  if (tandems.some((t) => activeAt(t, end))) return false;
  return WAITING_STATUSES.has(mentee.status) || mentee.status === 'in_tandem' || tandems.some((t) => !before(t.startedAt, end));
}

function firstStart(menteeId: string, lookups: Lookups): string | undefined {
  let first: string | undefined;
  for (const t of lookups.tandemsByMentee.get(menteeId) ?? []) if (first === undefined || time(t.startedAt) < time(first)) first = t.startedAt;
  return first;
}

function computeSlice(slice: Slice, lookups: Lookups, range: InstantRange): KpiSet {
  const started = slice.tandems.filter((t) => within(t.startedAt, range));
  const ended = slice.tandems.filter((t) => t.status !== 'active' && within(t.endedAt, range));
  const exits = (track: string) => ended.filter((t) => t.track === track);

  const daysToMatch: number[] = [];
  for (const t of started) {
    const mentee = lookups.menteeById.get(t.menteeId);
    if (mentee) daysToMatch.push(parisDaysBetween(mentee.createdAt, t.startedAt));
  }

  const mentees = slice.mentees.filter((p) => before(p.createdAt, range.end));
  const mentors = slice.mentors?.filter((p) => before(p.createdAt, range.end)) ?? null;

  const proposals = slice.proposals.filter((p) => within(p.createdAt, range));
  const responseHours = proposals
    .filter((p) => p.decision !== undefined && p.decidedAt !== undefined)
    .map((p) => (time(p.decidedAt!) - time(p.createdAt)) / HOUR_MS);

  const rounds = slice.checkIns.filter((c) => c.status === 'sent' && within(c.dueAt, range));
  const satisfactions: number[] = [];
  for (const c of slice.checkIns) {
    if (c.kind !== 'monthly') continue;
    for (const a of Object.values(c.answers)) if (a?.satisfaction !== undefined && within(a.answeredAt, range)) satisfactions.push(a.satisfaction);
  }

  const milestone = (m: number) => slice.outcomes.filter((o) => o.milestone === m && o.outcome !== undefined && within(o.dueAt, range));

  return {
    tandems_started: started.length,
    tandems_completed: ended.filter((t) => t.status === 'completed').length,
    tandems_ended_early: ended.filter((t) => t.status === 'ended_early').length,
    tandems_active_end: slice.tandems.filter((t) => activeAt(t, range.end)).length,
    median_days_to_match: medianOf(daysToMatch),
    job_search_positive_exit: rateOf(exits('job_search'), (t) => {
      const o = exitOutcome(t, lookups.outcomesByTandem.get(t.id), range.end);
      return o?.track === 'job_search' && POSITIVE_JOB_OUTCOMES.has(o.situation);
    }),
    business_created: rateOf(exits('business_creation'), (t) => {
      const o = exitOutcome(t, lookups.outcomesByTandem.get(t.id), range.end);
      return o?.track === 'business_creation' && o.situation === 'company_created';
    }),
    mentors_new: mentors ? mentors.filter((p) => within(p.createdAt, range)).length : null,
    mentors_active: mentors ? mentors.filter((p) => p.status === 'active').length : null,
    mentors_at_capacity: mentors
      ? mentors.filter((p) => p.status === 'active' && p.capacity !== undefined && (p.activeMentees ?? 0) >= p.capacity).length
      : null,
    mentors_paused: mentors ? mentors.filter((p) => p.status === 'paused').length : null,
    mentor_load: mentors ? mentorLoad(mentors, lookups, range.end) : null,
    mentees_new: mentees.filter((p) => within(p.createdAt, range)).length,
    mentees_waiting: mentees.filter((p) => waitingAt(p, lookups, range.end)).length,
    mentees_matched: new Set(started.map((t) => t.menteeId).filter((id) => within(firstStart(id, lookups), range))).size,
    mentees_unmatched: mentees.filter((p) => p.status === 'unmatched').length,
    proposal_acceptance: rateOf(
      proposals.filter((p) => DECIDED_PROPOSAL_STATUSES.has(p.status)),
      (p) => p.status === 'accepted',
    ),
    median_response_hours: medianOf(responseHours),
    check_in_response: {
      num: rounds.reduce((n, c) => n + (c.answers.mentor ? 1 : 0) + (c.answers.mentee ? 1 : 0), 0),
      den: rounds.length * 2,
    },
    satisfaction: meanOf(satisfactions),
    satisfied: rateOf(satisfactions, (s) => s >= 4),
    outcome_6m_positive: rateOf(milestone(6), (o) => isPositiveOutcome(o.outcome)),
    outcome_12m_positive: rateOf(milestone(12), (o) => isPositiveOutcome(o.outcome)),
  };
}

// ── Breakdowns ───────────────────────────────────────────────────────────────────────────────────

interface Keyed {
  /** The mentee's referring partner (tandems, proposals, check-ins, outcomes: their mentee's). */
  partner: string;
  /** The mentee's département (mentors: their own). */
  departement: string;
}

type SliceKey = keyof Keyed;

/** Splits the dataset into one slice per key of `by` (mentors: by département only). */
function slicesBy(dataset: ReportDataset, lookups: Lookups, by: SliceKey): Map<string, Slice> {
  const slices = new Map<string, Slice>();
  const slice = (key: string): Slice => {
    let s = slices.get(key);
    if (!s) {
      s = { mentees: [], mentors: by === 'partner' ? null : [], tandems: [], proposals: [], checkIns: [], outcomes: [] };
      slices.set(key, s);
    }
    return s;
  };
  const menteeKeys = (mentee: ReportPersonRow | undefined, tandem?: ReportTandemRow): Keyed => ({
    partner: (mentee ? mentee.partnerId : tandem?.partnerId) ?? NO_BREAKDOWN_KEY,
    departement: mentee?.departement ?? NO_BREAKDOWN_KEY,
  });
  const tandemKeys = (tandemId: string): Keyed => {
    const t = lookups.tandemById.get(tandemId);
    return t ? menteeKeys(lookups.menteeById.get(t.menteeId), t) : { partner: NO_BREAKDOWN_KEY, departement: NO_BREAKDOWN_KEY };
  };

  for (const p of dataset.people) {
    if (p.status === 'pending_verification') continue;
    if (p.role === 'mentee') slice(menteeKeys(p)[by]).mentees.push(p);
    else if (by === 'departement') slice(p.departement ?? NO_BREAKDOWN_KEY).mentors!.push(p);
  }
  for (const t of dataset.tandems) slice(menteeKeys(lookups.menteeById.get(t.menteeId), t)[by]).tandems.push(t);
  for (const p of dataset.proposals) slice(menteeKeys(lookups.menteeById.get(p.menteeId))[by]).proposals.push(p);
  for (const c of dataset.checkIns) slice(tandemKeys(c.tandemId)[by]).checkIns.push(c);
  for (const o of dataset.outcomes) slice(tandemKeys(o.tandemId)[by]).outcomes.push(o);
  return slices;
}

function wholeSlice(dataset: ReportDataset): Slice {
  const people = dataset.people.filter((p) => p.status !== 'pending_verification');
  return {
    mentees: people.filter((p) => p.role === 'mentee'),
    mentors: people.filter((p) => p.role === 'mentor'),
    tandems: dataset.tandems,
    proposals: dataset.proposals,
    checkIns: dataset.checkIns,
    outcomes: dataset.outcomes,
  };
}

const emptySlice = (mentors: boolean): Slice => ({ mentees: [], mentors: mentors ? [] : null, tandems: [], proposals: [], checkIns: [], outcomes: [] });

const byKey = (a: string, b: string): number => (a === NO_BREAKDOWN_KEY ? 1 : b === NO_BREAKDOWN_KEY ? -1 : a < b ? -1 : a > b ? 1 : 0);

// ── Entry points ─────────────────────────────────────────────────────────────────────────────────

/** Every KPI over `range` for the whole programme (the `overall` and `since_start` scopes). */
export function computeKpiSet(dataset: ReportDataset, range: InstantRange): KpiSet {
  return computeSlice(wholeSlice(dataset), lookupsOf(dataset), range);
}

/** The KPIs of `range` by the mentee's referring partner (every known partner listed, even with nothing). */
export function computeKpisByPartner(dataset: ReportDataset, range: InstantRange): Record<string, KpiSet & { name: string }> {
  const lookups = lookupsOf(dataset);
  const slices = slicesBy(dataset, lookups, 'partner');
  for (const p of dataset.partners) if (!slices.has(p.id)) slices.set(p.id, emptySlice(false));
  const names = new Map(dataset.partners.map((p) => [p.id, p.name]));
  const result: Record<string, KpiSet & { name: string }> = {};
  for (const key of [...slices.keys()].sort(byKey)) {
    const name = key === NO_BREAKDOWN_KEY ? NO_PARTNER_NAME : (names.get(key) ?? key);
    result[key] = { name, ...computeSlice(slices.get(key)!, lookups, range) };
  }
  return result;
}

/** The KPIs of `range` by département (the mentee's; mentor KPIs by the mentor's). */
export function computeKpisByDepartement(dataset: ReportDataset, range: InstantRange): Record<string, KpiSet> {
  const lookups = lookupsOf(dataset);
  const slices = slicesBy(dataset, lookups, 'departement');
  const result: Record<string, KpiSet> = {};
  for (const key of [...slices.keys()].sort(byKey)) result[key] = computeSlice(slices.get(key)!, lookups, range);
  return result;
}

/**
 * The report of a period: `overall` (the period), `since_start` (from `programmeStart`'s Paris month
 * to the period's end), by partner and by département (the period). `now` only stamps `generatedAt`.
 */
export function computeKpiReport(dataset: ReportDataset, input: { period: ReportPeriod; programmeStart: string; now: Date }): KpiReport {
  const { period, programmeStart, now } = input;
  const range = { start: period.start, end: period.end };
  return {
    schema: 1,
    period,
    timeZone: 'Europe/Paris',
    programmeStart,
    generatedAt: now.toISOString(),
    minimumCases: MIN_SIGNIFICANT_CASES,
    overall: computeKpiSet(dataset, range),
    since_start: computeKpiSet(dataset, sinceStart(programmeStart, period)),
    by_partner: computeKpisByPartner(dataset, range),
    by_departement: computeKpisByDepartement(dataset, range),
  };
}
