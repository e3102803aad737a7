/**
 * The daily check-in job (docs/follow-up.md, "Check-ins": Mailing and Reminder).
 * Input: `now`, the time the run was scheduled for (jobNow). Output: counts.
 * Course: read the rounds due in `CHECKIN` up to `now`, page after page; for each, read the
 * tandem: closed → the round cancelled; active → in one transaction (schedule.sendRound, on
 * condition that the round is still scheduled and the tandem active) the round sent and moved to
 * the reminder queue `reminderAfterDays` later, the next round put (monthly, `checkInIntervalDays`
 * after this one) and a `check_in` mail to mentor and mentee. Then read the rounds due in
 * `CHECKIN_REMINDER` and remind each once (schedule.remindRound): a `check_in` mail with
 * `reminder: true` to each person who has not answered. Every write is conditional and moves the
 * round out of the queue it was read from: a second run with the same `now` records nothing.
 */
import { addDays, checkInDueAt, CHECK_IN_ROLES, type CheckInRole, type CheckInRound, type FollowUpSettings } from '../domain/follow-up';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale';
import type { Tandem } from '../domain/matching';
import { logger } from '../observability/logger';
import type { RecordedJob } from '../ports/follow-up-schedule';
import { defaultNewId, followUpMail, forEachDuePage, type FollowUpJobDeps } from './follow-up-jobs';

export interface SendCheckInsResult {
  /** Rounds read from `CHECKIN`. */
  due: number;
  sent: number;
  /** Rounds of tandems no longer active. */
  cancelled: number;
  /** Rounds another run (or a closing) had already taken out of the queue. */
  skipped: number;
  /** Rounds read from `CHECKIN_REMINDER`. */
  remindersDue: number;
  reminded: number;
  /** Reminder mails recorded (one per person without an answer). */
  reminderMails: number;
}

/**
 * When the round after `seq` is due: `checkInIntervalDays` after this one's due date — but never
 * before this round's reminder has gone (a run days late does not mail two check-ins in a row).
 */
export function nextCheckInDueAt(startedAt: string, seq: number, now: Date, s: Pick<FollowUpSettings, 'firstCheckInDays' | 'checkInIntervalDays' | 'reminderAfterDays'>): string {
  const regular = checkInDueAt(startedAt, seq + 1, s);
  const earliest = addDays(now.toISOString(), s.reminderAfterDays + 1);
  return regular > earliest ? regular : earliest;
}

export function makeSendCheckIns({ schedule, settings, newId = defaultNewId }: FollowUpJobDeps) {
  const personOf = (tandem: Tandem, role: CheckInRole) => (role === 'mentor' ? tandem.mentorId : tandem.menteeId);
  const locales = async (tandem: Tandem): Promise<Record<CheckInRole, Locale>> => {
    const [mentor, mentee] = await Promise.all([schedule.localeOf('mentor', tandem.mentorId), schedule.localeOf('mentee', tandem.menteeId)]);
    return { mentor: mentor ?? DEFAULT_LOCALE, mentee: mentee ?? DEFAULT_LOCALE };
  };
  const checkInMail = (now: Date, tandem: Tandem, seq: number, role: CheckInRole, locale: Locale, reminder: boolean): RecordedJob => ({
    job: followUpMail(now, newId(), locale, { template: 'check_in', to: { role, personId: personOf(tandem, role) }, tandemId: tandem.id, seq, reminder }),
    dedupKey: `${reminder ? 'checkin_reminder' : 'checkin'}#${tandem.id}#${seq}#${role}`,
  });

  async function send(round: CheckInRound, now: Date, result: SendCheckInsResult) {
    const tandem = await schedule.getTandem(round.tandemId);
    if (tandem?.status === 'active') {
      const lang = await locales(tandem);
      const outcome = await schedule.sendRound({
        tandemId: round.tandemId,
        seq: round.seq,
        now,
        remindAt: addDays(now.toISOString(), settings.reminderAfterDays),
        next: { tandemId: round.tandemId, seq: round.seq + 1, kind: 'monthly', dueAt: nextCheckInDueAt(tandem.startedAt, round.seq, now, settings), status: 'scheduled', answers: {} },
        mails: CHECK_IN_ROLES.map((role) => checkInMail(now, tandem, round.seq, role, lang[role], false)),
      });
      if (outcome === 'sent') return void result.sent++;
      if (outcome === 'not_due') return void result.skipped++;
    }
    // The tandem closed (before the read or since): the round will never be asked.
    if ((await schedule.cancelRound({ tandemId: round.tandemId, seq: round.seq })) === 'cancelled') result.cancelled++;
    else result.skipped++;
  }

  async function remind(round: CheckInRound, now: Date, result: SendCheckInsResult) {
    const tandem = await schedule.getTandem(round.tandemId);
    const lang = tandem ? await locales(tandem) : undefined;
    const outcome = await schedule.remindRound({
      tandemId: round.tandemId,
      seq: round.seq,
      now,
      mails: (unanswered) => (tandem && lang ? unanswered.map((role) => checkInMail(now, tandem, round.seq, role, lang[role], true)) : []),
    });
    if (outcome.outcome === 'reminded') {
      result.reminded++;
      result.reminderMails += tandem ? outcome.mailed.length : 0;
    } else result.skipped++;
  }

  return async function sendCheckIns(now: Date): Promise<SendCheckInsResult> {
    const result: SendCheckInsResult = { due: 0, sent: 0, cancelled: 0, skipped: 0, remindersDue: 0, reminded: 0, reminderMails: 0 };
    await forEachDuePage(
      (page) => schedule.dueRounds('CHECKIN', now, page),
      async (rounds, page) => {
        result.due += rounds.length;
        for (const round of rounds) await send(round, now, result);
        logger.info('Check-ins page', { queue: 'CHECKIN', page, read: rounds.length, sent: result.sent, cancelled: result.cancelled, skipped: result.skipped });
      },
    );
    await forEachDuePage(
      (page) => schedule.dueRounds('CHECKIN_REMINDER', now, page),
      async (rounds, page) => {
        result.remindersDue += rounds.length;
        for (const round of rounds) await remind(round, now, result);
        logger.info('Check-ins page', { queue: 'CHECKIN_REMINDER', page, read: rounds.length, reminded: result.reminded, reminderMails: result.reminderMails });
      },
    );
    logger.info('Check-ins run', { now: now.toISOString(), ...result });
    return result;
  };
}
