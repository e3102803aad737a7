/** RankCandidates (matching workflow): the execution's input → the ranked state the loop carries. */
import { matchingExecutionInput, type MatchingExecutionInput, type RankedState } from '../../shared/domain/matching';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeRankCandidates } from '../../shared/use-cases/rank-candidates';
import { wireRankCandidates } from '../commons/workflow-wiring';

export const makeRankCandidatesTask =
  (rankCandidates: ReturnType<typeof makeRankCandidates>): RawTaskHandler<MatchingExecutionInput, RankedState> =>
  (input) =>
    rankCandidates(input);

export const handler = taskHandler(
  { input: matchingExecutionInput, correlationId: ({ menteeId, attempt }) => `${menteeId}-${attempt}` },
  makeRankCandidatesTask(wireRankCandidates()),
);
