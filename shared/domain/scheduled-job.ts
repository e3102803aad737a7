/**
 * The input of a scheduled job (functions/scheduled/): EventBridge Scheduler sends the time the run
 * was scheduled for (`<aws.scheduler.scheduled-time>`, kept on retries); the local runtime sends the
 * time of `npm run jobs -- <name> --now <ISO>`. Without it (an older EventBridge rule, a test), the
 * job uses its clock. Unknown fields (EventBridge's envelope) are ignored.
 */
import { iso, looseObject, optional } from 'zod/mini';
import type { z } from 'zod/mini';

export const scheduledJobInput = looseObject({ scheduledTime: optional(iso.datetime({ offset: true })) });
export type ScheduledJobInput = z.infer<typeof scheduledJobInput>;

/** The time a job runs "at": the scheduled time, else the clock's. */
export const jobNow = (input: ScheduledJobInput | undefined, clock: { now(): Date }): Date => (input?.scheduledTime ? new Date(input.scheduledTime) : clock.now());
