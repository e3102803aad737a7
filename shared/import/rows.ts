/**
 * Each file's rows checked on their own (codes, dates, formats, the sign-up's rules) and turned into
 * typed rows; what refers to other files or to the hub is checked in plan.ts. Every problem names
 * its file, line and column.
 */
import type { z } from 'zod';
import { createPartnerSchema, PARTNER_KINDS } from '../domain/back-office-schemas';
import { CHOSEN_END_REASONS, BUSINESS_OUTCOMES, JOB_OUTCOMES, type EndReason } from '../domain/follow-up';
import { EXPERTISE_CODES, LANGUAGE_CODES, MEETING_MODE_CODES, PROFILE_CODES, SECTOR_CODES, TRACK_CODES, type TrackCode } from '../domain/reference';
import type { ImportFileKind, ImportProblem } from '../domain/report-schemas';
import { menteeSignUpSchema, mentorSignUpSchema, postalCodeSchema, type MenteeSignUp, type MentorSignUp } from '../domain/sign-up-schemas';
import type { TandemStatus } from '../domain/matching';
import { listOf, readCsv, type CsvRow } from './csv';
import { problem } from './messages';

export const IMPORT_COLUMNS = {
  partners: ['external_id', 'name', 'kind', 'postal_code', 'contact_email'],
  mentors: ['external_id', 'first_name', 'last_name', 'email', 'profile', 'company', 'postal_code', 'commune_code', 'sectors', 'expertise', 'languages', 'tracks', 'meeting_modes', 'capacity', 'status', 'joined_on'],
  mentees: ['external_id', 'first_name', 'last_name', 'email', 'track', 'sector', 'needs', 'languages', 'postal_code', 'commune_code', 'meeting_modes', 'partner_external_id', 'status', 'signed_up_on'],
  tandems: ['external_id', 'mentor_external_id', 'mentee_external_id', 'started_on', 'status', 'ended_on', 'end_reason', 'outcome', 'outcome_on'],
} as const satisfies Record<ImportFileKind, readonly string[]>;

export const fileName = (kind: ImportFileKind) => `${kind}.csv`;

/** Statuses a CSV may give: those the hub knows, but not the ones only its own steps set (pending verification, erased). */
export const IMPORTED_MENTOR_STATUSES = ['pending_validation', 'active', 'paused', 'inactive'] as const;
export const IMPORTED_MENTEE_STATUSES = ['awaiting_match', 'unmatched', 'in_tandem', 'closed'] as const;
export const IMPORTED_TANDEM_STATUSES = ['active', 'completed', 'ended_early'] as const satisfies readonly TandemStatus[];
export const OUTCOMES_BY_TRACK: Record<TrackCode, readonly string[]> = { job_search: JOB_OUTCOMES, business_creation: BUSINESS_OUTCOMES };

interface RowBase {
  line: number;
  externalId: string;
}
export interface PartnerRow extends RowBase {
  name: string;
  kind: (typeof PARTNER_KINDS)[number];
  postalCode?: string;
  contactEmail?: string;
}
export interface MentorRow extends RowBase {
  signUp: Omit<MentorSignUp, 'consent'>;
  status: (typeof IMPORTED_MENTOR_STATUSES)[number];
  joinedOn: string;
}
export interface MenteeRow extends RowBase {
  signUp: Omit<MenteeSignUp, 'consent' | 'partnerId'>;
  partnerExternalId?: string;
  status: (typeof IMPORTED_MENTEE_STATUSES)[number];
  signedUpOn: string;
}
export interface TandemRow extends RowBase {
  mentorExternalId: string;
  menteeExternalId: string;
  status: (typeof IMPORTED_TANDEM_STATUSES)[number];
  startedOn: string;
  endedOn?: string;
  endReason?: EndReason;
  /** Checked against the mentee's track in plan.ts. */
  outcome?: string;
  outcomeOn?: string;
}

/** What one file's rows give: the rows without problems, the problems, and every external id seen (with its line). */
export interface ParsedFile<R> {
  file: string;
  /** Data rows read (problems or not). */
  count: number;
  rows: R[];
  problems: ImportProblem[];
  /** Every external id of the file, even on a row with problems: references to it are not reported as unknown. */
  ids: Set<string>;
}

const EXTERNAL_ID = /^[A-Za-z0-9._:/-]{1,100}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The checks of one row, collecting problems by column (one problem per column at most). */
class RowCheck {
  readonly problems: ImportProblem[] = [];
  private readonly flagged = new Set<string>();
  constructor(
    readonly file: string,
    readonly row: CsvRow,
    readonly today: string,
  ) {}

  add(column: string | undefined, code: Parameters<typeof problem>[3], params: Parameters<typeof problem>[4] = {}) {
    const at = column ?? '';
    if (this.flagged.has(at)) return;
    this.flagged.add(at);
    this.problems.push(problem(this.file, this.row.line, column, code, params));
  }
  has(column: string) {
    return this.flagged.has(column);
  }
  cell(column: string): string {
    return this.row.cells[column] ?? '';
  }
  required(column: string): string | undefined {
    const v = this.cell(column);
    if (v === '') this.add(column, 'missing_value');
    return v === '' ? undefined : v;
  }
  code<C extends string>(column: string, codes: readonly C[], options: { required: boolean } = { required: true }): C | undefined {
    const v = options.required ? this.required(column) : this.cell(column) || undefined;
    if (v === undefined) return undefined;
    if (!(codes as readonly string[]).includes(v)) {
      this.add(column, 'unknown_code', { value: v.slice(0, 40), allowed: codes.join(', ') });
      return undefined;
    }
    return v as C;
  }
  codes<C extends string>(column: string, codes: readonly C[]): C[] | undefined {
    const v = this.required(column);
    if (v === undefined) return undefined;
    const values = listOf(v);
    const unknown = values.find((x) => !(codes as readonly string[]).includes(x));
    if (unknown !== undefined) {
      this.add(column, 'unknown_code', { value: unknown.slice(0, 40), allowed: codes.join(', ') });
      return undefined;
    }
    if (values.length === 0) {
      this.add(column, 'missing_value');
      return undefined;
    }
    return values as C[];
  }
  day(column: string, options: { required: boolean }): string | undefined {
    const v = options.required ? this.required(column) : this.cell(column) || undefined;
    if (v === undefined) return undefined;
    if (!isDay(v)) {
      this.add(column, 'bad_date', { value: v.slice(0, 20) });
      return undefined;
    }
    if (v > this.today) {
      this.add(column, 'future_date', { value: v });
      return undefined;
    }
    return v;
  }
  externalId(column: string, options: { required: boolean } = { required: true }): string | undefined {
    const v = options.required ? this.required(column) : this.cell(column) || undefined;
    if (v === undefined) return undefined;
    if (!EXTERNAL_ID.test(v)) {
      this.add(column, 'bad_value', { expected: '1 à 100 lettres sans accent, chiffres ou . _ : / -' });
      return undefined;
    }
    return v;
  }
  /** The issues of a zod schema, on the columns that have no problem yet. */
  schemaIssues(issues: readonly z.core.$ZodIssue[], columnOf: Record<string, string>) {
    for (const issue of issues) {
      const column = columnOf[String(issue.path[0])] ?? String(issue.path[0]);
      const key = issue.code === 'custom' ? (issue.params as { key?: string } | undefined)?.key : undefined;
      if (key === 'unknown_postal_code' || key === 'commune_mismatch' || key === 'commune_required') this.add(column, key);
      else if (key === 'duplicate_values') this.add(column, 'bad_value', { expected: 'un code en double dans la liste' });
      else if (issue.code === 'too_big') this.add(column, 'bad_value', { expected: issue.origin === 'array' ? `au plus ${String(issue.maximum)} valeurs` : `au plus ${String(issue.maximum)} caractères` });
      else if (issue.code === 'too_small') this.add(column, 'bad_value', { expected: issue.origin === 'array' ? `au moins ${String(issue.minimum)} valeurs` : 'valeur vide' });
      else if (column === 'email') this.add(column, 'bad_value', { expected: 'adresse e-mail' });
      else if (column === 'postal_code') this.add(column, 'bad_value', { expected: 'cinq chiffres' });
      else if (column === 'commune_code') this.add(column, 'bad_value', { expected: 'code INSEE de la commune (5 caractères)' });
      else this.add(column, 'bad_value', key === 'invalid_characters' || key === 'invisible_characters' ? { expected: 'caractères non autorisés (< >, caractères invisibles)' } : {});
    }
  }
}

function parseFile<R extends RowBase>(kind: ImportFileKind, text: string, today: string, build: (check: RowCheck) => R | undefined): ParsedFile<R> {
  const file = fileName(kind);
  const read = readCsv(file, text, IMPORT_COLUMNS[kind]);
  const problems = [...read.problems];
  const rows: R[] = [];
  const ids = new Set<string>();
  const firstLine = new Map<string, number>();
  for (const row of read.rows) {
    const check = new RowCheck(file, row, today);
    const externalId = row.cells.external_id ?? '';
    if (externalId !== '' && firstLine.has(externalId)) check.add('external_id', 'duplicate_external_id', { value: externalId.slice(0, 100), firstLine: firstLine.get(externalId) });
    const built = build(check);
    if (externalId !== '') {
      ids.add(externalId);
      if (!firstLine.has(externalId)) firstLine.set(externalId, row.line);
    }
    problems.push(...check.problems);
    if (built && check.problems.length === 0) rows.push(built);
  }
  // A bad row (wrong cell count) is a data row too.
  return { file, count: read.rows.length + read.problems.filter((p) => p.code === 'bad_row').length, rows, problems, ids };
}

const PERSON_COLUMNS: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  company: 'company',
  postalCode: 'postal_code',
  communeCode: 'commune_code',
  meetingModes: 'meeting_modes',
  profile: 'profile',
  tracks: 'tracks',
  sectors: 'sectors',
  expertise: 'expertise',
  languages: 'languages',
  capacity: 'capacity',
  track: 'track',
  sector: 'sector',
  needs: 'needs',
};

export function parsePartners(text: string, today: string): ParsedFile<PartnerRow> {
  return parseFile('partners', text, today, (c) => {
    const externalId = c.externalId('external_id');
    const name = c.required('name');
    const kind = c.code('kind', PARTNER_KINDS);
    const postalCode = c.cell('postal_code') || undefined;
    if (postalCode !== undefined && !postalCodeSchema.safeParse(postalCode).success) c.add('postal_code', /^\d{5}$/.test(postalCode) ? 'unknown_postal_code' : 'bad_value', { expected: 'cinq chiffres' });
    const contactEmail = c.cell('contact_email') || undefined;
    if (name === undefined || kind === undefined) return undefined;
    const parsed = createPartnerSchema.safeParse({ name, kind, ...(contactEmail ? { contactEmail } : {}) });
    if (!parsed.success) c.schemaIssues(parsed.error.issues, { name: 'name', contactEmail: 'contact_email', kind: 'kind' });
    if (!parsed.success || externalId === undefined) return undefined;
    return {
      line: c.row.line,
      externalId,
      name: parsed.data.name,
      kind: parsed.data.kind,
      ...(postalCode ? { postalCode } : {}),
      ...(parsed.data.contactEmail ? { contactEmail: parsed.data.contactEmail } : {}),
    };
  });
}

function capacityOf(c: RowCheck): number | undefined {
  const v = c.required('capacity');
  if (v === undefined) return undefined;
  if (!/^[1-5]$/.test(v)) {
    c.add('capacity', 'bad_value', { expected: 'un nombre entier de 1 à 5' });
    return undefined;
  }
  return Number(v);
}

export function parseMentors(text: string, today: string): ParsedFile<MentorRow> {
  return parseFile('mentors', text, today, (c) => {
    const externalId = c.externalId('external_id');
    for (const column of ['first_name', 'last_name', 'email', 'postal_code']) c.required(column);
    const fields = {
      profile: c.code('profile', PROFILE_CODES),
      sectors: c.codes('sectors', SECTOR_CODES),
      expertise: c.codes('expertise', EXPERTISE_CODES),
      languages: c.codes('languages', LANGUAGE_CODES),
      tracks: c.codes('tracks', TRACK_CODES),
      meetingModes: c.codes('meeting_modes', MEETING_MODE_CODES),
      capacity: capacityOf(c),
    };
    const status = c.code('status', IMPORTED_MENTOR_STATUSES);
    const joinedOn = c.day('joined_on', { required: true });
    const input = {
      firstName: c.cell('first_name'),
      lastName: c.cell('last_name'),
      email: c.cell('email'),
      postalCode: c.cell('postal_code'),
      ...(c.cell('commune_code') ? { communeCode: c.cell('commune_code') } : {}),
      ...(c.cell('company') ? { company: c.cell('company') } : {}),
      ...fields,
      consent: true,
    };
    const parsed = mentorSignUpSchema.safeParse(input);
    if (!parsed.success) c.schemaIssues(parsed.error.issues, PERSON_COLUMNS);
    if (!parsed.success || externalId === undefined || status === undefined || joinedOn === undefined) return undefined;
    const { consent: _consent, ...signUp } = parsed.data;
    return { line: c.row.line, externalId, signUp, status, joinedOn };
  });
}

export function parseMentees(text: string, today: string): ParsedFile<MenteeRow> {
  return parseFile('mentees', text, today, (c) => {
    const externalId = c.externalId('external_id');
    for (const column of ['first_name', 'last_name', 'email', 'postal_code']) c.required(column);
    const fields = {
      track: c.code('track', TRACK_CODES),
      sector: c.code('sector', SECTOR_CODES),
      needs: c.codes('needs', EXPERTISE_CODES),
      languages: c.codes('languages', LANGUAGE_CODES),
      meetingModes: c.codes('meeting_modes', MEETING_MODE_CODES),
    };
    const partnerExternalId = c.externalId('partner_external_id', { required: false });
    const status = c.code('status', IMPORTED_MENTEE_STATUSES);
    const signedUpOn = c.day('signed_up_on', { required: true });
    const input = {
      firstName: c.cell('first_name'),
      lastName: c.cell('last_name'),
      email: c.cell('email'),
      postalCode: c.cell('postal_code'),
      ...(c.cell('commune_code') ? { communeCode: c.cell('commune_code') } : {}),
      ...fields,
      consent: true,
    };
    const parsed = menteeSignUpSchema.safeParse(input);
    if (!parsed.success) c.schemaIssues(parsed.error.issues, PERSON_COLUMNS);
    if (!parsed.success || externalId === undefined || status === undefined || signedUpOn === undefined) return undefined;
    const { consent: _consent, partnerId: _partnerId, ...signUp } = parsed.data;
    return { line: c.row.line, externalId, signUp, ...(partnerExternalId ? { partnerExternalId } : {}), status, signedUpOn };
  });
}

export function parseTandems(text: string, today: string): ParsedFile<TandemRow> {
  return parseFile('tandems', text, today, (c) => {
    const externalId = c.externalId('external_id');
    const mentorExternalId = c.externalId('mentor_external_id');
    const menteeExternalId = c.externalId('mentee_external_id');
    const startedOn = c.day('started_on', { required: true });
    const status = c.code('status', IMPORTED_TANDEM_STATUSES);
    const endedOn = c.day('ended_on', { required: false });
    const endReason = c.code('end_reason', CHOSEN_END_REASONS, { required: false });
    const outcome = c.cell('outcome') || undefined;
    const outcomeOn = c.day('outcome_on', { required: false });
    if (outcome !== undefined && ![...JOB_OUTCOMES, ...BUSINESS_OUTCOMES].includes(outcome as never)) {
      c.add('outcome', 'unknown_code', { value: outcome.slice(0, 40), allowed: [...new Set([...JOB_OUTCOMES, ...BUSINESS_OUTCOMES])].join(', ') });
    }
    if (status === 'active') {
      if (c.cell('ended_on')) c.add('ended_on', 'not_allowed', { reason: 'un tandem actif n’a pas de date de fin' });
      if (c.cell('end_reason')) c.add('end_reason', 'not_allowed', { reason: 'un tandem actif n’a pas de motif de fin' });
    } else if (status !== undefined) {
      if (!c.has('ended_on') && !c.cell('ended_on')) c.add('ended_on', 'missing_value');
      if (status === 'ended_early' && !c.has('end_reason') && !c.cell('end_reason')) c.add('end_reason', 'missing_value');
      if (status === 'completed' && c.cell('end_reason')) c.add('end_reason', 'not_allowed', { reason: 'un tandem terminé (completed) n’a pas de motif de fin anticipée' });
    }
    if (startedOn && endedOn && endedOn < startedOn) c.add('ended_on', 'date_order', { other: 'started_on' });
    if (startedOn && outcomeOn && outcomeOn < startedOn) c.add('outcome_on', 'date_order', { other: 'started_on' });
    if (outcomeOn && !c.cell('outcome')) c.add('outcome', 'missing_value');
    if (externalId === undefined || mentorExternalId === undefined || menteeExternalId === undefined || startedOn === undefined || status === undefined) return undefined;
    return {
      line: c.row.line,
      externalId,
      mentorExternalId,
      menteeExternalId,
      status,
      startedOn,
      ...(endedOn ? { endedOn } : {}),
      ...(endReason ? { endReason } : {}),
      ...(outcome ? { outcome } : {}),
      ...(outcomeOn ? { outcomeOn } : {}),
    };
  });
}
