/**
 * At the local runtime's start: every mentee left in `awaiting_match` (its execution died with the
 * previous run) gets a new attempt. Input: none. Output: counts.
 * Course: for each, store.startAttempt from `awaiting_match` at `matchingAttempt + 1` with its
 * start job (no once-a-day condition: nothing was retried, the attempt was cut short). The new
 * attempt re-binds the pending proposals (no new mail) and finds decisions recorded meanwhile
 * (rank-candidates puts those mentors first, propose-to-mentor re-binds or hands the decision).
 */
import { logger } from '../observability/logger';
import { defaultNewId, startMatchingJob, type MatchingDeps } from './matching-context';

/** Mentees resumed at most per start (a local programme is far smaller). */
export const RESUME_LIMIT = 5000;

export function makeResumeMatching({ store, clock, newId = defaultNewId }: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  return async function resumeMatching(): Promise<{ awaiting: number; resumed: number }> {
    const now = clock.now();
    const mentees = await store.listMentees('awaiting_match', RESUME_LIMIT);
    let resumed = 0;
    for (const mentee of mentees) {
      const attempt = (mentee.matchingAttempt ?? 0) + 1;
      const outcome = await store.startAttempt({
        menteeId: mentee.id,
        from: ['awaiting_match'],
        attempt,
        now,
        start: startMatchingJob({ now, id: newId(), mentee, attempt }),
      });
      if (outcome === 'started') resumed++;
    }
    logger.info('Matching resumed', { awaiting: mentees.length, resumed });
    return { awaiting: mentees.length, resumed };
  };
}
