/**
 * The report's figures in French words, shared by the files, the monthly mail and the digest
 * (docs/reports.md): counts with French digit grouping, rates always with their counts
 * (« 72 % (18/25) », « non significatif (3/4) » under MIN_SIGNIFICANT_CASES), medians and means
 * with their number of cases, periods (« octobre 2026 », « Octobre 2026 », « d’octobre 2026 »).
 * The same wording as the console's « Rapports » page (web/assets/console-report-format.js).
 * Pure: no clock, no I/O.
 */
import { isSignificant, NO_BREAKDOWN_KEY, type KpiDefinition, type KpiReport, type KpiSet, type LoadSpread, type Mean, type Median, type Rate } from '../domain/report';

const NBSP = '\u00a0';
const numberFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const percentFr = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** « 1 234 », « 12,5 ». */
export const formatCount = (n: number): string => numberFr.format(n);

/** The share of a rate, 0 to 1 (0 when there is no case). */
export const rateShare = (rate: Rate): number => (rate.den > 0 ? rate.num / rate.den : 0);

/** « 72 % » (no counts); `undefined` when the rate has no case. */
export const formatPercent = (rate: Rate): string | undefined => (rate.den > 0 ? percentFr.format(rate.num / rate.den) : undefined);

/** « 72 % (18/25) », or « non significatif (3/4) » under the minimum of cases. */
export function formatRate(rate: Rate): string {
  const counts = `(${rate.num}/${rate.den})`;
  return isSignificant(rate) ? `${formatPercent(rate)} ${counts}` : `non significatif ${counts}`;
}

/** « 12 jours (25 cas) », « — (0 cas) ». */
export function formatMedian(median: Median | Mean, unit?: string): string {
  const cases = `(${formatCount(median.n)}${NBSP}cas)`;
  if (median.value === null) return `— ${cases}`;
  return `${formatCount(median.value)}${unit ? `${NBSP}${unit}` : ''} ${cases}`;
}

/** « 19 mentors, avec 0 tandem : 3, 1 : 10, 2 : 5, 3 ou plus : 1 (au plus 4) ». */
export function formatLoad(load: LoadSpread): string {
  const b = load.by_tandems;
  return `${formatCount(load.mentors)}${NBSP}mentors, avec 0${NBSP}tandem${NBSP}: ${b['0']}, 1${NBSP}: ${b['1']}, 2${NBSP}: ${b['2']}, 3 ou plus${NBSP}: ${b['3+']} (au plus ${load.max})`;
}

/** A KPI's value in French words, « — » when the breakdown has no meaning for it (`null`). */
export function formatKpi(kpi: KpiDefinition, set: KpiSet): string {
  const value = set[kpi.id];
  if (value === null || value === undefined) return '—';
  switch (kpi.kind) {
    case 'count':
      return formatCount(value as number);
    case 'rate':
      return formatRate(value as Rate);
    case 'median':
    case 'mean':
      return formatMedian(value as Median, kpi.unit?.fr);
    case 'load':
      return formatLoad(value as LoadSpread);
  }
}

export const MONTH_NAMES_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;

/** « octobre 2026 », « année 2026 », « semaine 49 de 2026 » (a `YYYY-MM`, `YYYY` or `YYYY-Www` id). */
export function periodLabel(id: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(id);
  if (month) return `${MONTH_NAMES_FR[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  const week = /^(\d{4})-W(\d{2})$/.exec(id);
  if (week) return `semaine ${Number(week[2])} de ${week[1]}`;
  return /^\d{4}$/.test(id) ? `année ${id}` : id;
}

/** « Octobre 2026 », « Année 2026 »: a title. */
export function periodTitle(id: string): string {
  const label = periodLabel(id);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** « d’octobre 2026 », « de mars 2026 », « de l’année 2026 »: after « rapport ». */
export function ofPeriod(id: string): string {
  const label = periodLabel(id);
  if (label.startsWith('année')) return `de l’${label}`;
  return /^[aeiouyéèêàâîôûœ]/i.test(label) ? `d’${label}` : `de ${label}`;
}

/** « Depuis octobre 2025 » (the programme-to-date column's heading). */
export const sinceStartLabel = (report: Pick<KpiReport, 'programmeStart'>): string => `Depuis ${periodLabel(report.programmeStart)}`;

/** « 1 tandem démarré », « 12 tandems démarrés »: the noun (and its participle) agree with the count (0 and 1 singular, as French says). */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

/** An id as a list shows it: its first 8 characters (enough to find it, short enough to read). */
export const shortId = (id: string): string => (id.length > 8 ? id.slice(0, 8) : id);

const dayFr = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
/** A day in French, Paris time: « 3 octobre 2026 », « 1er novembre 2026 » (the first of a month is ordinal in French). */
export function formatDayFr(iso: string): string {
  return dayFr.format(new Date(iso)).replace(/^1 /, '1er ');
}

/** The name of a partner scope (NO_BREAKDOWN_KEY: « Sans partenaire »). */
export const partnerScopeName = (key: string, name: string): string => (key === NO_BREAKDOWN_KEY ? 'Sans partenaire' : name);
/** The name of a département scope (NO_BREAKDOWN_KEY: « Département inconnu »). */
export const departementScopeName = (key: string): string => (key === NO_BREAKDOWN_KEY ? 'Département inconnu' : key);

/** The partners of a report, by name (« Sans partenaire » last). */
export function partnerScopes(report: KpiReport): Array<{ key: string; name: string; set: KpiSet }> {
  return Object.entries(report.by_partner)
    .map(([key, set]) => ({ key, name: partnerScopeName(key, set.name), set }))
    .sort((a, b) => (a.key === NO_BREAKDOWN_KEY ? 1 : b.key === NO_BREAKDOWN_KEY ? -1 : a.name.localeCompare(b.name, 'fr')));
}

/** The départements of a report, by code (« Département inconnu » last). */
export function departementScopes(report: KpiReport): Array<{ key: string; name: string; set: KpiSet }> {
  return Object.entries(report.by_departement)
    .map(([key, set]) => ({ key, name: departementScopeName(key), set }))
    .sort((a, b) => (a.key === NO_BREAKDOWN_KEY ? 1 : b.key === NO_BREAKDOWN_KEY ? -1 : a.key.localeCompare(b.key, 'fr', { numeric: true })));
}
