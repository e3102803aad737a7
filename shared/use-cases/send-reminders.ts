/**
 * The hourly sweep: one reminder to each mentor whose proposal has waited `reminderAfterSeconds`.
 * Input: the scheduled job's (`scheduledTime`: the time the sweep runs "at", else the clock's; so
 * `npm run jobs -- reminders --now <ISO>` sweeps as of that time). Output: counts (due, recorded,
 * not due any more).
 * Course: read the due proposals from the sparse reminder index (pending, undecided, not yet
 * reminded), page after page, and for each record the reminder — the `proposal` mail with
 * `reminder: true` — on condition that it is still due (store.recordReminder), which also takes
 * the proposal out of the index: a proposal is reminded once, however often the sweep runs.
 */
import { jobNow, type ScheduledJobInput } from '../domain/scheduled-job';
import { logger } from '../observability/logger';
import { defaultNewId, proposalMail, type MatchingDeps } from './matching-context';

/** Due proposals read per page; a sweep reads pages until one comes back short or records nothing. */
export const REMINDER_PAGE = 100;
/** Pages at most per sweep (the next sweep takes the rest). */
export const REMINDER_PAGES = 20;

export interface SendRemindersResult {
  due: number;
  recorded: number;
  notDue: number;
}

export function makeSendReminders({ store, clock, newId = defaultNewId }: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  return async function sendReminders(input?: ScheduledJobInput): Promise<SendRemindersResult> {
    const now = jobNow(input, clock);
    const result: SendRemindersResult = { due: 0, recorded: 0, notDue: 0 };
    for (let page = 0; page < REMINDER_PAGES; page++) {
      const due = await store.dueReminders(now, REMINDER_PAGE);
      result.due += due.length;
      let recorded = 0;
      for (const { menteeId, mentorId } of due) {
        const mentor = await store.getMentor(mentorId);
        const mail = proposalMail({ now, id: newId(), locale: mentor?.locale ?? 'fr', menteeId, mentorId, reminder: true });
        if ((await store.recordReminder({ menteeId, mentorId, now, mail })) === 'recorded') recorded++;
        else result.notDue++;
      }
      result.recorded += recorded;
      if (due.length < REMINDER_PAGE || recorded === 0) break;
    }
    logger.info('Reminders sweep', { ...result });
    return result;
  };
}
