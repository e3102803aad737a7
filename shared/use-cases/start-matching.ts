/**
 * Starts a mentee's matching attempt (the `start_matching` job, recorded when the mentee entered
 * `awaiting_match`: verified, retried, resumed).
 * Input: the job (mentee and attempt). Output: `started`, or `already_started` (a replayed job:
 * the execution, named after the mentee and the attempt, exists, and nothing new starts).
 */
import { matchingExecutionName } from '../domain/matching';
import type { StartMatchingJob } from '../domain/matching-jobs';
import { logger } from '../observability/logger';
import type { MatchingDeps } from './matching-context';

export function makeStartMatching({ workflow }: Pick<MatchingDeps, 'workflow'>) {
  return async function startMatching({ menteeId, attempt }: StartMatchingJob): Promise<'started' | 'already_started'> {
    const outcome = await workflow.start(matchingExecutionName(menteeId, attempt), { menteeId, attempt });
    logger.info('Matching start', { menteeId, attempt, outcome });
    return outcome;
  };
}
