/**
 * What every ReportStore promises (shared/ports/report-store.ts): files come back byte for byte,
 * text stored as UTF-8; a put replaces a file and keeps the period's others; `has` and `link` say
 * absent for what was never written; the listing groups files by period, names sorted, newest
 * period first, with sizes; no period or file name outside the API's patterns (a path) is accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportStore } from '../../shared/ports/report-store';

export interface ReportStoreSubject {
  store: ReportStore;
  cleanup(): Promise<void>;
}

const csv = '\ufeffindicateur;valeur\ntandems_started;3\n';
const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]);

export function reportStoreContract(name: string, makeSubject: () => Promise<ReportStoreSubject>) {
  describe(`ReportStore contract: ${name}`, () => {
    let subject: ReportStoreSubject;
    beforeEach(async () => {
      subject = await makeSubject();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('gives back each file byte for byte, text as UTF-8 (a BOM and accents included)', async () => {
      await subject.store.put('2026-10', [
        { name: 'synthese.csv', contentType: 'text/csv; charset=utf-8', body: csv },
        { name: 'rapport-2026-10.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsx },
      ]);

      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await subject.store.get('2026-10', 'synthese.csv'))).toBe(csv);
      expect(await subject.store.get('2026-10', 'rapport-2026-10.xlsx')).toEqual(xlsx);
      expect(await subject.store.has('2026-10', 'synthese.csv')).toBe(true);
    });

    it('says absent for a file never written, in a known period or not', async () => {
      await subject.store.put('2026-10', [{ name: 'report.json', contentType: 'application/json', body: '{}' }]);

      expect(await subject.store.get('2026-10', 'mail-sent.json')).toBeUndefined();
      expect(await subject.store.has('2026-10', 'mail-sent.json')).toBe(false);
      expect(await subject.store.has('2026-11', 'report.json')).toBe(false);
      expect(await subject.store.link('2026-11', 'report.json', 300)).toBeUndefined();
      expect(await subject.store.list()).toHaveLength(1);
    });

    it('replaces a file on a second put and keeps the period’s other files', async () => {
      await subject.store.put('2026-10', [
        { name: 'report.json', contentType: 'application/json', body: '{"v":1}' },
        { name: 'mail.html', contentType: 'text/html; charset=utf-8', body: '<p>1</p>' },
      ]);
      await subject.store.put('2026-10', [{ name: 'report.json', contentType: 'application/json', body: '{"v":22}' }]);

      expect(new TextDecoder().decode(await subject.store.get('2026-10', 'report.json'))).toBe('{"v":22}');
      expect(await subject.store.has('2026-10', 'mail.html')).toBe(true);
      const [report] = await subject.store.list();
      expect(report?.files.map((f) => [f.name, f.size])).toEqual([
        ['mail.html', 8],
        ['report.json', 8],
      ]);
    });

    it('lists periods newest first, each with its files sorted by name, sizes and modification times', async () => {
      await subject.store.put('2026-09', [{ name: 'report.json', contentType: 'application/json', body: '{}' }]);
      await subject.store.put('2026-W49', [{ name: 'digest.html', contentType: 'text/html; charset=utf-8', body: '<p>é</p>' }]);
      await subject.store.put('2026-10', [
        { name: 'synthese.csv', contentType: 'text/csv; charset=utf-8', body: 'a' },
        { name: 'report.json', contentType: 'application/json', body: '{"a":1}' },
      ]);

      const list = await subject.store.list();

      expect(list.map((r) => r.period)).toEqual(['2026-W49', '2026-10', '2026-09']);
      expect(list[1]!.files.map((f) => f.name)).toEqual(['report.json', 'synthese.csv']);
      // '<p>é</p>': é is two bytes in UTF-8.
      expect(list[0]!.files[0]).toMatchObject({ name: 'digest.html', size: 9 });
      for (const file of list.flatMap((r) => r.files)) expect(Number.isNaN(Date.parse(file.modifiedAt))).toBe(false);
    });

    it('links to a stored file', async () => {
      await subject.store.put('2026-10', [{ name: 'report.json', contentType: 'application/json', body: '{}' }]);
      const url = await subject.store.link('2026-10', 'report.json', 300);
      expect(url).toEqual(expect.stringContaining('2026-10'));
      expect(url).toEqual(expect.stringContaining('report.json'));
    });

    it.each([
      ['..', 'report.json'],
      ['2026-10', '../../etc/passwd'],
      ['2026-10/..', 'report.json'],
      ['2026-13', 'report.json'],
      ['2026-10', 'report.exe'],
      ['2026-10', '.hidden.json'],
      ['2026-10', 'Report.json'],
    ])('refuses the names %j / %j everywhere', async (period, name) => {
      await expect(subject.store.put(period, [{ name, contentType: 'text/plain', body: 'x' }])).rejects.toThrow(RangeError);
      await expect(subject.store.get(period, name)).rejects.toThrow(RangeError);
      await expect(subject.store.has(period, name)).rejects.toThrow(RangeError);
      await expect(subject.store.link(period, name, 60)).rejects.toThrow(RangeError);
      expect(await subject.store.list()).toEqual([]);
    });

    it('writes none of a put’s files when one of its names is refused', async () => {
      await expect(
        subject.store.put('2026-10', [
          { name: 'report.json', contentType: 'application/json', body: '{}' },
          { name: '../x.json', contentType: 'application/json', body: '{}' },
        ]),
      ).rejects.toThrow(RangeError);
      expect(await subject.store.has('2026-10', 'report.json')).toBe(false);
    });
  });
}
