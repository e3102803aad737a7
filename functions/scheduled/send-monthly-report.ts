/**
 * The monthly report job (infra/config/scheduled-jobs.ts `report`): on the 1st, the previous Paris
 * month's report, once per period (use case generate-report). The local runtime may also give an
 * explicit `period` (and `send`), `npm run report -- --period 2026-10 [--no-mail]`: that period's
 * report is then computed anew, as the console's « Produire le rapport » does.
 */
import { boolean, iso, looseObject, optional, regex, string } from 'zod/mini';
import type { z } from 'zod/mini';
import { jobNow } from '../../shared/domain/scheduled-job';
import { PERIOD_PATTERN } from '../../shared/domain/report-period';
import { systemClock, type Clock } from '../../shared/ports/clock';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { GenerateReport, GenerateReportResult, makeSendMonthlyReport } from '../../shared/use-cases/admin/generate-report';
import { wireSendMonthlyReport } from '../commons/reports-wiring';

export const monthlyReportInput = looseObject({
  scheduledTime: optional(iso.datetime({ offset: true })),
  period: optional(string().check(regex(PERIOD_PATTERN))),
  send: optional(boolean()),
});
export type MonthlyReportInput = z.infer<typeof monthlyReportInput>;

export const makeSendMonthlyReportTask =
  (
    jobs: { generateReport: GenerateReport; sendMonthlyReport: ReturnType<typeof makeSendMonthlyReport> },
    clock: Clock = systemClock,
  ): RawTaskHandler<MonthlyReportInput, GenerateReportResult> =>
  (input) =>
    input.period
      ? jobs.generateReport({ period: input.period, send: input.send ?? true, force: true })
      : jobs.sendMonthlyReport(jobNow(input, clock));

/** The scheduled time comes with the event (`scheduledTime`); without it, the clock's. */
export const handler = taskHandler({ input: monthlyReportInput }, makeSendMonthlyReportTask(wireSendMonthlyReport()));
