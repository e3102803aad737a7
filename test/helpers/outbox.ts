/**
 * The after-commit path on DynamoDB Local, as the local runtime runs it: a real stream poller per
 * consumer (infra/local/stream-poller.ts) reads the test table's stream with that consumer's filter
 * and feeds the real consumer chain (shared/tasks/stream-handler.ts), built with the real stores and
 * effect ledger; only the mailer is a capturing double and the clock is the test's.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { dynamoEffectLedger } from '../../shared/adapters/dynamodb/effect-ledger';
import { dynamoMailQuota } from '../../shared/adapters/dynamodb/mail-quota';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { OUTBOX_CONSUMERS, outboxStreamFilter } from '../../shared/db/outbox-stream';
import { mailJobSchema } from '../../shared/domain/mail-job';
import { resendJobSchema } from '../../shared/domain/resend-job';
import { signUpJobSchema } from '../../shared/domain/sign-up-job';
import { makeLinkSigner } from '../../shared/links/signed-links';
import type { Clock } from '../../shared/ports/clock';
import { dynamoMatchingReads } from '../../shared/adapters/dynamodb/matching-reads';
import { makeOutboxConsumer } from '../../shared/tasks/stream-handler';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeProcessResend } from '../../shared/use-cases/process-resend';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeRequestResend, type RequestResendInput } from '../../shared/use-cases/request-resend';
import { makeSendMail } from '../../shared/use-cases/send-mail';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { makeSubmitSignUp, type SubmitSignUpInput } from '../../shared/use-cases/submit-sign-up';
import { startStreamPoller, type StreamPollerOptions } from '../../infra/local/stream-poller';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';
import { capturingMailer } from './capturing-mailer';
import type { TestTable } from './dynamodb';

export const TEST_SIGNING_KEYS = { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) };

export async function startOutboxHarness(table: TestTable, clock: Clock, options: Partial<Pick<StreamPollerOptions, 'maxRetryAttempts'>> & { stateDir?: string } = {}) {
  const store = dynamoRegistrationStore(table.client, table.tableName);
  const mailer = capturingMailer();
  const links = makeLinkSigner({ keys: TEST_SIGNING_KEYS, clock });
  const ledger = dynamoEffectLedger(table.raw, table.tableName);
  const processSignUp = makeProcessSignUp({ store, clock });
  const processResend = makeProcessResend({ store, clock });
  const sendMail = makeSendMail({ people: store, matching: dynamoMatchingReads(table.raw, table.tableName), mailer, links, ledger, quota: dynamoMailQuota(table.raw, table.tableName), clock, followUp: dynamoFollowUpReads(table.client, table.tableName), followUpSettings: FOLLOW_UP_DEFAULTS, ...TEST_MAIL_CONTEXT });
  const consumers = {
    jobs: makeOutboxConsumer({
      sign_up: { schema: signUpJobSchema, handle: (job) => processSignUp(job) },
      resend: { schema: resendJobSchema, handle: (job) => processResend(job) },
    }),
    mail: makeOutboxConsumer({ mail: { schema: mailJobSchema, handle: (job) => sendMail(job) } }, { onInvoke: (context) => ledger.useLambdaContext(context) }),
  };
  const inbox = dynamoSignUpInbox(table.client, table.tableName);
  const submitSignUp = makeSubmitSignUp({ inbox, clock });
  const requestResend = makeRequestResend({ inbox, clock });
  const events: Record<keyof typeof consumers, DynamoDBStreamEvent[]> = { jobs: [], mail: [] };
  const pollers = await Promise.all(
    (Object.keys(consumers) as Array<keyof typeof consumers>).map((name) =>
      startStreamPoller({
        endpoint: table.endpoint,
        tableName: table.tableName,
        filter: outboxStreamFilter(OUTBOX_CONSUMERS[name].kinds),
        functionName: OUTBOX_CONSUMERS[name].functionName,
        handler: (event, context) => {
          events[name].push(event);
          return consumers[name](event, context);
        },
        retryDelayMs: 5,
        idleMs: 20,
        log: () => undefined,
        ...(options.maxRetryAttempts !== undefined ? { maxRetryAttempts: options.maxRetryAttempts } : {}),
        ...(options.stateDir ? { checkpointFile: `${options.stateDir}/${name}.json` } : {}),
      }),
    ),
  );
  /** Until both consumers are idle: a sign-up job records a mail job, which the mail consumer then sends. */
  const drain = async () => {
    for (let round = 0; round < 2; round++) for (const poller of pollers) await poller.drain();
  };
  return {
    store,
    mailer,
    links,
    consumers,
    /** Every event each consumer was handed, in order. */
    events,
    deadLetters: () => pollers.flatMap((p) => p.deadLetters),
    drain,
    confirm: makeConfirmEmail({ store, links, clock }),
    /** The public request alone (nothing processed yet). */
    submit: (input: SubmitSignUpInput) => submitSignUp(input),
    /** The request, then everything it recorded processed by the consumers. */
    async register(input: SubmitSignUpInput) {
      await submitSignUp(input);
      await drain();
    },
    /** "Send the e-mail again", then everything it recorded processed by the consumers. */
    async resend(input: RequestResendInput) {
      await requestResend(input);
      await drain();
    },
    mailsTo: (address: string) => mailer.sent.filter((m) => m.to === address),
    stop: () => Promise.all(pollers.map((p) => p.stop())).then(() => undefined),
  };
}

export type OutboxHarness = Awaited<ReturnType<typeof startOutboxHarness>>;
