/**
 * A report's files (docs/reports.md « Outputs »): `report.json`, the formatted workbook
 * `rapport-<period>.xlsx` (exceljs) and three CSVs a French spreadsheet opens as they are (UTF-8
 * with BOM, `;`, CRLF). The workbook and the CSVs render the same tables:
 *
 * - « Synthèse »: one row per KPI, the period and the programme-to-date figures side by side;
 * - « Par partenaire », « Par département »: one row per scope, KPIs as columns (those `null` for
 *   every scope, the mentor KPIs by partner, are left out).
 *
 * A rate is three columns: the percentage, its numerator and its denominator; under
 * MIN_SIGNIFICANT_CASES the percentage reads « non significatif » (the counts stay beside it),
 * without a case it is empty. A median or a mean is its value and its number of cases; the mentor
 * load is one column (or row) per bucket. Pure: builds buffers, no I/O.
 */
import ExcelJS from 'exceljs';
import { isSignificant, KPI_DEFINITIONS, MIN_SIGNIFICANT_CASES, type KpiDefinition, type KpiReport, type KpiSet, type LoadSpread, type Median, type Rate } from '../domain/report';
import type { ReportFile } from '../ports/report-store';
import { departementScopes, formatDayFr, partnerScopes, periodLabel, periodTitle, sinceStartLabel } from './format';

const NBSP = '\u00a0';
export const NOT_SIGNIFICANT = 'non significatif';

export const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** The file names of a period's report (the console and the job name them the same way). */
export const reportFileNames = (periodId: string) =>
  ({
    json: 'report.json',
    xlsx: `rapport-${periodId}.xlsx`,
    synthese: 'synthese.csv',
    partners: 'par-partenaire.csv',
    departements: 'par-departement.csv',
  }) as const;

// ── The tables (one model, two renderings) ───────────────────────────────────────────────────────

type ColumnKind = 'text' | 'count' | 'percent' | 'decimal';
/**
 * A cell: a text, a number (formatted as its column), a number formatted as `as` (the summary's
 * value columns hold counts, percentages and medians), `null` (empty) or a percentage under the
 * minimum of cases.
 */
type Cell = string | number | null | { n: number; as: ColumnKind } | { notSignificant: true };
interface Column {
  header: string;
  kind: ColumnKind;
  width: number;
}
interface Table {
  /** Sheet name (≤ 31 characters). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
}

const NS: Cell = { notSignificant: true };
/** A rate's three cells; without a case the percentage is empty (nothing to read, significant or not). */
const rateCells = (rate: Rate): Cell[] => [rate.den === 0 ? null : isSignificant(rate) ? { n: rate.num / rate.den, as: 'percent' } : NS, rate.num, rate.den];
const medianCells = (median: Median): Cell[] => [median.value, median.n];
const LOAD_PARTS: Array<{ label: string; of: (load: LoadSpread) => number }> = [
  { label: 'mentors actifs', of: (l) => l.mentors },
  { label: '0 tandem', of: (l) => l.by_tandems['0'] },
  { label: '1 tandem', of: (l) => l.by_tandems['1'] },
  { label: '2 tandems', of: (l) => l.by_tandems['2'] },
  { label: '3 tandems ou plus', of: (l) => l.by_tandems['3+'] },
  { label: 'maximum par mentor', of: (l) => l.max },
];
const unitOf = (kpi: KpiDefinition): string => (kpi.kind === 'rate' ? '%' : (kpi.unit?.fr ?? 'nombre'));

/** « Synthèse »: a row per KPI (the mentor load: a row per bucket), period and programme-to-date side by side. */
function summaryTable(report: KpiReport): Table {
  const scopes = [
    { title: periodTitle(report.period.id), set: report.overall },
    { title: sinceStartLabel(report), set: report.since_start },
  ];
  const columns: Column[] = [
    { header: 'Indicateur', kind: 'text', width: 46 },
    { header: 'Unité', kind: 'text', width: 10 },
    ...scopes.flatMap(({ title }): Column[] => [
      { header: title, kind: 'decimal', width: 16 },
      { header: `${title} — numérateur`, kind: 'count', width: 16 },
      { header: `${title} — dénominateur ou cas`, kind: 'count', width: 18 },
    ]),
  ];
  const rows: Cell[][] = [];
  for (const kpi of KPI_DEFINITIONS) {
    if (kpi.kind === 'load') {
      for (const part of LOAD_PARTS) {
        rows.push([`${kpi.label.fr} — ${part.label}`, 'nombre', ...scopes.flatMap(({ set }): Cell[] => [set.mentor_load ? { n: part.of(set.mentor_load), as: 'count' } : null, null, null])]);
      }
      continue;
    }
    rows.push([kpi.label.fr, unitOf(kpi), ...scopes.flatMap(({ set }) => summaryCells(kpi, set))]);
  }
  return { sheet: 'Synthèse', columns, rows };
}

function summaryCells(kpi: KpiDefinition, set: KpiSet): Cell[] {
  const value = set[kpi.id];
  if (value === null) return [null, null, null];
  switch (kpi.kind) {
    case 'rate':
      return rateCells(value as Rate);
    case 'median':
    case 'mean':
      return [(value as Median).value === null ? null : { n: (value as Median).value!, as: 'decimal' }, null, (value as Median).n];
    default:
      return [{ n: value as number, as: 'count' }, null, null];
  }
}

/** The columns of a KPI in a breakdown (« Par partenaire », « Par département »). */
function breakdownColumns(kpi: KpiDefinition): Column[] {
  const label = kpi.label.fr;
  switch (kpi.kind) {
    case 'count':
      return [{ header: label, kind: 'count', width: 14 }];
    case 'rate':
      return [
        { header: `${label} (%)`, kind: 'percent', width: 16 },
        { header: `${label} — numérateur`, kind: 'count', width: 14 },
        { header: `${label} — dénominateur`, kind: 'count', width: 14 },
      ];
    case 'median':
    case 'mean':
      return [
        { header: kpi.kind === 'median' && kpi.unit ? `${label} (${kpi.unit.fr})` : label, kind: 'decimal', width: 16 },
        { header: `${label} — cas`, kind: 'count', width: 12 },
      ];
    case 'load':
      return LOAD_PARTS.map((part) => ({ header: `${label} — ${part.label}`, kind: 'count' as const, width: 14 }));
  }
}

function breakdownCells(kpi: KpiDefinition, set: KpiSet): Cell[] {
  const value = set[kpi.id];
  if (value === null) return breakdownColumns(kpi).map(() => null);
  switch (kpi.kind) {
    case 'count':
      return [value as number];
    case 'rate':
      return rateCells(value as Rate);
    case 'median':
    case 'mean':
      return medianCells(value as Median);
    case 'load':
      return LOAD_PARTS.map((part) => part.of(value as LoadSpread));
  }
}

function breakdownTable(sheet: string, keyColumns: Column[], scopes: Array<{ keys: Cell[]; set: KpiSet }>): Table {
  // A KPI null for every scope has no meaning in this breakdown (mentor KPIs by partner): left out.
  const kpis = KPI_DEFINITIONS.filter((kpi) => scopes.some(({ set }) => set[kpi.id] !== null));
  return {
    sheet,
    columns: [...keyColumns, ...kpis.flatMap(breakdownColumns)],
    rows: scopes.map(({ keys, set }) => [...keys, ...kpis.flatMap((kpi) => breakdownCells(kpi, set))]),
  };
}

const partnerTable = (report: KpiReport): Table =>
  breakdownTable(
    'Par partenaire',
    [
      { header: 'Partenaire', kind: 'text', width: 36 },
      { header: 'Identifiant', kind: 'text', width: 24 },
    ],
    partnerScopes(report).map(({ key, name, set }) => ({ keys: [name, key], set })),
  );

const departementTable = (report: KpiReport): Table =>
  breakdownTable('Par département', [{ header: 'Département', kind: 'text', width: 20 }], departementScopes(report).map(({ name, set }) => ({ keys: [name], set })));

// ── XLSX ─────────────────────────────────────────────────────────────────────────────────────────

const NUM_FMT: Record<ColumnKind, string | undefined> = { text: undefined, count: '#,##0', percent: '0%', decimal: '0.0' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0F1' } };
const HEADER_ROW = 3;

function addSheet(workbook: ExcelJS.Workbook, report: KpiReport, table: Table): void {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }] });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  const title = sheet.getCell(1, 1);
  title.value = `Tandem — ${periodTitle(report.period.id)} — ${table.sheet}`;
  title.font = { bold: true, size: 14, color: { argb: 'FF0B5D66' } };
  sheet.getCell(2, 1).value =
    `Période${NBSP}: ${periodLabel(report.period.id)} (heure de Paris). Données depuis ${periodLabel(report.programmeStart)}. ` +
    `Produit le ${formatDayFr(report.generatedAt)}. Un taux sur moins de ${MIN_SIGNIFICANT_CASES}${NBSP}cas est ${NOT_SIGNIFICANT}.`;
  sheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF4A5565' } };

  const header = sheet.getRow(HEADER_ROW);
  header.values = table.columns.map((column) => column.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 45;
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF0B5D66' } } };
  });

  table.rows.forEach((cells, r) => {
    const row = sheet.getRow(HEADER_ROW + 1 + r);
    cells.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      const column = table.columns[c]!;
      if (value !== null && typeof value === 'object' && 'n' in value) {
        cell.value = value.n;
        cell.numFmt = NUM_FMT[value.as] ?? 'General';
        return;
      }
      if (value !== null && typeof value === 'object') {
        cell.value = NOT_SIGNIFICANT;
        cell.font = { italic: true, color: { argb: 'FF4A5565' } };
        cell.alignment = { horizontal: 'right' };
        return;
      }
      cell.value = value;
      const numFmt = typeof value === 'number' ? NUM_FMT[column.kind] : undefined;
      if (numFmt) cell.numFmt = numFmt;
    });
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: table.columns.length } };
}

async function workbookOf(report: KpiReport, tables: Table[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tandem';
  workbook.created = new Date(report.generatedAt);
  workbook.modified = new Date(report.generatedAt);
  workbook.title = `Tandem — ${periodTitle(report.period.id)}`;
  for (const table of tables) addSheet(workbook, report, table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────────

const BOM = '\ufeff';
const decimalFr = (n: number, digits: number): string => String(Math.round(n * 10 ** digits) / 10 ** digits).replace('.', ',');

/**
 * A CSV field: quoted when it holds `;`, `"` or a line break (quotes doubled); a text a spreadsheet
 * would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'` — partner names
 * are user data.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvCell(value: Cell, kind: ColumnKind): string {
  if (value === null) return '';
  if (typeof value === 'object') return 'n' in value ? csvNumber(value.n, value.as) : NOT_SIGNIFICANT;
  if (typeof value === 'string') return csvField(value);
  return csvNumber(value, kind);
}

function csvNumber(value: number, kind: ColumnKind): string {
  // Numbers as a French spreadsheet reads them: decimal comma, no grouping; a percentage as « 72,5 ».
  return kind === 'percent' ? decimalFr(value * 100, 1) : decimalFr(value, 1);
}

/** UTF-8 with BOM, `;`-separated, CRLF line ends (what a French spreadsheet opens as it is). */
export function csvOf(table: Table): Uint8Array {
  const lines = [table.columns.map((column) => csvField(column.header)).join(';'), ...table.rows.map((cells) => cells.map((value, c) => csvCell(value, table.columns[c]!.kind)).join(';'))];
  return new TextEncoder().encode(`${BOM}${lines.join('\r\n')}\r\n`);
}

// ── The files ────────────────────────────────────────────────────────────────────────────────────

/** Every file of a report, in the order the console lists them. */
export async function renderReportFiles(report: KpiReport): Promise<ReportFile[]> {
  const names = reportFileNames(report.period.id);
  const summary = summaryTable(report);
  const partners = partnerTable(report);
  const departements = departementTable(report);
  return [
    { name: names.json, contentType: CONTENT_TYPES.json, body: JSON.stringify(report, null, 2) },
    { name: names.xlsx, contentType: CONTENT_TYPES.xlsx, body: await workbookOf(report, [summary, partners, departements]) },
    { name: names.synthese, contentType: CONTENT_TYPES.csv, body: csvOf(summary) },
    { name: names.partners, contentType: CONTENT_TYPES.csv, body: csvOf(partners) },
    { name: names.departements, contentType: CONTENT_TYPES.csv, body: csvOf(departements) },
  ];
}
