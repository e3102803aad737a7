/** The daily silence job (infra/config/scheduled-jobs.ts `silence`): active tandems with no answer for `silentAfterDays` flagged for the CCI. */
import { jobNow, scheduledJobInput, type ScheduledJobInput } from '../../shared/domain/scheduled-job';
import { systemClock, type Clock } from '../../shared/ports/clock';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { FlagSilentTandemsResult, makeFlagSilentTandems } from '../../shared/use-cases/flag-silent-tandems';
import { wireFlagSilentTandems } from '../commons/follow-up-jobs-wiring';

export const makeFlagSilentTandemsTask =
  (flagSilentTandems: ReturnType<typeof makeFlagSilentTandems>, clock: Clock = systemClock): RawTaskHandler<ScheduledJobInput, FlagSilentTandemsResult> =>
  (input) =>
    flagSilentTandems(jobNow(input, clock));

/** The scheduled time comes with the event (`scheduledTime`); without it, the clock's. */
export const handler = taskHandler({ input: scheduledJobInput }, makeFlagSilentTandemsTask(wireFlagSilentTandems()));
