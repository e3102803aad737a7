/**
 * The daily outcome job (docs/follow-up.md, "Outcomes"): the outcome asked at 3, 6 and 12 months.
 * Input: `now`, the time the run was scheduled for (jobNow). Output: counts.
 * Course: read the surveys due in `OUTCOME` up to `now`, page after page; for each, read the
 * tandem (a survey of a tandem that no longer exists is cancelled) and, in one conditional write
 * (schedule.sendSurvey: still scheduled), mark it sent, move it to the reminder queue
 * `reminderAfterDays` later and record an `outcome_survey` mail to the mentee and, when the mentee
 * was referred, to the partner's contact address. The outcome is asked whatever the tandem's
 * status (a closing that must not ask cancels the surveys itself). Then read the surveys due in
 * `OUTCOME_REMINDER` and remind each once (schedule.remindSurvey) whoever has not answered. A
 * second run with the same `now` records nothing.
 */
import { addDays, type OutcomeRespondent, type OutcomeSurvey } from '../domain/follow-up';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale';
import type { Tandem } from '../domain/matching';
import { logger } from '../observability/logger';
import type { RecordedJob } from '../ports/follow-up-schedule';
import { defaultNewId, followUpMail, forEachDuePage, type FollowUpJobDeps } from './follow-up-jobs';

export interface SendOutcomeSurveysResult {
  /** Surveys read from `OUTCOME`. */
  due: number;
  sent: number;
  /** Survey mails recorded (mentee, partner). */
  mails: number;
  /** Surveys of tandems that no longer exist. */
  cancelled: number;
  /** Surveys another run had already taken out of the queue. */
  skipped: number;
  /** Surveys read from `OUTCOME_REMINDER`. */
  remindersDue: number;
  reminded: number;
  reminderMails: number;
}

/** Who is asked: the mentee and, for a referred mentee, the partner. */
const respondentsOf = (tandem: Tandem): OutcomeRespondent[] => ['mentee', ...(tandem.partnerId ? (['partner'] as const) : [])];

export function makeSendOutcomeSurveys({ schedule, settings, newId = defaultNewId }: FollowUpJobDeps) {
  const surveyMail = (now: Date, tandem: Tandem, milestone: OutcomeSurvey['milestone'], respondent: OutcomeRespondent, menteeLocale: Locale, reminder: boolean): RecordedJob => ({
    job: followUpMail(now, newId(), respondent === 'mentee' ? menteeLocale : DEFAULT_LOCALE, {
      template: 'outcome_survey',
      to: respondent === 'partner' ? { partnerId: tandem.partnerId! } : { role: 'mentee', personId: tandem.menteeId },
      tandemId: tandem.id,
      milestone,
      reminder,
    }),
    dedupKey: `${reminder ? 'outcome_reminder' : 'outcome'}#${tandem.id}#${milestone}#${respondent}`,
  });
  const menteeLocale = async (tandem: Tandem) => (await schedule.localeOf('mentee', tandem.menteeId)) ?? DEFAULT_LOCALE;

  async function send(survey: OutcomeSurvey, now: Date, result: SendOutcomeSurveysResult) {
    const { tandemId, milestone } = survey;
    const tandem = await schedule.getTandem(tandemId);
    if (!tandem) {
      if ((await schedule.cancelSurvey({ tandemId, milestone })) === 'cancelled') result.cancelled++;
      else result.skipped++;
      return;
    }
    const locale = await menteeLocale(tandem);
    const mails = respondentsOf(tandem).map((r) => surveyMail(now, tandem, milestone, r, locale, false));
    const outcome = await schedule.sendSurvey({ tandemId, milestone, now, remindAt: addDays(now.toISOString(), settings.reminderAfterDays), mails });
    if (outcome === 'sent') {
      result.sent++;
      result.mails += mails.length;
    } else result.skipped++;
  }

  async function remind(survey: OutcomeSurvey, now: Date, result: SendOutcomeSurveysResult) {
    const { tandemId, milestone } = survey;
    const tandem = await schedule.getTandem(tandemId);
    const locale = tandem ? await menteeLocale(tandem) : DEFAULT_LOCALE;
    const outcome = await schedule.remindSurvey({
      tandemId,
      milestone,
      now,
      mails: (unanswered) => (tandem ? unanswered.map((r) => surveyMail(now, tandem, milestone, r, locale, true)) : []),
    });
    if (outcome.outcome === 'reminded') {
      result.reminded++;
      result.reminderMails += tandem ? outcome.mailed.length : 0;
    } else result.skipped++;
  }

  return async function sendOutcomeSurveys(now: Date): Promise<SendOutcomeSurveysResult> {
    const result: SendOutcomeSurveysResult = { due: 0, sent: 0, mails: 0, cancelled: 0, skipped: 0, remindersDue: 0, reminded: 0, reminderMails: 0 };
    await forEachDuePage(
      (page) => schedule.dueSurveys('OUTCOME', now, page),
      async (surveys, page) => {
        result.due += surveys.length;
        for (const survey of surveys) await send(survey, now, result);
        logger.info('Outcome surveys page', { queue: 'OUTCOME', page, read: surveys.length, sent: result.sent, mails: result.mails, cancelled: result.cancelled, skipped: result.skipped });
      },
    );
    await forEachDuePage(
      (page) => schedule.dueSurveys('OUTCOME_REMINDER', now, page),
      async (surveys, page) => {
        result.remindersDue += surveys.length;
        for (const survey of surveys) await remind(survey, now, result);
        logger.info('Outcome surveys page', { queue: 'OUTCOME_REMINDER', page, read: surveys.length, reminded: result.reminded, reminderMails: result.reminderMails });
      },
    );
    logger.info('Outcome surveys run', { now: now.toISOString(), ...result });
    return result;
  };
}
