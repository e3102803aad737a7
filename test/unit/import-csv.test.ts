/**
 * Reading an import file (shared/import/csv.ts) and the ids an import derives (ids.ts): BOM,
 * separator detection, header by name, real line numbers (blank lines and quoted line breaks),
 * header and row problems; stable UUIDs and partner ids from external ids.
 */
import { describe, expect, it } from 'vitest';
import { detectDelimiter, listOf, readCsv } from '../../shared/import/csv';
import { importedPartnerId, importedUuid } from '../../shared/import/ids';

const COLUMNS = ['external_id', 'name', 'kind'] as const;

describe('readCsv', () => {
  it('strips a BOM, detects `;`, finds columns by name in any order, case and spacing aside', () => {
    const { rows, problems } = readCsv('partners.csv', '\ufeffKind ; External_ID;name\r\nyouth_mission; PA1 ;"Mission; locale"\r\n', COLUMNS);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 2, cells: { kind: 'youth_mission', external_id: 'PA1', name: 'Mission; locale' } }]);
  });

  it('detects the separator from the header line', () => {
    expect(detectDelimiter('a,b;c,d')).toBe(',');
    expect(detectDelimiter('a;b;c,d')).toBe(';');
  });

  it('gives each row the line it starts on: blank lines skipped, a quoted line break counted', () => {
    const text = 'external_id,name,kind\n\nPA1,"Mission\nlocale",youth_mission\nPA2,France Travail,employment_agency\n';
    const { rows } = readCsv('partners.csv', text, COLUMNS);
    expect(rows.map((r) => [r.line, r.cells.external_id, r.cells.name])).toEqual([
      [3, 'PA1', 'Mission\nlocale'],
      [5, 'PA2', 'France Travail'],
    ]);
  });

  it('reports a missing, unknown or repeated column on line 1, and reads no row then', () => {
    const { rows, problems } = readCsv('partners.csv', 'external_id,nom,kind,kind\nPA1,X,other,other\n', COLUMNS);
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, 'name', 'bad_header'],
      [1, 'nom', 'bad_header'],
      [1, 'kind', 'bad_header'],
    ]);
    expect(problems.map((p) => p.message)).toEqual(['colonne attendue absente de l’en-tête', 'colonne inconnue dans l’en-tête', 'colonne présente deux fois dans l’en-tête']);
  });

  it('reports a row with too few or too many cells, and an empty file or an unclosed quote', () => {
    const short = readCsv('partners.csv', 'external_id,name,kind\nPA1,X\nPA2,Y,other\n', COLUMNS);
    expect(short.problems.map((p) => [p.line, p.code, p.message])).toEqual([[2, 'bad_row', '2 cellules pour 3 colonnes d’en-tête']]);
    expect(short.rows.map((r) => r.cells.external_id)).toEqual(['PA2']);
    expect(readCsv('partners.csv', '', COLUMNS).problems.map((p) => [p.line, p.code])).toEqual([[1, 'bad_header']]);
    expect(readCsv('partners.csv', 'external_id,name,kind\nPA1,"X,other\n', COLUMNS).problems.map((p) => p.code)).toEqual(['bad_csv']);
  });

  it('splits a list cell on `|`, trimmed, empty values dropped', () => {
    expect(listOf(' fr | en ||ar ')).toEqual(['fr', 'en', 'ar']);
    expect(listOf('')).toEqual([]);
  });
});

describe('imported ids', () => {
  it('are the same for the same external id, and differ by kind and by id', () => {
    expect(importedUuid('mentor', 'M1')).toBe(importedUuid('mentor', 'M1'));
    expect(importedUuid('mentor', 'M1')).not.toBe(importedUuid('mentee', 'M1'));
    expect(importedUuid('mentor', 'M1')).not.toBe(importedUuid('mentor', 'M2'));
    expect(importedPartnerId('PA1')).toBe(importedPartnerId('PA1'));
    expect(importedPartnerId('PA1')).not.toBe(importedPartnerId('PA2'));
  });

  it('are UUIDs (version 8, RFC 9562 variant) and partner ids the routes accept', () => {
    for (const kind of ['mentor', 'mentee', 'tandem'] as const) expect(importedUuid(kind, 'x:1/2')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importedPartnerId('PA1')).toMatch(/^imp-[0-9a-f]{24}$/);
  });
});
