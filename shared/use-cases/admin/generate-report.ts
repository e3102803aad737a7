/**
 * Generate a period's report (docs/reports.md): input `{ period, send, force? }`, output the
 * RunReportResult (period, files written, addresses mailed — a count) and how the run went.
 *
 * The course: the period parsed (a bad one is a 400); the dataset read from the programme's first
 * month to the period's end (Queries only, their consumed capacity logged); the KPIs computed; the
 * files rendered (report.json, XLSX, CSV) and stored with the mail as `mail.html`; then, with
 * `send`, one mail to each address of the CCI's list and `mail-sent.json` ({ sentAt, recipients }).
 *
 * `force` (the console's « Produire le rapport », `npm run report`) always does all of it. Without
 * it (the monthly job) a period is done once: a mail already sent after the period's end means
 * nothing to do; a report.json computed after the period's end without its mail (a failure between
 * the two) is mailed as stored. A report or mail from before the period's end was a preview: the
 * job computes and mails the period anew. Logs carry ids, counts and durations, never an address.
 */
import { computeKpiReport } from '../../domain/kpis';
import type { Locale } from '../../domain/locale';
import type { KpiReport } from '../../domain/report';
import { previousMonth } from '../../domain/report-period';
import type { runReportResultSchema } from '../../domain/report-schemas';
import { logger } from '../../observability/logger';
import type { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { Mailer } from '../../ports/mailer';
import type { ReportReads } from '../../ports/report-reads';
import type { ReportStore } from '../../ports/report-store';
import { renderReportFiles } from '../../reports/render-files';
import { renderReportMail } from '../../reports/render-mail';
import { datasetCounts, HTML_TYPE, JSON_TYPE, loadReportDataset, MAIL_HTML, MAIL_SENT, mailEach, periodOrFail, REPORT_JSON } from './report-common';

export interface ReportMailContext {
  /** The site's origin: the mail links to the console's « Rapports » page there. */
  consoleUrl: string;
  /** The operator named in the mail (« la CCI … »). */
  operatorName: string;
}

export interface GenerateReportDeps {
  reads: ReportReads;
  store: ReportStore;
  mailer: Mailer;
  clock: Clock;
  settings: { recipients: readonly string[]; programmeStart: string };
  mail: ReportMailContext;
}

export interface GenerateReportInput {
  period: string;
  send: boolean;
  force?: boolean;
  locale?: Locale;
}

/** `generated`: computed and stored (and mailed with `send`); `mailed`: the stored report mailed; `already_done`: nothing to do. */
export type GenerateReportOutcome = 'generated' | 'mailed' | 'already_done';
export type RunReportResult = z.infer<typeof runReportResultSchema>;
export type GenerateReportResult = RunReportResult & { outcome: GenerateReportOutcome };

/** What `mail-sent.json` holds: when, and to how many addresses. */
export interface MailSentMarker {
  sentAt: string;
  recipients: number;
}

const readJson = async <T>(store: ReportStore, period: string, name: string): Promise<T | undefined> => {
  const bytes = await store.get(period, name);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    // A damaged file counts as absent: the run writes it anew.
    return undefined;
  }
};

export function makeGenerateReport(deps: GenerateReportDeps) {
  const { reads, store, mailer, clock, settings } = deps;

  const sendMail = async (report: KpiReport, rendered?: { subject: string; text: string; html: string }): Promise<number> => {
    const started = Date.now();
    const mail = rendered ?? (await renderReportMail(report, deps.mail));
    const mailed = await mailEach(mailer, settings.recipients, mail, 'report');
    const marker: MailSentMarker = { sentAt: clock.now().toISOString(), recipients: mailed };
    await store.put(report.period.id, [{ name: MAIL_SENT, contentType: JSON_TYPE, body: JSON.stringify(marker) }]);
    logger.info('Report mailed', { period: report.period.id, mailed, mailMs: Date.now() - started });
    return mailed;
  };

  return async function generateReport(input: GenerateReportInput): Promise<GenerateReportResult> {
    const period = periodOrFail(input.period, input.locale);

    if (!input.force) {
      const sent = await readJson<MailSentMarker>(store, period.id, MAIL_SENT);
      const stored = await readJson<KpiReport>(store, period.id, REPORT_JSON);
      const complete = (at: string | undefined) => at !== undefined && at >= period.end;
      if (complete(sent?.sentAt) || (complete(stored?.generatedAt) && !input.send)) {
        logger.info('Report already done', { period: period.id, mailSent: sent !== undefined });
        return { period: period.id, files: [], mailed: 0, outcome: 'already_done' };
      }
      if (stored && complete(stored.generatedAt)) {
        // Stored after the period's end, its mail not sent: a run failed between the two.
        logger.info('Report stored earlier, mail not sent: mailing it', { period: period.id });
        return { period: period.id, files: [], mailed: await sendMail(stored), outcome: 'mailed' };
      }
    }

    const { dataset, consumedCapacity, readMs } = await loadReportDataset(reads, settings.programmeStart, period);
    let started = Date.now();
    const report = computeKpiReport(dataset, { period, programmeStart: settings.programmeStart, now: clock.now() });
    const computeMs = Date.now() - started;
    started = Date.now();
    const files = await renderReportFiles(report);
    const mail = await renderReportMail(report, deps.mail);
    const renderMs = Date.now() - started;
    started = Date.now();
    const all = [...files, { name: MAIL_HTML, contentType: HTML_TYPE, body: mail.html }];
    await store.put(period.id, all);
    const storeMs = Date.now() - started;
    logger.info('Report generated', { period: period.id, consumedCapacity, rows: datasetCounts(dataset), files: all.length, readMs, computeMs, renderMs, storeMs });

    const mailed = input.send ? await sendMail(report, mail) : 0;
    return { period: period.id, files: all.map((f) => f.name), mailed, outcome: 'generated' };
  };
}
export type GenerateReport = ReturnType<typeof makeGenerateReport>;

/** The monthly job (on the 1st): the previous Paris month's report, once per period. */
export const makeSendMonthlyReport =
  (generateReport: GenerateReport) =>
  (now: Date): Promise<GenerateReportResult> =>
    generateReport({ period: previousMonth(now), send: true });
