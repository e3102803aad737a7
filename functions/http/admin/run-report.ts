/** POST /api/admin/reports — computes a period's report now, stores its files and, unless `send: false`, mails the CCI's list (use case generate-report). */
import type { z } from 'zod';
import { runReportSchema } from '../../../shared/domain/report-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { GenerateReport } from '../../../shared/use-cases/admin/generate-report';
import { wireGenerateReport } from '../../commons/reports-wiring';

export const makeRunReportHandler =
  (generateReport: GenerateReport): RawHttpHandler<z.infer<typeof runReportSchema>, undefined> =>
  async ({ body, locale }) => {
    // On demand: always computed anew (a preview mid-month included), unlike the monthly job.
    const { period, files, mailed } = await generateReport({ period: body.period, send: body.send, force: true, locale });
    return json(200, { period, files, mailed });
  };

export const handler = httpHandler({ route: 'RunReport', body: runReportSchema }, makeRunReportHandler(wireGenerateReport()));
