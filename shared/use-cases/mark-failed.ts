/**
 * The workflow broke for the mentee (an error no retry mended): alert the CCI.
 * Input: the attempt and the caught error as Step Functions gives it (`{Error, Cause}`).
 * Output: `ended`, or `superseded` when the mentee had already left the attempt.
 * Course: one transaction (store.endAttempt) moves the mentee from `awaiting_match` (at this
 * attempt) to `matching_failed` and records a `matching_failed` mail to the programme mailbox
 * with the error's name only (a cause may quote data). The execution then fails, which raises
 * the alarm on failed executions.
 */
import type { MarkFailedInput } from '../domain/matching';
import { logger } from '../observability/logger';
import { defaultNewId, mailJob, type MatchingDeps } from './matching-context';

/** An error name as the alert shows it: a short identifier, never free text. */
export function errorNameOf(error: MarkFailedInput['error']): string {
  const name = error?.Error?.trim() ?? '';
  return /^[A-Za-z0-9_.:-]{1,200}$/.test(name) ? name : 'unknown';
}

export function makeMarkFailed({ store, clock, newId = defaultNewId }: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  return async function markFailed({ menteeId, attempt, error }: MarkFailedInput): Promise<{ outcome: 'ended' | 'superseded'; errorName: string }> {
    const now = clock.now();
    const errorName = errorNameOf(error);
    const outcome = await store.endAttempt({
      menteeId,
      attempt,
      status: 'matching_failed',
      now,
      mails: [
        {
          job: mailJob(now, newId(), 'fr', { template: 'matching_failed', to: { programme: true }, menteeId, attempt, errorName }),
          dedupKey: `matching_failed#${menteeId}#${attempt}`,
        },
      ],
    });
    logger.error('Matching failed', { menteeId, attempt, errorName, outcome });
    return { outcome, errorName };
  };
}
