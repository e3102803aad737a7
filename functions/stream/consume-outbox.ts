/**
 * The jobs consumer: DynamoDB Streams records of outbox jobs that change the table (sign-ups),
 * filtered upstream, each done once. Failures are reported per record (`batchItemFailures`) and
 * retried; see shared/tasks/stream-handler.ts and docs/outbox.md.
 */
import { outboxConsumerHandler } from '../../shared/tasks/stream-handler';
import { wireOutboxJobs } from '../commons/jobs-wiring';

const { handlers, options } = wireOutboxJobs();

export const handler = outboxConsumerHandler(handlers, options);
