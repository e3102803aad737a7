/**
 * Composition root of the jobs consumer (see shared/db/outbox-stream.ts): one handler per job kind
 * it does, built once per container. It reads the table and the workflow (Step Functions: start an
 * attempt, answer a waiting task) configurations: no mail, no signing key.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { stepFunctionsWorkflow } from '../../shared/adapters/stepfunctions/matching-workflow';
import { loadTableConfig, loadWorkflowConfig } from '../../shared/config/runtime-config';
import { capacityAppearedJobSchema, deliverDecisionJobSchema, startMatchingJobSchema } from '../../shared/domain/matching-jobs';
import { resendJobSchema } from '../../shared/domain/resend-job';
import { signUpJobSchema } from '../../shared/domain/sign-up-job';
import { systemClock } from '../../shared/ports/clock';
import type { OutboxConsumerOptions, OutboxJobHandlers } from '../../shared/tasks/stream-handler';
import { makeDeliverDecision } from '../../shared/use-cases/deliver-decision';
import { makeProcessResend } from '../../shared/use-cases/process-resend';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeRetryUnmatched } from '../../shared/use-cases/retry-unmatched';
import { makeStartMatching } from '../../shared/use-cases/start-matching';

export function wireOutboxJobs(): { handlers: OutboxJobHandlers; options: OutboxConsumerOptions } {
  const config = loadTableConfig();
  const db = makeDocumentClient(config);
  const store = dynamoRegistrationStore(db, config.tableName);
  const processSignUp = makeProcessSignUp({ store, clock: systemClock });
  const processResend = makeProcessResend({ store, clock: systemClock });
  const matching = dynamoMatchingStore(db, config.tableName);
  const workflow = stepFunctionsWorkflow(loadWorkflowConfig());
  const startMatching = makeStartMatching({ workflow });
  const deliverDecision = makeDeliverDecision({ store: matching, workflow, clock: systemClock });
  const retryUnmatched = makeRetryUnmatched({ store: matching, clock: systemClock });
  return {
    handlers: {
      sign_up: { schema: signUpJobSchema, handle: (job) => processSignUp(job) },
      resend: { schema: resendJobSchema, handle: (job) => processResend(job) },
      start_matching: { schema: startMatchingJobSchema, handle: (job) => startMatching(job) },
      deliver_decision: { schema: deliverDecisionJobSchema, handle: (job) => deliverDecision(job) },
      capacity_appeared: { schema: capacityAppearedJobSchema, handle: (job) => retryUnmatched(job) },
    },
    options: {},
  };
}
