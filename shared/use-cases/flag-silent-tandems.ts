/**
 * The daily silence job (docs/follow-up.md, "Check-ins": Silence).
 * Input: `now`, the time the run was scheduled for (jobNow). Output: counts.
 * Course: read the silence watches due in `SILENCE` up to `now` (no answer from either side for
 * `silentAfterDays`), page after page, and flag each in one transaction (schedule.flagSilent, on
 * condition that the watch is still armed at the date read and the tandem active): the watch
 * disarmed, a `silent` alert opened for the console, a `follow_up_alert` mail to the CCI's
 * programme mailbox. An answer re-arms the watch later (another writer), so a tandem silent again
 * is flagged again, once per silence. A watch whose tandem closed is only disarmed. A second run
 * with the same `now` records nothing.
 */
import { logger } from '../observability/logger';
import type { SilenceWatch } from '../ports/follow-up-schedule';
import { defaultNewId, followUpMail, forEachDuePage, type FollowUpJobDeps } from './follow-up-jobs';

export interface FlagSilentTandemsResult {
  /** Watches read from `SILENCE`. */
  due: number;
  flagged: number;
  /** Watches of closed tandems, or of tandems whose silence was already flagged: disarmed only. */
  disarmed: number;
  /** Watches re-armed or disarmed since the read. */
  skipped: number;
}

export function makeFlagSilentTandems({ schedule, newId = defaultNewId }: Pick<FollowUpJobDeps, 'schedule' | 'newId'>) {
  async function flag({ tandemId, dueAt }: SilenceWatch, now: Date, result: FlagSilentTandemsResult) {
    const outcome = await schedule.flagSilent({
      tandemId,
      dueAt,
      now,
      // One mail per silence: the watch's due date tells one silence from the next.
      mail: { job: followUpMail(now, newId(), 'fr', { template: 'follow_up_alert', to: { programme: true }, tandemId, alert: 'silent' }), dedupKey: `follow_up_alert#${tandemId}#silent#${dueAt}` },
    });
    if (outcome === 'flagged') result.flagged++;
    else if (outcome === 'not_due') result.skipped++;
    else result.disarmed++;
  }

  return async function flagSilentTandems(now: Date): Promise<FlagSilentTandemsResult> {
    const result: FlagSilentTandemsResult = { due: 0, flagged: 0, disarmed: 0, skipped: 0 };
    await forEachDuePage(
      (page) => schedule.dueWatches(now, page),
      async (watches, page) => {
        result.due += watches.length;
        for (const watch of watches) await flag(watch, now, result);
        logger.info('Silence page', { queue: 'SILENCE', page, read: watches.length, flagged: result.flagged, disarmed: result.disarmed, skipped: result.skipped });
      },
    );
    logger.info('Silence run', { now: now.toISOString(), ...result });
    return result;
  };
}
