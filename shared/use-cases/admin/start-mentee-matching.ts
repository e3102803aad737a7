/**
 * The CCI runs matching again for a mentee, or proposes a chosen mentor first (console).
 * Input: the mentee's id and optionally the chosen mentor's. Output: the attempt started.
 * Course: makeStartChosenAttempt (start-chosen-attempt.ts, shared with cohort publication) checks
 * and starts the attempt through the workflow's start job; its refusals become the API's errors:
 * an unknown mentee or mentor → NotFoundError (404); a mentee in a tandem or closed (or a lost
 * race) → ConflictError `not_waiting` (409); a mentor the engine finds incompatible →
 * ConflictError `not_compatible` (409) with the engine's exclusion code in `detail`.
 */
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { MatchingDeps } from '../matching-context';
import { makeStartChosenAttempt } from './start-chosen-attempt';

export function makeStartMenteeMatching(deps: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  const startChosenAttempt = makeStartChosenAttempt(deps);
  return async function startMenteeMatching(input: { menteeId: string; mentorId?: string | undefined }): Promise<{ status: 'matching_started'; attempt: number }> {
    const result = await startChosenAttempt(input);
    switch (result.outcome) {
      case 'started':
        return { status: 'matching_started', attempt: result.attempt };
      case 'mentee_not_found':
        throw new NotFoundError('No such mentee');
      case 'mentor_not_found':
        throw new NotFoundError('No such mentor');
      case 'not_waiting':
        throw new ConflictError('not_waiting', 'The mentee is not waiting for a mentor');
      case 'not_compatible':
        throw new ConflictError('not_compatible', 'The engine finds this mentor incompatible with the mentee', { code: result.exclusion.code });
    }
  };
}
