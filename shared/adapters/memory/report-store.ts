/**
 * In-memory ReportStore (shared/ports/report-store.ts): files kept by period and name, as copies.
 * Links are `memory://reports/<period>/<name>?expires=<seconds>`, for tests to read back.
 * `failNextPut(n)` makes the next `n` puts throw before writing anything (a bucket that is down).
 */
import type { ReportFile, ReportStore } from '../../ports/report-store';
import { assertReportFileName, newestPeriodFirst } from '../report-store-names';

export interface MemoryReportStore extends ReportStore {
  /** Makes the next `times` puts (one by default) throw; they add up across calls. */
  failNextPut(times?: number): void;
  /** Removes one file (a test's "the marker was never written"). */
  remove(period: string, name: string): void;
}

const bytesOf = (body: Uint8Array | string): Uint8Array => (typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body));

export function memoryReportStore(clock: { now(): Date } = { now: () => new Date() }): MemoryReportStore {
  const periods = new Map<string, Map<string, { body: Uint8Array; modifiedAt: string }>>();
  let failures = 0;
  const file = (period: string, name: string) => {
    assertReportFileName(period, name);
    return periods.get(period)?.get(name);
  };
  return {
    failNextPut(times = 1) {
      failures += times;
    },
    remove(period, name) {
      periods.get(period)?.delete(name);
    },
    async put(period: string, files: readonly ReportFile[]) {
      for (const f of files) assertReportFileName(period, f.name);
      if (failures > 0) {
        failures -= 1;
        throw new Error('store down');
      }
      const folder = periods.get(period) ?? new Map<string, { body: Uint8Array; modifiedAt: string }>();
      const modifiedAt = clock.now().toISOString();
      for (const f of files) folder.set(f.name, { body: bytesOf(f.body), modifiedAt });
      periods.set(period, folder);
    },
    async get(period, name) {
      const found = file(period, name);
      return found ? new Uint8Array(found.body) : undefined;
    },
    async has(period, name) {
      return file(period, name) !== undefined;
    },
    async list() {
      return [...periods.entries()]
        .filter(([, files]) => files.size > 0)
        .map(([period, files]) => ({
          period,
          files: [...files.entries()].map(([name, f]) => ({ name, size: f.body.byteLength, modifiedAt: f.modifiedAt })).sort((a, b) => a.name.localeCompare(b.name)),
        }))
        .sort(newestPeriodFirst);
    },
    async link(period, name, expiresInSeconds) {
      return file(period, name) ? `memory://reports/${period}/${name}?expires=${expiresInSeconds}` : undefined;
    },
  };
}
