/** MarkFailed (matching workflow): a caught error → the mentee `matching_failed`, the CCI alerted (error name only). */
import { markFailedInput, type MarkFailedInput } from '../../shared/domain/matching';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeMarkFailed } from '../../shared/use-cases/mark-failed';
import { wireMarkFailed } from '../commons/workflow-wiring';

export const makeMarkFailedTask =
  (markFailed: ReturnType<typeof makeMarkFailed>): RawTaskHandler<MarkFailedInput, { outcome: 'ended' | 'superseded'; errorName: string }> =>
  (input) =>
    markFailed(input);

export const handler = taskHandler(
  { input: markFailedInput, correlationId: ({ menteeId, attempt }) => `${menteeId}-${attempt}` },
  makeMarkFailedTask(wireMarkFailed()),
);
