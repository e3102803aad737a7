/**
 * The after-commit consumer: DynamoDB Streams records of outbox items (filtered upstream), each
 * job done once — a sign-up processed, its e-mail sent. Failures are reported per record
 * (`batchItemFailures`) and retried; see shared/tasks/stream-handler.ts and docs/outbox.md.
 */
import { outboxConsumerHandler } from '../../shared/tasks/stream-handler';
import { wireOutboxConsumer } from '../commons/outbox-wiring';

const { handlers, options } = wireOutboxConsumer();

export const handler = outboxConsumerHandler(handlers, options);
