/**
 * Composition root of the jobs consumer (see shared/db/outbox-stream.ts): one handler per job kind
 * it does, built once per container. It reads the table configuration only: no mail, no signing key.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { resendJobSchema } from '../../shared/domain/resend-job';
import { signUpJobSchema } from '../../shared/domain/sign-up-job';
import { systemClock } from '../../shared/ports/clock';
import type { OutboxConsumerOptions, OutboxJobHandlers } from '../../shared/tasks/stream-handler';
import { makeProcessResend } from '../../shared/use-cases/process-resend';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';

export function wireOutboxJobs(): { handlers: OutboxJobHandlers; options: OutboxConsumerOptions } {
  const config = loadTableConfig();
  const store = dynamoRegistrationStore(makeDocumentClient(config), config.tableName);
  const processSignUp = makeProcessSignUp({ store, clock: systemClock });
  const processResend = makeProcessResend({ store, clock: systemClock });
  return {
    handlers: {
      sign_up: { schema: signUpJobSchema, handle: (job) => processSignUp(job) },
      resend: { schema: resendJobSchema, handle: (job) => processResend(job) },
    },
    options: {},
  };
}
