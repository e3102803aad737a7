/**
 * The reports' and the programme import's API contract (docs/reports.md, docs/import/README.md):
 * requests validated in the HTTP chain, responses documented in the OpenAPI document.
 */
import { array, boolean, enum as enumOf, int, literal, nullable, number, object, optional, record, strictObject, string } from 'zod';
import type { z } from 'zod';
import { KPI_DEFINITIONS, type KpiId } from './report';
import { PERIOD_PATTERN } from './report-period';

const periodSchema = string().regex(PERIOD_PATTERN).meta({ description: 'A calendar month `YYYY-MM` or a year `YYYY` (Europe/Paris).', example: '2026-10' });

/** GET /api/admin/reports/kpis?period= */
export const reportKpisQuerySchema = strictObject({ period: periodSchema }).meta({ id: 'ReportKpisQuery' });

/** POST /api/admin/reports: compute a period's report now, store its files and (by default) mail the CCI's list. */
export const runReportSchema = strictObject({
  period: periodSchema,
  send: boolean().default(true).meta({ description: 'Mail the report to the CCI\'s list (default true).' }),
}).meta({ id: 'RunReport' });

/** GET /api/admin/reports/{period}/files/{file} */
export const reportFilePathSchema = strictObject({
  period: string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])|-W(?:0[1-9]|[1-4]\d|5[0-3]))?$/).meta({ description: 'A report\'s period, or a digest\'s ISO week (`2026-W49`).' }),
  file: string().regex(/^[a-z0-9][a-z0-9.-]{0,80}\.(?:json|xlsx|csv|html)$/).meta({ description: 'A file name as listed (`report.json`, `rapport-2026-10.xlsx`…).' }),
}).meta({ id: 'ReportFilePath' });

const rate = object({ num: int().min(0), den: int().min(0) }).meta({ id: 'Rate', description: 'A rate with its counts: num out of den.' });
const median = object({ value: nullable(number()), n: int().min(0) }).meta({ id: 'Median' });
const load = object({
  mentors: int().min(0),
  by_tandems: object({ '0': int().min(0), '1': int().min(0), '2': int().min(0), '3+': int().min(0) }),
  max: int().min(0),
}).meta({ id: 'LoadSpread' });
const kpiShape = Object.fromEntries(
  KPI_DEFINITIONS.map((d) => {
    const schema = d.kind === 'count' ? int().min(0) : d.kind === 'rate' ? rate : d.kind === 'load' ? load : median;
    const nullableInBreakdown = d.id.startsWith('mentor');
    return [d.id, (nullableInBreakdown ? nullable(schema) : schema).meta({ description: d.label.en })];
  }),
) as unknown as Record<KpiId, z.ZodType>;
export const kpiSetSchema = object(kpiShape).meta({ id: 'KpiSet', description: 'Each KPI is defined in one sentence in docs/kpis.md.' });

export const kpiReportSchema = object({
  schema: literal(1),
  period: object({ id: string(), kind: enumOf(['month', 'year']), start: string(), end: string() }),
  timeZone: literal('Europe/Paris'),
  programmeStart: string(),
  generatedAt: string(),
  minimumCases: literal(5),
  overall: kpiSetSchema,
  since_start: kpiSetSchema,
  by_partner: record(string(), kpiSetSchema.extend({ name: string() })),
  by_departement: record(string(), kpiSetSchema),
}).meta({ id: 'KpiReport', description: 'What report.json holds: the period, programme-to-date, by partner and by département.' });

export const reportListSchema = object({
  reports: array(
    object({
      period: string(),
      files: array(object({ name: string(), size: int().min(0), modifiedAt: string() })),
    }),
  ),
}).meta({ id: 'ReportList' });

export const reportLinkSchema = object({
  url: string().meta({ description: 'A short-lived download link.' }),
  expiresAt: string(),
}).meta({ id: 'ReportLink' });

export const runReportResultSchema = object({
  period: string(),
  files: array(string()),
  /** Addresses mailed (a count: the list is the stage's). */
  mailed: int().min(0),
}).meta({ id: 'RunReportResult' });

// ── Programme import ─────────────────────────────────────────────────────────────────────────────

export const IMPORT_FILES = ['partners', 'mentors', 'mentees', 'tandems'] as const;
export type ImportFileKind = (typeof IMPORT_FILES)[number];
/** The most characters one uploaded CSV file may hold (the API's payload limit is 6 MB in all). */
export const MAX_IMPORT_FILE_CHARS = 1_500_000;

const csvText = string().max(MAX_IMPORT_FILE_CHARS).meta({ description: 'The CSV file\'s text (UTF-8, header row, `,` or `;` separated).' });

/** POST /api/admin/imports */
export const importProgrammeSchema = strictObject({
  dryRun: boolean().default(true).meta({ description: 'Check only, write nothing (default true).' }),
  files: strictObject({
    partners: optional(csvText),
    mentors: optional(csvText),
    mentees: optional(csvText),
    tandems: optional(csvText),
  }).refine((f) => Object.values(f).some((v) => v !== undefined), { message: 'at least one file' }),
}).meta({ id: 'ImportProgramme' });

export const importProblemSchema = object({
  file: string().meta({ example: 'mentors.csv' }),
  line: int().min(1).meta({ description: 'Line in the file (1 is the header row).' }),
  column: optional(string()),
  code: string().meta({ description: 'unknown_code, bad_date, unknown_reference, duplicate_email, capacity_exceeded, missing_value, …' }),
  message: string().meta({ description: 'In French.' }),
}).meta({ id: 'ImportProblem' });

export const importResultSchema = object({
  dryRun: boolean(),
  /** True when no file has a problem (a real run then wrote every file). */
  ok: boolean(),
  files: array(
    object({
      file: string(),
      rows: int().min(0),
      /** Rows written (a real run) or that would be written (a dry run). */
      created: int().min(0),
      /** Rows whose `external_id` was already imported: left as they are. */
      unchanged: int().min(0),
      written: boolean(),
    }),
  ),
  problems: array(importProblemSchema),
}).meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportProblem = z.infer<typeof importProblemSchema>;
