/**
 * A report's period: a calendar month (`YYYY-MM`) or a year (`YYYY`) in Europe/Paris, as an
 * instant range [start, end) in UTC ISO strings. Stored timestamps are UTC (`...Z`) and the time
 * index (GSI3 `CREATED#<yyyy-mm>`) buckets them by UTC month, so a Paris month spans two UTC buckets
 * (its first hour or two are the previous UTC month's end): `utcMonthsOf` lists the buckets a
 * query reads, always narrowed by the exact [start, end) range. Pure: no clock.
 */

export const REPORT_TIME_ZONE = 'Europe/Paris';

export type PeriodKind = 'month' | 'year';

export interface ReportPeriod {
  /** `2026-10` or `2026`. */
  id: string;
  kind: PeriodKind;
  /** First instant of the period in Paris, as UTC ISO (`2026-09-30T22:00:00.000Z` for `2026-10`). */
  start: string;
  /** First instant after the period, as UTC ISO (exclusive). */
  end: string;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/** The UTC offset of Paris, in minutes, at a UTC instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: REPORT_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The UTC instant of a Paris wall-clock time (midnight by default) on a day `YYYY-MM-DD`. */
export function parisMidnight(day: string, time = '00:00'): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // The offset at the naive instant, then corrected once (DST changes happen at 02:00/03:00, never at midnight).
  const first = naive - parisOffsetMinutes(new Date(naive)) * 60000;
  return new Date(naive - parisOffsetMinutes(new Date(first)) * 60000);
}

/** The Paris calendar day (`YYYY-MM-DD`) of a UTC instant. */
export function parisDay(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The Paris month (`YYYY-MM`) of a UTC instant. */
export const parisMonth = (at: Date | string): string => parisDay(at).slice(0, 7);

/** `undefined` when `id` is not `YYYY` or `YYYY-MM`. */
export function parsePeriod(id: string): ReportPeriod | undefined {
  const match = PERIOD_PATTERN.exec(id);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2]) {
    const month = Number(match[2]);
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    return { id, kind: 'month', start: parisMidnight(`${id}-01`).toISOString(), end: parisMidnight(next).toISOString() };
  }
  return { id, kind: 'year', start: parisMidnight(`${year}-01-01`).toISOString(), end: parisMidnight(`${year + 1}-01-01`).toISOString() };
}

/** The Paris month before the one holding `now` (the monthly report's period). */
export function previousMonth(now: Date): string {
  const [y, m] = parisMonth(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A programme-to-date range: from `programmeStart` (`YYYY-MM`, Paris) to the period's end. */
export function sinceStart(programmeStart: string, period: ReportPeriod): { start: string; end: string } {
  return { start: parisMidnight(`${programmeStart}-01`).toISOString(), end: period.end };
}

/** True when the ISO instant `at` lies in [start, end). ISO strings in UTC compare as text. */
export const inRange = (at: string | undefined, range: { start: string; end: string }): boolean => at !== undefined && at >= range.start && at < range.end;

/**
 * The UTC month buckets (`YYYY-MM`) of the time index that hold instants in [start, end): every
 * month from start's UTC month to the UTC month of the last instant before end.
 */
export function utcMonthsOf(range: { start: string; end: string }): string[] {
  const months: string[] = [];
  let [y, m] = range.start.slice(0, 7).split('-').map(Number) as [number, number];
  const last = new Date(new Date(range.end).getTime() - 1).toISOString().slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}
