/**
 * The console's « Rapports » page: the stored reports and digests with their files (newest first),
 * and a short-lived download link to one file (`{ url, expiresAt }`, valid `linkSeconds`); a file
 * that is not stored is a NotFoundError (404), whatever the reason.
 */
import { NotFoundError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { ReportStore, StoredReport } from '../../ports/report-store';

export function makeListReports(deps: { store: ReportStore }) {
  return async function listReports(): Promise<{ reports: StoredReport[] }> {
    return { reports: await deps.store.list() };
  };
}

export function makeGetReportFileLink(deps: { store: ReportStore; clock: Clock; settings: { linkSeconds: number } }) {
  return async function getReportFileLink(input: { period: string; file: string }): Promise<{ url: string; expiresAt: string }> {
    const expiresAt = new Date(deps.clock.now().getTime() + deps.settings.linkSeconds * 1000).toISOString();
    const url = await deps.store.link(input.period, input.file, deps.settings.linkSeconds);
    if (!url) throw new NotFoundError('report file not found');
    return { url, expiresAt };
  };
}
export type ListReports = ReturnType<typeof makeListReports>;
export type GetReportFileLink = ReturnType<typeof makeGetReportFileLink>;
