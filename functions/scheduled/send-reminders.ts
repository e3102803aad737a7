/**
 * The hourly reminder sweep (EventBridge schedule; locally a timer and `npm run jobs -- reminders`):
 * one reminder per due proposal, as of the event's `scheduledTime` (else the clock's).
 */
import { scheduledJobInput, type ScheduledJobInput } from '../../shared/domain/scheduled-job';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { SendRemindersResult, makeSendReminders } from '../../shared/use-cases/send-reminders';
import { wireSendReminders } from '../commons/workflow-wiring';

export const makeSendRemindersTask =
  (sendReminders: ReturnType<typeof makeSendReminders>): RawTaskHandler<ScheduledJobInput, SendRemindersResult> =>
  (input) =>
    sendReminders(input);

/** EventBridge's envelope (an hourly rule) carries no `scheduledTime`: the sweep then uses the clock. */
export const handler = taskHandler({ input: scheduledJobInput }, makeSendRemindersTask(wireSendReminders()));
