/**
 * The import's templates: the console's downloadable copies (web/console/modeles) are the files of
 * docs/import byte for byte, their headers are the columns the importer reads, and they import
 * cleanly — a dry run of them finds no problem and would create every row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryImportStore } from '../../shared/adapters/memory/import-store';
import { IMPORT_FILES } from '../../shared/domain/report-schemas';
import { IMPORT_COLUMNS } from '../../shared/import/rows';
import { makeImportProgramme } from '../../shared/use-cases/admin/import-programme';

const read = (folder: string, kind: string) => readFileSync(new URL(`../../${folder}/${kind}.csv`, import.meta.url), 'utf8');

describe('import templates', () => {
  it.each(IMPORT_FILES)('web/console/modeles/%s.csv is docs/import’s', (kind) => {
    expect(read('web/console/modeles', kind)).toBe(read('docs/import', kind));
  });

  it.each(IMPORT_FILES)('%s.csv has the columns the importer reads, in the documented order', (kind) => {
    expect(read('docs/import', kind).split('\n', 1)[0]!.split(',')).toEqual([...IMPORT_COLUMNS[kind]]);
  });

  it('import cleanly: a dry run finds no problem and would create every row', async () => {
    const files = Object.fromEntries(IMPORT_FILES.map((kind) => [kind, read('docs/import', kind)]));
    const result = await makeImportProgramme({ store: memoryImportStore(), clock: { now: () => new Date('2026-12-01T08:00:00Z') } })({ files });
    expect(result.problems).toEqual([]);
    expect(result.files.map((f) => [f.file, f.rows, f.created])).toEqual([
      ['partners.csv', 3, 3],
      ['mentors.csv', 8, 8],
      ['mentees.csv', 14, 14],
      ['tandems.csv', 12, 12],
    ]);
  });
});
