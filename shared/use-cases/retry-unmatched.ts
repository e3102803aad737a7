/**
 * A mentor became available or got a place back (the `capacity_appeared` job): retry the
 * unmatched mentees this mentor could serve.
 * Input: the job (the mentor). Output: counts (unmatched mentees read, compatible, retried).
 * Course: the mentor must be active with places left. The unmatched mentees (status index, oldest
 * first) not yet retried today and on one of the mentor's tracks are checked against this one
 * mentor by the engine (history, conflicts, dedicated pool, distance); the compatible ones, best
 * score first (oldest first on ties), at most as many as the mentor has free places — so one
 * mentor is not sent a proposal for every unmatched mentee at once — each get a new attempt:
 * store.startAttempt from `unmatched` at `matchingAttempt + 1`, with `retryDay` today (UTC) so
 * that a mentee is retried at most once a day whatever the number of jobs, and its start job.
 */
import type { CapacityAppearedJob } from '../domain/matching-jobs';
import type { MenteeProfile } from '../domain/people';
import { mentorCandidate } from '../matching/from-profiles';
import { explainPair } from '../matching/rank';
import { logger } from '../observability/logger';
import { defaultNewId, menteeRequestOf, startMatchingJob, utcDay, type MatchingDeps } from './matching-context';

/** Unmatched mentees read per job, oldest first. */
export const RETRY_SCAN_LIMIT = 1000;

export interface RetryUnmatchedResult {
  outcome: 'mentor_unavailable' | 'done';
  unmatched: number;
  compatible: number;
  retried: number;
}

export function makeRetryUnmatched({ store, clock, newId = defaultNewId }: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  return async function retryUnmatched({ mentorId }: CapacityAppearedJob): Promise<RetryUnmatchedResult> {
    const now = clock.now();
    const today = utcDay(now);
    const mentor = await store.getMentor(mentorId);
    const free = mentor && mentor.status === 'active' ? mentor.capacity - mentor.activeMentees : 0;
    if (!mentor || free <= 0) {
      logger.info('Capacity appeared, but the mentor is not available', { mentorId });
      return { outcome: 'mentor_unavailable', unmatched: 0, compatible: 0, retried: 0 };
    }
    const candidate = mentorCandidate(mentor, { pools: mentor.pools ?? [] });
    const unmatched = await store.listMentees('unmatched', RETRY_SCAN_LIMIT);
    const compatible: { mentee: MenteeProfile; score: number; order: number }[] = [];
    for (const [order, listed] of unmatched.entries()) {
      if ((listed.lastRetryDay !== undefined && listed.lastRetryDay >= today) || !mentor.tracks.includes(listed.track)) continue;
      const found = await store.getMentee(listed.id);
      if (found?.mentee.status !== 'unmatched') continue;
      const pair = explainPair(await menteeRequestOf(store, found), candidate);
      if (pair.compatible) compatible.push({ mentee: found.mentee, score: pair.score, order });
    }
    compatible.sort((a, b) => b.score - a.score || a.order - b.order);

    let retried = 0;
    for (const { mentee } of compatible) {
      if (retried >= free) break;
      const attempt = (mentee.matchingAttempt ?? 0) + 1;
      const outcome = await store.startAttempt({
        menteeId: mentee.id,
        from: ['unmatched'],
        attempt,
        retryDay: today,
        now,
        start: startMatchingJob({ now, id: newId(), mentee, attempt }),
      });
      if (outcome === 'started') retried++;
    }
    logger.info('Unmatched mentees retried', { mentorId, unmatched: unmatched.length, compatible: compatible.length, retried });
    return { outcome: 'done', unmatched: unmatched.length, compatible: compatible.length, retried };
  };
}
