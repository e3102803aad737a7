/**
 * The KPIs of a period computed now (GET /api/admin/reports/kpis?period=): input `{ period }`,
 * output the KpiReport report.json would hold. Reads from the programme's first month to the
 * period's end (Queries only) and logs their consumed capacity, the rows' counts and the time taken.
 */
import { computeKpiReport } from '../../domain/kpis';
import type { Locale } from '../../domain/locale';
import type { KpiReport } from '../../domain/report';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { ReportReads } from '../../ports/report-reads';
import { datasetCounts, loadReportDataset, periodOrFail } from './report-common';

export function makeGetReportKpis(deps: { reads: ReportReads; clock: Clock; settings: { programmeStart: string } }) {
  return async function getReportKpis(input: { period: string; locale?: Locale }): Promise<KpiReport> {
    const period = periodOrFail(input.period, input.locale);
    const { dataset, consumedCapacity, readMs } = await loadReportDataset(deps.reads, deps.settings.programmeStart, period);
    const started = Date.now();
    const report = computeKpiReport(dataset, { period, programmeStart: deps.settings.programmeStart, now: deps.clock.now() });
    logger.info('Report KPIs computed', { period: period.id, consumedCapacity, rows: datasetCounts(dataset), readMs, computeMs: Date.now() - started });
    return report;
  };
}
export type GetReportKpis = ReturnType<typeof makeGetReportKpis>;
