/**
 * The Monday digest (docs/reports.md): input the time the job runs "at", output the ISO week and
 * what was done. Once per ISO week in Paris (`2026-W49`): when `<week>/digest.html` is stored,
 * nothing. Otherwise the alerts are read as of `now` (waiting mentees, unanswered proposals, open
 * tandem alerts), the mail rendered and sent to each address of the CCI's list (category
 * `digest`), then stored as `digest.html`, which marks the week done. Mailed first, stored last: a
 * failure in between sends the week's digest twice rather than never. A week with nothing to
 * report stores its (empty) digest and mails nobody.
 */
import type { WeeklyDigest } from '../../domain/report';
import { parisDay } from '../../domain/report-period';
import { logger } from '../../observability/logger';
import type { Mailer } from '../../ports/mailer';
import type { ReportReads } from '../../ports/report-reads';
import type { ReportStore } from '../../ports/report-store';
import { renderDigestMail } from '../../reports/render-digest';
import type { ReportMailContext } from './generate-report';
import { DIGEST_HTML, HTML_TYPE, mailEach } from './report-common';

/** The ISO 8601 week (`2026-W49`) of the Paris day holding `at`: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(at: Date): string {
  const [y, m, d] = parisDay(at).split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const weekDay = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekDay) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface SendWeeklyDigestResult {
  week: string;
  outcome: 'sent' | 'nothing_to_report' | 'already_done';
  menteesWaiting: number;
  proposalsUnanswered: number;
  tandemAlerts: number;
  mailed: number;
}

export function makeSendWeeklyDigest(deps: {
  reads: ReportReads;
  store: ReportStore;
  mailer: Mailer;
  settings: { recipients: readonly string[] };
  mail: ReportMailContext;
}) {
  return async function sendWeeklyDigest(now: Date): Promise<SendWeeklyDigestResult> {
    const week = isoWeekOf(now);
    if (await deps.store.has(week, DIGEST_HTML)) {
      logger.info('Digest already done', { week });
      return { week, outcome: 'already_done', menteesWaiting: 0, proposalsUnanswered: 0, tandemAlerts: 0, mailed: 0 };
    }
    const started = Date.now();
    const { digest: lists, consumedCapacity } = await deps.reads.loadDigest(now);
    const digest: WeeklyDigest = { week, generatedAt: now.toISOString(), ...lists };
    const counts = { menteesWaiting: digest.menteesWaiting.length, proposalsUnanswered: digest.proposalsUnanswered.length, tandemAlerts: digest.tandemAlerts.length };
    const empty = counts.menteesWaiting + counts.proposalsUnanswered + counts.tandemAlerts === 0;
    const mail = await renderDigestMail(digest, deps.mail);
    const mailed = empty ? 0 : await mailEach(deps.mailer, deps.settings.recipients, mail, 'digest');
    await deps.store.put(week, [{ name: DIGEST_HTML, contentType: HTML_TYPE, body: mail.html }]);
    logger.info('Digest done', { week, consumedCapacity, ...counts, mailed, ms: Date.now() - started });
    return { week, outcome: empty ? 'nothing_to_report' : 'sent', ...counts, mailed };
  };
}
export type SendWeeklyDigest = ReturnType<typeof makeSendWeeklyDigest>;
