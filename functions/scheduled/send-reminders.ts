/** The hourly reminder sweep (EventBridge schedule; locally a timer): one reminder per due proposal. */
import { unknown } from 'zod';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { SendRemindersResult, makeSendReminders } from '../../shared/use-cases/send-reminders';
import { wireSendReminders } from '../commons/workflow-wiring';

export const makeSendRemindersTask =
  (sendReminders: ReturnType<typeof makeSendReminders>): RawTaskHandler<unknown, SendRemindersResult> =>
  () =>
    sendReminders();

/** The scheduled event carries nothing the sweep needs (the time is the clock's). */
export const handler = taskHandler({ input: unknown() }, makeSendRemindersTask(wireSendReminders()));
