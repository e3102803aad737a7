/**
 * Nobody could be found for the mentee in this attempt.
 * Input: the attempt's counts (mentors considered, compatible, excluded by reason, proposed to).
 * Output: `ended`, or `superseded` when the mentee had already left the attempt (nothing sent).
 * Course: one transaction (store.endAttempt) moves the mentee from `awaiting_match` (at this
 * attempt) to `unmatched` and records the report mails — the counts, never a name — to the CCI's
 * programme mailbox and, when the mentee was referred, to the partner, and keeps the counts on the
 * mentee (`lastUnmatchedReport`, for the CCI's console). The mentee is retried when
 * capacity appears (retry-unmatched).
 */
import type { MarkUnmatchedInput } from '../domain/matching';
import { logger } from '../observability/logger';
import type { RecordedJob } from '../ports/matching-store';
import { defaultNewId, mailJob, type MatchingDeps } from './matching-context';

export function makeMarkUnmatched({ store, clock, newId = defaultNewId }: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  return async function markUnmatched(input: MarkUnmatchedInput): Promise<{ outcome: 'ended' | 'superseded' }> {
    const { menteeId, attempt, considered, compatible, excluded, proposed } = input;
    const now = clock.now();
    const found = await store.getMentee(menteeId);
    if (!found) return { outcome: 'superseded' };
    const partnerId = found.mentee.partnerId;
    const report = (to: { programme: true } | { partnerId: string }, name: string): RecordedJob => ({
      job: mailJob(now, newId(), 'fr', { template: 'unmatched_report', to, menteeId, attempt, considered, compatible, proposed, excluded }),
      dedupKey: `unmatched_report#${menteeId}#${attempt}#${name}`,
    });
    const mails = [report({ programme: true }, 'programme'), ...(partnerId ? [report({ partnerId }, 'partner')] : [])];
    const counts = { at: now.toISOString(), considered, compatible, proposed, excluded };
    const outcome = await store.endAttempt({ menteeId, attempt, status: 'unmatched', now, mails, report: counts });
    logger.info('No mentor found', { menteeId, attempt, considered, compatible, proposed, outcome });
    return { outcome };
  };
}
