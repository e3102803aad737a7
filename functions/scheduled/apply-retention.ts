/**
 * The nightly retention job (EventBridge Scheduler at 03:00 Europe/Paris; locally a timer and
 * `npm run jobs -- retention --now <ISO>`): retention notices, erasure of unmatched profiles, closed
 * tandems' personal fields, as of the event's `scheduledTime` (else the clock's).
 */
import { scheduledJobInput, type ScheduledJobInput } from '../../shared/domain/scheduled-job';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { ApplyRetentionResult, makeApplyRetention } from '../../shared/use-cases/apply-retention';
import { wireApplyRetention } from '../commons/personal-data-wiring';

export const makeApplyRetentionTask =
  (applyRetention: ReturnType<typeof makeApplyRetention>): RawTaskHandler<ScheduledJobInput, ApplyRetentionResult> =>
  (input) =>
    applyRetention(input);

export const handler = taskHandler({ input: scheduledJobInput }, makeApplyRetentionTask(wireApplyRetention()));
