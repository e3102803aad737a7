/**
 * A report's files from the October 2026 fixture: report.json as the KpiReport is; three CSVs a
 * French spreadsheet opens as they are (UTF-8 BOM, `;`, CRLF), each rate as its percentage, its
 * numerator and its denominator, « non significatif » under MIN_SIGNIFICANT_CASES, empty without a
 * case; partner names quoted and defused; the workbook read back with exceljs (sheets, header, frozen
 * rows, widths, values and number formats).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MIN_SIGNIFICANT_CASES, type KpiReport } from '../../shared/domain/report';
import type { ReportFile } from '../../shared/ports/report-store';
import { csvField, NOT_SIGNIFICANT, renderReportFiles, reportFileNames } from '../../shared/reports/render-files';
import { KPI_REPORT, kpiSet } from '../fixtures/kpi-report';

const bytesOf = (file: ReportFile | undefined): Uint8Array => {
  if (!file) throw new Error('file missing');
  return typeof file.body === 'string' ? new TextEncoder().encode(file.body) : file.body;
};
const fileNamed = (files: ReportFile[], name: string) => files.find((f) => f.name === name);

/** A CSV's rows as cells (no quoted `;` in these rows: the quoting has its own test). */
function csvRows(file: ReportFile | undefined): string[][] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytesOf(file));
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n$/, '')
    .split('\r\n')
    .map((line) => line.split(';'));
}
/** The cells of the row whose first cell is `first`, keyed by the header. */
function rowOf(rows: string[][], first: string): Record<string, string> {
  const row = rows.find((r) => r[0] === first);
  if (!row) throw new Error(`no row ${first}`);
  return Object.fromEntries(rows[0]!.map((header, i) => [header, row[i]!]));
}

const JOB = 'Sorties positives (recherche d’emploi)';
const BUSINESS = 'Entreprises créées (création d’entreprise)';

describe('renderReportFiles', () => {
  it('names the files as the console and the job do, report.json being the KpiReport as is', async () => {
    const files = await renderReportFiles(KPI_REPORT);

    expect(files.map((f) => f.name)).toEqual(Object.values(reportFileNames('2026-10')));
    expect(files.map((f) => f.name)).toEqual(['report.json', 'rapport-2026-10.xlsx', 'synthese.csv', 'par-partenaire.csv', 'par-departement.csv']);
    expect(JSON.parse(new TextDecoder().decode(bytesOf(files[0])))).toEqual(KPI_REPORT);
    expect(files.map((f) => f.contentType)).toEqual([
      'application/json; charset=utf-8',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv; charset=utf-8',
      'text/csv; charset=utf-8',
      'text/csv; charset=utf-8',
    ]);
  });

  describe('the CSVs', () => {
    it('are UTF-8 with a BOM, `;`-separated, with CRLF line ends only and one as the last', async () => {
      const files = await renderReportFiles(KPI_REPORT);
      for (const name of ['synthese.csv', 'par-partenaire.csv', 'par-departement.csv']) {
        const bytes = bytesOf(fileNamed(files, name));
        expect([name, ...bytes.slice(0, 3)]).toEqual([name, 0xef, 0xbb, 0xbf]);
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        expect(text.endsWith('\r\n')).toBe(true);
        expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        const rows = csvRows(fileNamed(files, name));
        expect(rows.length).toBeGreaterThan(2);
        // Every line has as many cells as the header.
        expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0]!.length]));
      }
      // Accents survive (a spreadsheet reading the BOM as UTF-8).
      expect(csvRows(fileNamed(files, 'par-departement.csv'))[0]![0]).toBe('Département');
    });

    it('synthese.csv: a rate is its percentage, numerator and denominator, period and programme-to-date side by side', async () => {
      const rows = csvRows(fileNamed(await renderReportFiles(KPI_REPORT), 'synthese.csv'));

      expect(rows[0]).toEqual([
        'Indicateur',
        'Unité',
        'Octobre 2026',
        'Octobre 2026 — numérateur',
        'Octobre 2026 — dénominateur ou cas',
        'Depuis octobre 2025',
        'Depuis octobre 2025 — numérateur',
        'Depuis octobre 2025 — dénominateur ou cas',
      ]);
      // 7/10 and 18/25: a French decimal comma, no % sign (the unit column says it).
      expect(rows.find((r) => r[0] === JOB)).toEqual([JOB, '%', '70', '7', '10', '72', '18', '25']);
      // 1/3 is under the minimum of cases; 6/11 = 54,5 %.
      expect(rows.find((r) => r[0] === BUSINESS)).toEqual([BUSINESS, '%', NOT_SIGNIFICANT, '1', '3', '54,5', '6', '11']);
      expect(rows.find((r) => r[0] === 'Délai médian avant tandem')).toEqual(['Délai médian avant tandem', 'jours', '9,5', '', '12', '11', '', '96']);
      expect(rows.find((r) => r[0] === 'Tandems démarrés')).toEqual(['Tandems démarrés', 'nombre', '12', '', '', '96', '', '']);
    });

    it('par-partenaire.csv: a row per partner (« Sans partenaire » last), « non significatif » under 5 cases, empty without a case, no mentor KPI', async () => {
      const rows = csvRows(fileNamed(await renderReportFiles(KPI_REPORT), 'par-partenaire.csv'));

      expect(rows.slice(1).map((r) => r[0])).toEqual(['BGE Sud', 'Cap emploi 13', 'France Travail Marseille Joliette', 'Mission locale de Marseille', 'Sans partenaire']);
      const pct = `${JOB} (%)`;
      const num = `${JOB} — numérateur`;
      const den = `${JOB} — dénominateur`;
      // 4/6: enough cases.
      const franceTravail = rowOf(rows, 'France Travail Marseille Joliette');
      expect([franceTravail[pct], franceTravail[num], franceTravail[den], franceTravail.Identifiant]).toEqual(['66,7', '4', '6', 'ptn-france-travail-marseille']);
      // 2/3 and 1/1: under MIN_SIGNIFICANT_CASES, the counts beside.
      expect(MIN_SIGNIFICANT_CASES).toBe(5);
      const missionLocale = rowOf(rows, 'Mission locale de Marseille');
      expect([missionLocale[pct], missionLocale[num], missionLocale[den]]).toEqual([NOT_SIGNIFICANT, '2', '3']);
      const capEmploi = rowOf(rows, 'Cap emploi 13');
      expect([capEmploi[pct], capEmploi[num], capEmploi[den]]).toEqual([NOT_SIGNIFICANT, '1', '1']);
      // No job-search tandem ended: nothing to read.
      const bge = rowOf(rows, 'BGE Sud');
      expect([bge[pct], bge[num], bge[den]]).toEqual(['', '0', '0']);
      // Mentor KPIs are null by partner: left out.
      expect(rows[0]).not.toContain('Nouveaux mentors');
      expect(rows[0]).not.toContain('Mentors actifs');
    });

    it('par-departement.csv: a row per département by code (« Département inconnu » last), mentor KPIs included', async () => {
      const rows = csvRows(fileNamed(await renderReportFiles(KPI_REPORT), 'par-departement.csv'));

      expect(rows.slice(1).map((r) => r[0])).toEqual(['13', '83', '84', 'Département inconnu']);
      const bdr = rowOf(rows, '13');
      expect([bdr['Tandems démarrés'], bdr['Nouveaux mentors'], bdr[`${JOB} (%)`], bdr[`${JOB} — numérateur`], bdr[`${JOB} — dénominateur`]]).toEqual(['9', '5', '75', '6', '8']);
      expect(rowOf(rows, 'Département inconnu')['Mentorés en attente']).toBe('1');
    });

    it('quotes a partner name holding `;` or `"` and defuses one a spreadsheet would take for a formula', async () => {
      const report: KpiReport = {
        ...KPI_REPORT,
        by_partner: {
          'ptn-a': { name: 'Cap; "emploi"', ...kpiSet({ tandems_started: 1 }) },
          'ptn-b': { name: '=HYPERLINK("http://x")', ...kpiSet() },
        },
      };
      const text = new TextDecoder().decode(bytesOf(fileNamed(await renderReportFiles(report), 'par-partenaire.csv')));

      expect(text).toContain('\r\n"Cap; ""emploi""";ptn-a;1;');
      expect(text).toContain('\r\n"\'=HYPERLINK(""http://x"")";ptn-b;0;');
      expect(csvField('-1')).toBe("'-1");
      expect(csvField('plain')).toBe('plain');
      expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    });
  });

  describe('the workbook', () => {
    async function workbook(report: KpiReport = KPI_REPORT) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytesOf(fileNamed(await renderReportFiles(report), 'rapport-2026-10.xlsx')) as unknown as ArrayBuffer);
      return wb;
    }
    /** The row (1-based) whose first cell is `first`. */
    function rowNumber(sheet: ExcelJS.Worksheet, first: string): number {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === first) found = n;
      });
      if (!found) throw new Error(`no row ${first}`);
      return found;
    }

    it('has one sheet per table, each with a bold frozen header row and column widths', async () => {
      const wb = await workbook();

      expect(wb.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'Par partenaire', 'Par département']);
      const summary = wb.getWorksheet('Synthèse')!;
      expect(summary.getCell('A1').value).toBe('Tandem — Octobre 2026 — Synthèse');
      expect(summary.getRow(3).values).toEqual([
        undefined,
        'Indicateur',
        'Unité',
        'Octobre 2026',
        'Octobre 2026 — numérateur',
        'Octobre 2026 — dénominateur ou cas',
        'Depuis octobre 2025',
        'Depuis octobre 2025 — numérateur',
        'Depuis octobre 2025 — dénominateur ou cas',
      ]);
      for (const sheet of wb.worksheets) {
        expect([sheet.name, sheet.getCell('A3').font?.bold]).toEqual([sheet.name, true]);
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
        expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
      }
      expect(summary.getColumn(1).width).toBe(46);
    });

    it('holds rates as numbers with a percent format, « non significatif » under 5 cases, counts with their own format', async () => {
      const wb = await workbook();
      const summary = wb.getWorksheet('Synthèse')!;

      const job = summary.getRow(rowNumber(summary, JOB));
      expect([job.getCell(3).value, job.getCell(3).numFmt, job.getCell(4).value, job.getCell(5).value]).toEqual([0.7, '0%', 7, 10]);
      expect([job.getCell(6).value, job.getCell(7).value, job.getCell(8).value]).toEqual([0.72, 18, 25]);
      const business = summary.getRow(rowNumber(summary, BUSINESS));
      expect([business.getCell(3).value, business.getCell(4).value, business.getCell(5).value]).toEqual([NOT_SIGNIFICANT, 1, 3]);
      const median = summary.getRow(rowNumber(summary, 'Délai médian avant tandem'));
      expect([median.getCell(3).value, median.getCell(3).numFmt, median.getCell(5).value]).toEqual([9.5, '0.0', 12]);

      const partners = wb.getWorksheet('Par partenaire')!;
      const header = partners.getRow(3).values as unknown[];
      const pctColumn = header.indexOf(`${JOB} (%)`);
      const franceTravail = partners.getRow(rowNumber(partners, 'France Travail Marseille Joliette'));
      expect(franceTravail.getCell(pctColumn).value).toBeCloseTo(4 / 6, 10);
      expect(franceTravail.getCell(pctColumn).numFmt).toBe('0%');
      expect(partners.getRow(rowNumber(partners, 'Mission locale de Marseille')).getCell(pctColumn).value).toBe(NOT_SIGNIFICANT);
      expect(partners.getRow(rowNumber(partners, 'BGE Sud')).getCell(pctColumn).value).toBeNull();
      expect(franceTravail.getCell(header.indexOf('Tandems démarrés')).value).toBe(5);
    });

    it('keeps a partner name with markup or a formula sign as plain text', async () => {
      const wb = await workbook({ ...KPI_REPORT, by_partner: { 'ptn-a': { name: '=1+1 <b>&"', ...kpiSet() } } });
      const partners = wb.getWorksheet('Par partenaire')!;
      expect(partners.getCell('A4').value).toBe('=1+1 <b>&"');
      expect(partners.getCell('A4').formula).toBeUndefined();
    });
  });
});
