/** The Monday digest job (infra/config/scheduled-jobs.ts `digest`): the week's alerts to the CCI's list, once per ISO week (use case send-weekly-digest). */
import { jobNow, scheduledJobInput, type ScheduledJobInput } from '../../shared/domain/scheduled-job';
import { systemClock, type Clock } from '../../shared/ports/clock';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { SendWeeklyDigest, SendWeeklyDigestResult } from '../../shared/use-cases/admin/send-weekly-digest';
import { wireSendWeeklyDigest } from '../commons/reports-wiring';

export const makeSendWeeklyDigestTask =
  (sendWeeklyDigest: SendWeeklyDigest, clock: Clock = systemClock): RawTaskHandler<ScheduledJobInput, SendWeeklyDigestResult> =>
  (input) =>
    sendWeeklyDigest(jobNow(input, clock));

/** The scheduled time comes with the event (`scheduledTime`); without it, the clock's. */
export const handler = taskHandler({ input: scheduledJobInput }, makeSendWeeklyDigestTask(wireSendWeeklyDigest()));
