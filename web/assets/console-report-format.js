/**
 * What the console's « Rapports » page shows of a KpiReport (docs/reports.md), without the DOM:
 * the KPIs in the report's order with their French labels (the domain's KPI_DEFINITIONS, held
 * equal by test/unit/console-report-format.test.ts), the values in words as the report mail and files
 * write them (« 72 % (18/25) », « non significatif (3/4) »), periods in French, and the last full month in Europe/Paris.
 */

/**
 * @typedef {{ num: number, den: number }} Rate
 * @typedef {{ value: number | null, n: number }} Median
 * @typedef {{ mentors: number, by_tandems: Record<'0' | '1' | '2' | '3+', number>, max: number }} LoadSpread
 * @typedef {{ id: string, kind: 'count' | 'rate' | 'median' | 'mean' | 'load', label: string, unit?: string, headline?: true }} KpiDefinition
 */

/** @type {readonly KpiDefinition[]} */
export const KPIS = [
  { id: 'tandems_started', kind: 'count', label: 'Tandems démarrés', headline: true },
  { id: 'tandems_completed', kind: 'count', label: 'Tandems terminés' },
  { id: 'tandems_ended_early', kind: 'count', label: 'Tandems arrêtés avant terme' },
  { id: 'tandems_active_end', kind: 'count', label: 'Tandems en cours en fin de période', headline: true },
  { id: 'median_days_to_match', kind: 'median', label: 'Délai médian avant tandem', unit: 'jours', headline: true },
  { id: 'job_search_positive_exit', kind: 'rate', label: 'Sorties positives (recherche d’emploi)', headline: true },
  { id: 'business_created', kind: 'rate', label: 'Entreprises créées (création d’entreprise)', headline: true },
  { id: 'mentors_new', kind: 'count', label: 'Nouveaux mentors', headline: true },
  { id: 'mentors_active', kind: 'count', label: 'Mentors actifs' },
  { id: 'mentors_at_capacity', kind: 'count', label: 'Mentors à pleine capacité' },
  { id: 'mentors_paused', kind: 'count', label: 'Mentors en pause' },
  { id: 'mentor_load', kind: 'load', label: 'Charge des mentors (tandems en cours)' },
  { id: 'mentees_new', kind: 'count', label: 'Nouveaux mentorés' },
  { id: 'mentees_waiting', kind: 'count', label: 'Mentorés en attente', headline: true },
  { id: 'mentees_matched', kind: 'count', label: 'Mentorés mis en tandem' },
  { id: 'mentees_unmatched', kind: 'count', label: 'Mentorés sans mentor trouvé' },
  { id: 'proposal_acceptance', kind: 'rate', label: 'Propositions acceptées' },
  { id: 'median_response_hours', kind: 'median', label: 'Délai médian de réponse des mentors', unit: 'heures' },
  { id: 'check_in_response', kind: 'rate', label: 'Réponses aux points d’étape' },
  { id: 'satisfaction', kind: 'mean', label: 'Satisfaction moyenne (sur 5)', unit: '/ 5' },
  { id: 'satisfied', kind: 'rate', label: 'Réponses satisfaites (4 ou 5)' },
  { id: 'outcome_6m_positive', kind: 'rate', label: 'Issue positive à 6 mois' },
  { id: 'outcome_12m_positive', kind: 'rate', label: 'Issue positive à 12 mois' },
];

/** The key of mentees without a referring partner, or without a known département (NO_BREAKDOWN_KEY). */
export const NO_BREAKDOWN_KEY = 'none';

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** @param {number} n */
export const formatCount = (n) => number.format(n);

/** True when a rate counts enough cases to be shown as a percentage. @param {Rate} rate @param {number} minimumCases */
export const isSignificant = (rate, minimumCases) => rate.den >= minimumCases;

/** What a rate over fewer than the minimum of cases reads instead of its percentage (the report files' NOT_SIGNIFICANT). */
export const NOT_SIGNIFICANT = 'non significatif';

/**
 * A rate with its counts, as the report mail and files write it (shared/reports/format.ts):
 * « 72 % (18/25) » (a narrow no-break space before %), « non significatif (3/4) » under the
 * minimum of cases. @param {Rate} rate @param {number} minimumCases
 */
export function formatRate(rate, minimumCases) {
  const counts = `(${rate.num}/${rate.den})`;
  return isSignificant(rate, minimumCases) ? `${Math.round((rate.num / rate.den) * 100)}\u202f% ${counts}` : `${NOT_SIGNIFICANT} ${counts}`;
}

/** The share of a rate, 0 to 100 (0 when there is no case). @param {Rate} rate */
export const ratePercent = (rate) => (rate.den > 0 ? Math.round((rate.num / rate.den) * 100) : 0);

/** « 12 jours (25 cas) », « — (0 cas) ». @param {Median} median @param {string | undefined} unit */
export function formatMedian(median, unit) {
  const cases = `(${formatCount(median.n)}\u00a0cas)`;
  if (median.value === null) return `— ${cases}`;
  return `${number.format(median.value)}${unit ? `\u00a0${unit}` : ''} ${cases}`;
}

/** « 19 mentors, avec 0 tandem : 3, 1 : 10, 2 : 5, 3 ou plus : 1 (au plus 4) ». @param {LoadSpread} load */
export function formatLoad(load) {
  const b = load.by_tandems;
  return `${formatCount(load.mentors)}\u00a0mentors, avec 0\u00a0tandem\u00a0: ${b['0']}, 1\u00a0: ${b['1']}, 2\u00a0: ${b['2']}, 3 ou plus\u00a0: ${b['3+']} (au plus ${load.max})`;
}

/**
 * A KPI's value in words, « — » when the breakdown has no meaning for it (null).
 * @param {KpiDefinition} kpi @param {any} value @param {number} minimumCases
 */
export function formatKpi(kpi, value, minimumCases) {
  if (value === null || value === undefined) return '—';
  switch (kpi.kind) {
    case 'count':
      return formatCount(value);
    case 'rate':
      return formatRate(value, minimumCases);
    case 'median':
    case 'mean':
      return formatMedian(value, kpi.unit);
    case 'load':
      return formatLoad(value);
    default:
      return String(value);
  }
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
export const MONTH_NAMES = MONTHS;

/** « octobre 2026 », « l’année 2026 », « semaine 49 de 2026 ». @param {string} id */
export function periodLabel(id) {
  const month = /^(\d{4})-(\d{2})$/.exec(id);
  if (month) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  const week = /^(\d{4})-W(\d{2})$/.exec(id);
  if (week) return `semaine ${Number(week[2])} de ${week[1]}`;
  return /^\d{4}$/.test(id) ? `année ${id}` : id;
}

/** A period id: `YYYY-MM` or `YYYY` (Europe/Paris calendar). */
export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/** The Paris month before the one holding `now`, `YYYY-MM` (the monthly report's period). @param {Date} now */
export function previousParisMonth(now) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const y = Number(parts.find((p) => p.type === 'year')?.value);
  const m = Number(parts.find((p) => p.type === 'month')?.value);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A breakdown's scopes of a report, in display order, each with its heading. @param {any} report @param {'overall' | 'partner' | 'departement'} breakdown */
export function scopesOf(report, breakdown) {
  if (breakdown === 'partner') {
    return Object.entries(report.by_partner)
      .map(([key, set]) => ({ key, name: key === NO_BREAKDOWN_KEY ? 'Sans partenaire' : /** @type {any} */ (set).name, set }))
      .sort((a, b) => (a.key === NO_BREAKDOWN_KEY ? 1 : b.key === NO_BREAKDOWN_KEY ? -1 : a.name.localeCompare(b.name, 'fr')));
  }
  if (breakdown === 'departement') {
    return Object.entries(report.by_departement)
      .map(([key, set]) => ({ key, name: key === NO_BREAKDOWN_KEY ? 'Département inconnu' : key, set }))
      .sort((a, b) => (a.key === NO_BREAKDOWN_KEY ? 1 : b.key === NO_BREAKDOWN_KEY ? -1 : a.key.localeCompare(b.key, 'fr', { numeric: true })));
  }
  return [
    { key: 'overall', name: periodLabel(report.period.id), set: report.overall },
    { key: 'since_start', name: `Depuis ${periodLabel(report.programmeStart)}`, set: report.since_start },
  ];
}
