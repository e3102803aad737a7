/**
 * The console's « Rapports » and « Import » pages restate what the server owns: the KPIs' order,
 * kinds, French labels and headlines (KPI_DEFINITIONS), the rate wording of the report mail and
 * files (« 72 % (18/25) », « non significatif (3/4) » under MIN_SIGNIFICANT_CASES), the periods, and the import's files and
 * size limit. These tests hold each copy equal to its source.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, MIN_SIGNIFICANT_CASES, NO_BREAKDOWN_KEY, type Rate } from '../../shared/domain/report';
import { PERIOD_PATTERN, previousMonth } from '../../shared/domain/report-period';
import { IMPORT_FILES, MAX_IMPORT_FILE_CHARS } from '../../shared/domain/report-schemas';
import { formatRate as mailRate } from '../../shared/reports/format';
import { NOT_SIGNIFICANT } from '../../shared/reports/render-files';

interface ConsoleKpi {
  id: string;
  kind: string;
  label: string;
  unit?: string;
  headline?: true;
}
interface ReportFormat {
  KPIS: readonly ConsoleKpi[];
  NO_BREAKDOWN_KEY: string;
  NOT_SIGNIFICANT: string;
  PERIOD_PATTERN: RegExp;
  formatRate(rate: Rate, minimumCases: number): string;
  previousParisMonth(now: Date): string;
}
let page: ReportFormat;

beforeAll(async () => {
  const path = '../../web/assets/console-report-format.js'; // a browser module without DOM: loaded, not type-checked
  page = (await import(/* @vite-ignore */ path)) as ReportFormat;
});

describe('the « Rapports » page restates the domain', () => {
  it('lists every KPI in the report’s order, with its kind, French label, unit and headline', () => {
    expect(page.KPIS).toEqual(
      KPI_DEFINITIONS.map((d) => ({ id: d.id, kind: d.kind, label: d.label.fr, ...(d.unit ? { unit: d.unit.fr } : {}), ...(d.headline ? { headline: true } : {}) })),
    );
  });

  it('writes rates as the mail and files do: the percentage with its counts, « non significatif » and the counts under the minimum', () => {
    const significant: Rate[] = [
      { num: 18, den: 25 },
      { num: 5, den: MIN_SIGNIFICANT_CASES },
      { num: 0, den: 7 },
      { num: 2, den: 3 * MIN_SIGNIFICANT_CASES },
    ];
    for (const rate of significant) {
      // The mail's wording; the page writes a narrow no-break space before %, the mail the space its Intl gives.
      expect(page.formatRate(rate, MIN_SIGNIFICANT_CASES).replace('\u202f', ' ')).toBe(mailRate(rate).replace(/[\u00a0\u202f]/, ' '));
    }
    for (const rate of [{ num: 0, den: 0 }, { num: 2, den: 3 }, { num: 4, den: MIN_SIGNIFICANT_CASES - 1 }]) {
      expect(page.formatRate(rate, MIN_SIGNIFICANT_CASES)).toBe(mailRate(rate));
    }
    expect(page.formatRate({ num: 18, den: 25 }, MIN_SIGNIFICANT_CASES)).toBe('72\u202f% (18/25)');
    expect(page.formatRate({ num: 2, den: 3 }, MIN_SIGNIFICANT_CASES)).toBe('non significatif (2/3)');
    expect(page.NOT_SIGNIFICANT).toBe(NOT_SIGNIFICANT);
  });

  it('reads periods and the breakdowns’ « none » key as the API does, and defaults to the last full Paris month', () => {
    expect(page.PERIOD_PATTERN.source).toBe(PERIOD_PATTERN.source);
    expect(page.NO_BREAKDOWN_KEY).toBe(NO_BREAKDOWN_KEY);
    // 1 November 00:30 in Paris is still 31 October 23:30 UTC: the last full month is October.
    for (const now of ['2026-10-31T23:30:00Z', '2026-11-15T12:00:00Z', '2027-01-01T00:10:00+01:00', '2026-03-29T01:30:00Z']) {
      expect(page.previousParisMonth(new Date(now))).toBe(previousMonth(new Date(now)));
    }
  });
});

describe('the « Import » page restates the import’s contract', () => {
  const source = readFileSync(fileURLToPath(new URL('../../web/assets/console-import.js', import.meta.url)), 'utf8');

  it('offers the four files in the order an import writes them, each with its template', () => {
    const kinds = [...source.matchAll(/\['(\w+)', '[^']+', '(\w+)\.csv'\]/g)].map(([, kind, template]) => [kind, template]);
    expect(kinds).toEqual(IMPORT_FILES.map((kind) => [kind, kind]));
  });

  it('refuses a file over the API’s limit before sending it', () => {
    const limit = /MAX_FILE_CHARS = ([\d_]+);/.exec(source)?.[1];
    expect(Number(limit?.replace(/_/g, ''))).toBe(MAX_IMPORT_FILE_CHARS);
  });
});
