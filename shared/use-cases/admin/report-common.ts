/**
 * What the report use cases share (generate-report, get-report-kpis, send-weekly-digest): the
 * period parsed or refused as a 400, the dataset loaded from the programme's start to the period's
 * end with its counts for the logs, the recipients mailed one by one, and the stored marker files.
 */
import { ValidationFailedError } from '../../domain/errors';
import type { Locale } from '../../domain/locale';
import { message } from '../../domain/messages';
import type { ReportDataset } from '../../domain/report';
import { parsePeriod, sinceStart, type ReportPeriod } from '../../domain/report-period';
import type { Mailer } from '../../ports/mailer';
import type { ReportReads } from '../../ports/report-reads';

/** The stored report's JSON and the marker of its mail (`{ sentAt, recipients }`: a count, never an address). */
export const REPORT_JSON = 'report.json';
export const MAIL_HTML = 'mail.html';
export const MAIL_SENT = 'mail-sent.json';
export const DIGEST_HTML = 'digest.html';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

const PERIOD_HINT: Record<Locale, string> = {
  fr: 'Une période s’écrit AAAA-MM (un mois) ou AAAA (une année), par exemple 2026-10.',
  en: 'A period reads YYYY-MM (a month) or YYYY (a year), for example 2026-10.',
};

/** The period of `id`, or a ValidationFailedError on `period` (400). */
export function periodOrFail(id: string, locale: Locale = 'fr'): ReportPeriod {
  const period = parsePeriod(id);
  if (!period) throw new ValidationFailedError(message('validation_failed', locale), { period: PERIOD_HINT[locale] });
  return period;
}

/** The rows a report reads, counted by kind (what the logs carry). */
export const datasetCounts = (d: ReportDataset) => ({
  people: d.people.length,
  tandems: d.tandems.length,
  proposals: d.proposals.length,
  checkIns: d.checkIns.length,
  outcomes: d.outcomes.length,
  partners: d.partners.length,
});

/** The dataset of a period's report: from the programme's first month to the period's end. */
export async function loadReportDataset(reads: ReportReads, programmeStart: string, period: ReportPeriod) {
  const started = Date.now();
  const loaded = await reads.loadDataset(sinceStart(programmeStart, period));
  return { ...loaded, readMs: Date.now() - started };
}

/** One mail per recipient, in order (a failure stops the course: the caller's marker is not written). */
export async function mailEach(mailer: Mailer, recipients: readonly string[], mail: { subject: string; text: string; html: string }, category: string): Promise<number> {
  for (const to of recipients) await mailer.send({ to, subject: mail.subject, text: mail.text, html: mail.html, category });
  return recipients.length;
}
