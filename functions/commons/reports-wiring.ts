/**
 * Composition root of the reports' functions (routes of the reports stack, the monthly and weekly
 * jobs): each builds its use case at module scope, parsing only the configuration groups of its
 * capabilities (a missing variable fails at start). The report store is the reports bucket
 * (`REPORTS_STORE=s3`) or, locally, a folder whose links point at the hub — the only case where the
 * file routes (capability `reports` alone) read the site's origin from the mail group, which the
 * local runtime always sets. The mails' console links use the mail group's site URL.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoReportReads } from '../../shared/adapters/dynamodb/report-reads';
import { fileReportStore } from '../../shared/adapters/file/report-store';
import { mailerFromConfig } from '../../shared/adapters/mail/mailers';
import { s3ReportStore } from '../../shared/adapters/s3/report-store';
import { loadMailConfig, loadReportsConfig, loadTableConfig, type ReportsConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import type { ReportStore } from '../../shared/ports/report-store';
import { makeGenerateReport, makeSendMonthlyReport } from '../../shared/use-cases/admin/generate-report';
import { makeGetReportKpis } from '../../shared/use-cases/admin/get-report-kpis';
import { makeGetReportFileLink, makeListReports } from '../../shared/use-cases/admin/report-files';
import { makeSendWeeklyDigest } from '../../shared/use-cases/admin/send-weekly-digest';

function reportStore(config: ReportsConfig): ReportStore {
  if (config.store === 's3') return s3ReportStore(withErrorTranslation(new S3Client({}), 'S3'), config.bucket);
  return fileReportStore({ dir: config.dir, siteUrl: loadMailConfig().siteUrl });
}

function reportReads() {
  const table = loadTableConfig();
  return dynamoReportReads(makeDocumentClient(table), table.tableName);
}

/** The mail side: the transport and what the report mails name and link to. */
function mailing() {
  const mail = loadMailConfig();
  return { mailer: mailerFromConfig(mail), context: { consoleUrl: mail.siteUrl, operatorName: mail.operator.name } };
}

export function wireGenerateReport() {
  const config = loadReportsConfig();
  const { mailer, context } = mailing();
  return makeGenerateReport({ reads: reportReads(), store: reportStore(config), mailer, clock: systemClock, settings: config, mail: context });
}

export function wireSendMonthlyReport() {
  const generateReport = wireGenerateReport();
  return { generateReport, sendMonthlyReport: makeSendMonthlyReport(generateReport) };
}

export function wireSendWeeklyDigest() {
  const config = loadReportsConfig();
  const { mailer, context } = mailing();
  return makeSendWeeklyDigest({ reads: reportReads(), store: reportStore(config), mailer, settings: config, mail: context });
}

export function wireGetReportKpis() {
  return makeGetReportKpis({ reads: reportReads(), clock: systemClock, settings: loadReportsConfig() });
}

export function wireListReports() {
  return makeListReports({ store: reportStore(loadReportsConfig()) });
}

export function wireGetReportFileLink() {
  const config = loadReportsConfig();
  return makeGetReportFileLink({ store: reportStore(config), clock: systemClock, settings: config });
}
