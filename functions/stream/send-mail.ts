/**
 * The mail consumer: DynamoDB Streams records of mail jobs, filtered upstream; each mail rendered,
 * signed and sent once (effect ledger). Failures are reported per record and retried; see
 * shared/tasks/stream-handler.ts and docs/outbox.md.
 */
import { outboxConsumerHandler } from '../../shared/tasks/stream-handler';
import { wireMailSender } from '../commons/mail-wiring';

const { handlers, options } = wireMailSender();

export const handler = outboxConsumerHandler(handlers, options);
