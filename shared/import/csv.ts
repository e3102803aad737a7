/**
 * Reading one uploaded CSV file: UTF-8 (a BOM is accepted and stripped), a header row, `,` or `;`
 * separated (whichever the header line holds more of), quoted cells per RFC 4180 (csv-parse).
 * Columns are found by header name (any order, case and surrounding spaces ignored); a missing or
 * unknown column is a `bad_header` problem on line 1. Blank lines are skipped.
 */
import { parse } from 'csv-parse/sync';
import type { ImportProblem } from '../domain/report-schemas';
import { problem } from './messages';

export interface CsvRow {
  /** The line of the file where the row starts (1 is the header). */
  line: number;
  /** Trimmed cells by column name; an empty cell is ''. */
  cells: Record<string, string>;
}

/** The separator of a file: `;` when its header line holds more `;` than `,`. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const BOM = '\ufeff';

/** The rows of `text` with the columns `columns`, or the problems that keep it from being read. */
export function readCsv(file: string, text: string, columns: readonly string[]): { rows: CsvRow[]; problems: ImportProblem[] } {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  if (headerLine.trim() === '') return { rows: [], problems: [problem(file, 1, undefined, 'bad_header', { kind: 'empty' })] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(body, { delimiter: detectDelimiter(headerLine), info: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as unknown as typeof records;
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { rows: [], problems: [problem(file, line, undefined, 'bad_csv', {})] };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [problem(file, 1, undefined, 'bad_header', { kind: 'empty' })] };
  const names = header.record.map((h) => h.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  for (const column of columns) if (!names.includes(column)) problems.push(problem(file, 1, column, 'bad_header', { kind: 'missing' }));
  names.forEach((name, i) => {
    if (!columns.includes(name)) problems.push(problem(file, 1, name || `#${i + 1}`, 'bad_header', { kind: 'unknown' }));
    else if (names.indexOf(name) !== i) problems.push(problem(file, 1, name, 'bad_header', { kind: 'repeated' }));
  });
  if (problems.length > 0) return { rows: [], problems };

  const rows: CsvRow[] = [];
  for (const { record, info } of data) {
    // info.lines is the record's last line: a quoted cell spanning lines moves its start up.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== names.length) {
      problems.push(problem(file, line, undefined, 'bad_row', { found: record.length, expected: names.length }));
      continue;
    }
    rows.push({ line, cells: Object.fromEntries(names.map((name, i) => [name, (record[i] ?? '').trim()])) });
  }
  return { rows, problems };
}

/** The values of a list cell (`a|b|c`), trimmed, empty ones dropped. */
export const listOf = (cell: string): string[] => cell.split('|').map((v) => v.trim()).filter((v) => v !== '');
