/** MarkUnmatched (matching workflow): nobody found → the mentee `unmatched`, the report to the CCI and the partner. */
import { markUnmatchedInput, type MarkUnmatchedInput } from '../../shared/domain/matching';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeMarkUnmatched } from '../../shared/use-cases/mark-unmatched';
import { wireMarkUnmatched } from '../commons/workflow-wiring';

export const makeMarkUnmatchedTask =
  (markUnmatched: ReturnType<typeof makeMarkUnmatched>): RawTaskHandler<MarkUnmatchedInput, { outcome: 'ended' | 'superseded' }> =>
  (input) =>
    markUnmatched(input);

export const handler = taskHandler(
  { input: markUnmatchedInput, correlationId: ({ menteeId, attempt }) => `${menteeId}-${attempt}` },
  makeMarkUnmatchedTask(wireMarkUnmatched()),
);
