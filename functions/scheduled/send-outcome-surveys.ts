/** The daily outcome job (infra/config/scheduled-jobs.ts `outcomes`): the 3-, 6- and 12-month outcome surveys due, and their one reminder. */
import { jobNow, scheduledJobInput, type ScheduledJobInput } from '../../shared/domain/scheduled-job';
import { systemClock, type Clock } from '../../shared/ports/clock';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeSendOutcomeSurveys, SendOutcomeSurveysResult } from '../../shared/use-cases/send-outcome-surveys';
import { wireSendOutcomeSurveys } from '../commons/follow-up-jobs-wiring';

export const makeSendOutcomeSurveysTask =
  (sendOutcomeSurveys: ReturnType<typeof makeSendOutcomeSurveys>, clock: Clock = systemClock): RawTaskHandler<ScheduledJobInput, SendOutcomeSurveysResult> =>
  (input) =>
    sendOutcomeSurveys(jobNow(input, clock));

/** The scheduled time comes with the event (`scheduledTime`); without it, the clock's. */
export const handler = taskHandler({ input: scheduledJobInput }, makeSendOutcomeSurveysTask(wireSendOutcomeSurveys()));
