/** GET /api/admin/reports/kpis?period= — every KPI of a period computed now, as report.json holds them (use case get-report-kpis). */
import { reportKpisQuerySchema } from '../../../shared/domain/report-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { GetReportKpis } from '../../../shared/use-cases/admin/get-report-kpis';
import { wireGetReportKpis } from '../../commons/reports-wiring';

export const makeGetReportKpisHandler =
  (getReportKpis: GetReportKpis): RawHttpHandler<undefined, { period: string }> =>
  async ({ query, locale }) =>
    json(200, await getReportKpis({ period: query.period, locale }));

export const handler = httpHandler({ route: 'GetReportKpis', query: reportKpisQuerySchema }, makeGetReportKpisHandler(wireGetReportKpis()));
