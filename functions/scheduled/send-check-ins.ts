/** The daily check-in job (infra/config/scheduled-jobs.ts `check-ins`): the check-ins due, and their one reminder. */
import { jobNow, scheduledJobInput, type ScheduledJobInput } from '../../shared/domain/scheduled-job';
import { systemClock, type Clock } from '../../shared/ports/clock';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeSendCheckIns, SendCheckInsResult } from '../../shared/use-cases/send-check-ins';
import { wireSendCheckIns } from '../commons/follow-up-jobs-wiring';

export const makeSendCheckInsTask =
  (sendCheckIns: ReturnType<typeof makeSendCheckIns>, clock: Clock = systemClock): RawTaskHandler<ScheduledJobInput, SendCheckInsResult> =>
  (input) =>
    sendCheckIns(jobNow(input, clock));

/** The scheduled time comes with the event (`scheduledTime`); without it, the clock's. */
export const handler = taskHandler({ input: scheduledJobInput }, makeSendCheckInsTask(wireSendCheckIns()));
