/**
 * Reports to the CCI (docs/reports.md, docs/kpis.md): the rows a report reads from the time index
 * (GSI3, one row per person, tandem, proposal, check-in round and outcome survey), and the shape of
 * what it computes — `report.json`, the XLSX and CSV files, the mail and the console's « Rapports »
 * page all render this one `KpiReport`. Pure types and constants: the computation is kpis.ts.
 */
import type { CheckInKind, CheckInRole, EndReason, OutcomeMilestone, OutcomeValue } from './follow-up';
import type { Decision, ProposalStatus, TandemStatus } from './matching';
import type { PersonStatus, Role } from './people';
import type { ReportPeriod } from './report-period';

// ── Rows (what the time index projects: shared/db/table.ts REPORT_ATTRIBUTES) ────────────────────

export interface ReportPersonRow {
  role: Role;
  id: string;
  status: PersonStatus;
  /** Sign-up (or, imported, `joined_on` / `signed_up_on` at Paris midnight). */
  createdAt: string;
  verifiedAt?: string;
  /** Mentees: the referring partner. */
  partnerId?: string;
  /** From the stored `departement` (kept by an erasure), else the commune code; `undefined` when neither. */
  departement?: string;
  /** Mentees: their track. */
  track?: string;
  /** Mentors: the tracks they offer, their capacity and tandems in progress (now). */
  tracks?: string[];
  capacity?: number;
  activeMentees?: number;
}

export interface ReportTandemRow {
  id: string;
  menteeId: string;
  mentorId: string;
  /** The mentee's referring partner (the tandem's partner). */
  partnerId?: string;
  track: string;
  status: TandemStatus;
  startedAt: string;
  endedAt?: string;
  endReason?: EndReason;
  /** The outcome the tandem was closed with (`completed`). */
  outcome?: OutcomeValue;
}

export interface ReportProposalRow {
  menteeId: string;
  mentorId: string;
  createdAt: string;
  status: ProposalStatus;
  decision?: Decision;
  decidedAt?: string;
}

export interface ReportCheckInRow {
  tandemId: string;
  seq: number;
  kind: CheckInKind;
  dueAt: string;
  status: 'scheduled' | 'sent' | 'cancelled';
  sentAt?: string;
  /** Per role: when it answered and, for a monthly check-in, the satisfaction (1–5). Never a free text. */
  answers: Partial<Record<CheckInRole, { answeredAt: string; satisfaction?: number }>>;
}

export interface ReportOutcomeRow {
  tandemId: string;
  milestone: OutcomeMilestone;
  dueAt: string;
  /** The outcome that counts (currentOutcome: the CCI's latest record, else the latest), if any. */
  outcome?: OutcomeValue;
  recordedAt?: string;
}

export interface ReportPartnerRow {
  id: string;
  name: string;
}

/** Everything a report reads, up to the period's end (from the programme's start). */
export interface ReportDataset {
  people: ReportPersonRow[];
  tandems: ReportTandemRow[];
  proposals: ReportProposalRow[];
  checkIns: ReportCheckInRow[];
  outcomes: ReportOutcomeRow[];
  partners: ReportPartnerRow[];
}

// ── Results ────────────────────────────────────────────────────────────────────────────────────

/** A rate, always with its counts: `{ num: 18, den: 25 }` reads « 72 % (18/25) ». */
export interface Rate {
  num: number;
  den: number;
}
/** A median over `n` cases (`value` null when n = 0). */
export interface Median {
  value: number | null;
  n: number;
}
/** A mean over `n` cases (`value` null when n = 0), rounded to one decimal. */
export interface Mean {
  value: number | null;
  n: number;
}
/** How many active mentors carry 0, 1, 2, 3 or more tandems at the period's end, and the most any carries. */
export interface LoadSpread {
  mentors: number;
  by_tandems: { '0': number; '1': number; '2': number; '3+': number };
  max: number;
}

/** A rate over fewer cases than this is shown « non significatif ». */
export const MIN_SIGNIFICANT_CASES = 5;
export const isSignificant = (rate: Rate): boolean => rate.den >= MIN_SIGNIFICANT_CASES;

/**
 * The KPIs of one scope (overall, one partner, one département) over one range. Each is defined in
 * one sentence in docs/kpis.md. `null`: not meaningful for that breakdown (mentor KPIs by partner).
 */
export interface KpiSet {
  tandems_started: number;
  tandems_completed: number;
  tandems_ended_early: number;
  tandems_active_end: number;
  median_days_to_match: Median;
  job_search_positive_exit: Rate;
  business_created: Rate;
  mentors_new: number | null;
  mentors_active: number | null;
  mentors_at_capacity: number | null;
  mentors_paused: number | null;
  mentor_load: LoadSpread | null;
  mentees_new: number;
  mentees_waiting: number;
  mentees_matched: number;
  mentees_unmatched: number;
  proposal_acceptance: Rate;
  median_response_hours: Median;
  check_in_response: Rate;
  satisfaction: Mean;
  satisfied: Rate;
  outcome_6m_positive: Rate;
  outcome_12m_positive: Rate;
}
export type KpiId = keyof KpiSet;

export type KpiKind = 'count' | 'rate' | 'median' | 'mean' | 'load';

export interface KpiDefinition {
  id: KpiId;
  kind: KpiKind;
  /** French first (the report's language), English second. */
  label: { fr: string; en: string };
  /** For medians and means: the unit shown after the value. */
  unit?: { fr: string; en: string };
  /** A headline of the mail and the console's first row. */
  headline?: true;
}

/** Every KPI, in the order the report shows them; docs/kpis.md defines each (a test holds them equal). */
export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  { id: 'tandems_started', kind: 'count', label: { fr: 'Tandems démarrés', en: 'Tandems started' }, headline: true },
  { id: 'tandems_completed', kind: 'count', label: { fr: 'Tandems terminés', en: 'Tandems completed' } },
  { id: 'tandems_ended_early', kind: 'count', label: { fr: 'Tandems arrêtés avant terme', en: 'Tandems ended early' } },
  { id: 'tandems_active_end', kind: 'count', label: { fr: 'Tandems en cours en fin de période', en: 'Tandems active at the end' }, headline: true },
  { id: 'median_days_to_match', kind: 'median', label: { fr: 'Délai médian avant tandem', en: 'Median time to match' }, unit: { fr: 'jours', en: 'days' }, headline: true },
  { id: 'job_search_positive_exit', kind: 'rate', label: { fr: 'Sorties positives (recherche d’emploi)', en: 'Positive exits (job search)' }, headline: true },
  { id: 'business_created', kind: 'rate', label: { fr: 'Entreprises créées (création d’entreprise)', en: 'Companies created (business creation)' }, headline: true },
  { id: 'mentors_new', kind: 'count', label: { fr: 'Nouveaux mentors', en: 'New mentors' }, headline: true },
  { id: 'mentors_active', kind: 'count', label: { fr: 'Mentors actifs', en: 'Active mentors' } },
  { id: 'mentors_at_capacity', kind: 'count', label: { fr: 'Mentors à pleine capacité', en: 'Mentors at capacity' } },
  { id: 'mentors_paused', kind: 'count', label: { fr: 'Mentors en pause', en: 'Paused mentors' } },
  { id: 'mentor_load', kind: 'load', label: { fr: 'Charge des mentors (tandems en cours)', en: 'Mentor load (tandems in progress)' } },
  { id: 'mentees_new', kind: 'count', label: { fr: 'Nouveaux mentorés', en: 'New mentees' } },
  { id: 'mentees_waiting', kind: 'count', label: { fr: 'Mentorés en attente', en: 'Mentees waiting' }, headline: true },
  { id: 'mentees_matched', kind: 'count', label: { fr: 'Mentorés mis en tandem', en: 'Mentees matched' } },
  { id: 'mentees_unmatched', kind: 'count', label: { fr: 'Mentorés sans mentor trouvé', en: 'Mentees unmatched' } },
  { id: 'proposal_acceptance', kind: 'rate', label: { fr: 'Propositions acceptées', en: 'Proposals accepted' } },
  { id: 'median_response_hours', kind: 'median', label: { fr: 'Délai médian de réponse des mentors', en: 'Median mentor response time' }, unit: { fr: 'heures', en: 'hours' } },
  { id: 'check_in_response', kind: 'rate', label: { fr: 'Réponses aux points d’étape', en: 'Check-in answers' } },
  { id: 'satisfaction', kind: 'mean', label: { fr: 'Satisfaction moyenne (sur 5)', en: 'Mean satisfaction (out of 5)' }, unit: { fr: '/ 5', en: '/ 5' } },
  { id: 'satisfied', kind: 'rate', label: { fr: 'Réponses satisfaites (4 ou 5)', en: 'Satisfied answers (4 or 5)' } },
  { id: 'outcome_6m_positive', kind: 'rate', label: { fr: 'Issue positive à 6 mois', en: 'Positive outcome at 6 months' } },
  { id: 'outcome_12m_positive', kind: 'rate', label: { fr: 'Issue positive à 12 mois', en: 'Positive outcome at 12 months' } },
];

/** The key of mentees (and their tandems) without a referring partner, or without a known département. */
export const NO_BREAKDOWN_KEY = 'none';

/** What report.json holds (`schema: 1`). Rates are `{ num, den }`. */
export interface KpiReport {
  schema: 1;
  period: ReportPeriod;
  timeZone: 'Europe/Paris';
  /** `YYYY-MM`: the first month the programme-to-date figures count from. */
  programmeStart: string;
  generatedAt: string;
  minimumCases: typeof MIN_SIGNIFICANT_CASES;
  /** The period. */
  overall: KpiSet;
  /** From the programme's start to the period's end. */
  since_start: KpiSet;
  /** By the mentee's referring partner, keyed by partner id (NO_BREAKDOWN_KEY: no partner). */
  by_partner: Record<string, KpiSet & { name: string }>;
  /** By the mentee's département (mentor KPIs: the mentor's), keyed by code (`13`, `2A`, `974`; NO_BREAKDOWN_KEY: unknown). */
  by_departement: Record<string, KpiSet>;
}

/** The département of an INSEE commune code: `13055` → `13`, `2A004` → `2A`, `97411` → `974`. */
export function departementOfCommune(communeCode: string | undefined): string | undefined {
  if (!communeCode || !/^(\d{5}|2[AB]\d{3})$/.test(communeCode)) return undefined;
  return communeCode.startsWith('97') || communeCode.startsWith('98') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

// ── The weekly digest (alerts only) ─────────────────────────────────────────────────────────────

/** Days after which a waiting mentee is listed by the weekly digest. */
export const DIGEST_WAITING_DAYS = 14;

/** What the Monday digest lists: ids and dates only (the mail links to the console's pages). */
export interface WeeklyDigest {
  /** ISO week, `2026-W49`. */
  week: string;
  generatedAt: string;
  /** Verified mentees waiting (awaiting_match, matching_failed) for more than DIGEST_WAITING_DAYS. */
  menteesWaiting: { id: string; since: string; days: number; partnerId?: string }[];
  /** Pending proposals with no answer yet, oldest first. */
  proposalsUnanswered: { menteeId: string; mentorId: string; createdAt: string; days: number }[];
  /** Open alerts: help requested, not a good fit, silent. */
  tandemAlerts: { tandemId: string; kind: string; raisedAt: string }[];
}
