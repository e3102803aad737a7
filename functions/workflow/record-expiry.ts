/** RecordExpiry (matching workflow): the proposal's wait timed out → expired, accepted_late or declined_late. */
import type { z } from 'zod';
import { recordExpiryInput, type recordExpiryOutput } from '../../shared/domain/matching';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeRecordExpiry } from '../../shared/use-cases/record-expiry';
import { wireRecordExpiry } from '../commons/workflow-wiring';

export const makeRecordExpiryTask =
  (recordExpiry: ReturnType<typeof makeRecordExpiry>): RawTaskHandler<z.infer<typeof recordExpiryInput>, z.infer<typeof recordExpiryOutput>> =>
  (input) =>
    recordExpiry(input);

export const handler = taskHandler(
  { input: recordExpiryInput, correlationId: ({ menteeId, attempt }) => `${menteeId}-${attempt}` },
  makeRecordExpiryTask(wireRecordExpiry()),
);
