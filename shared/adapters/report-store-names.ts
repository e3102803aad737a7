/**
 * What every ReportStore adapter checks and how it orders (shared/ports/report-store.ts): period
 * and file names match the API's patterns (report-schemas.ts) before a key or a path is built, so
 * no name reaches outside its period's folder; listings come newest period first.
 */
import { reportFilePathSchema } from '../domain/report-schemas';
import type { StoredReport } from '../ports/report-store';

/** True when `period` and `name` are a stored report's period and file name (no separators, no `..`). */
export const isReportFileName = (period: string, name: string): boolean => reportFilePathSchema.safeParse({ period, file: name }).success;

/** Throws a RangeError naming no value (they may come from a request) unless the names are valid. */
export function assertReportFileName(period: string, name: string): void {
  if (!isReportFileName(period, name)) throw new RangeError('not a report period and file name');
}

/** Newest period first, by id as text: `2026-W49`, `2026-10`, `2026`, `2025-12`. */
export const newestPeriodFirst = (a: StoredReport, b: StoredReport): number => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0);
