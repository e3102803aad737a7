/**
 * ReportStore on a folder (the local runtime, docs/reports.md): `<dir>/<period>/<name>`, folders
 * made as needed, each file written whole (a temporary name, then renamed). Links point at the hub, which serves the folder read-only at
 * `/_local/reports/<period>/<name>` (infra/local/local-server.ts) and does not expire them. Names
 * are checked before any path is built (report-store-names.ts).
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReportFile, ReportStore, StoredFile, StoredReport } from '../../ports/report-store';
import { assertReportFileName as checked, isReportFileName, newestPeriodFirst } from '../report-store-names';

/** The hub's path of the report files (what `link` points to). */
export const LOCAL_REPORTS_PATH = '/_local/reports';

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

export function fileReportStore(options: { dir: string; siteUrl: string }): ReportStore {
  const root = resolve(options.dir);
  const site = options.siteUrl.replace(/\/+$/, '');
  const pathOf = (period: string, name: string) => {
    checked(period, name);
    return join(root, period, name);
  };
  const has = async (period: string, name: string) => {
    try {
      return (await stat(pathOf(period, name))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  };
  return {
    async put(period, files: readonly ReportFile[]) {
      for (const f of files) checked(period, f.name);
      await mkdir(join(root, period), { recursive: true });
      for (const f of files) {
        // Whole files only: a reader (the hub, a spreadsheet) never sees half of one.
        const target = pathOf(period, f.name);
        const partial = `${target}.${process.pid}.partial`;
        await writeFile(partial, f.body);
        await rename(partial, target);
      }
    },
    async get(period, name) {
      try {
        return new Uint8Array(await readFile(pathOf(period, name)));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    has,
    async list() {
      let periods: string[];
      try {
        periods = await readdir(root);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const reports: StoredReport[] = [];
      for (const period of periods) {
        let names: string[];
        try {
          names = await readdir(join(root, period));
        } catch {
          continue;
        }
        const files: StoredFile[] = [];
        for (const name of names.filter((n) => isReportFileName(period, n)).sort()) {
          const info = await stat(join(root, period, name));
          if (info.isFile()) files.push({ name, size: info.size, modifiedAt: info.mtime.toISOString() });
        }
        if (files.length > 0) reports.push({ period, files });
      }
      return reports.sort(newestPeriodFirst);
    },
    async link(period, name) {
      return (await has(period, name)) ? `${site}${LOCAL_REPORTS_PATH}/${period}/${name}` : undefined;
    },
  };
}
