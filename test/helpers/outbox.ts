/**
 * The after-commit path on DynamoDB Local, as the local runtime runs it: the real stream poller
 * (infra/local/stream-poller.ts) reads the test table's stream and feeds the real consumer chain
 * (shared/tasks/stream-handler.ts) built with the real stores and effect ledger; only the mailer
 * is a capturing double and the clock is the test's.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { dynamoEffectLedger } from '../../shared/adapters/dynamodb/effect-ledger';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import type { Locale } from '../../shared/domain/locale';
import { makeLinkSigner } from '../../shared/links/signed-links';
import type { Clock } from '../../shared/ports/clock';
import { makeOutboxConsumer } from '../../shared/tasks/stream-handler';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeSubmitSignUp, type SubmitSignUpInput } from '../../shared/use-cases/submit-sign-up';
import { startStreamPoller, type StreamPollerOptions } from '../../infra/local/stream-poller';
import { capturingMailer } from './capturing-mailer';
import type { TestTable } from './dynamodb';

export const TEST_SIGNING_KEYS = { getKey: async () => new Uint8Array(32).fill(7) };

export async function startOutboxHarness(table: TestTable, clock: Clock, options: Partial<StreamPollerOptions> = {}) {
  const store = dynamoRegistrationStore(table.client, table.tableName);
  const mailer = capturingMailer();
  const links = makeLinkSigner({ keys: TEST_SIGNING_KEYS, clock });
  const ledger = dynamoEffectLedger(table.raw, table.tableName);
  const processSignUp = makeProcessSignUp({ store, mailer, links, ledger, clock, siteUrl: 'https://tandem.example' });
  const consumer = makeOutboxConsumer({ sign_up: (job) => processSignUp(job) }, { onInvoke: (context) => ledger.useLambdaContext(context) });
  const submitSignUp = makeSubmitSignUp({ inbox: dynamoSignUpInbox(table.client, table.tableName), clock });
  const events: DynamoDBStreamEvent[] = [];
  const poller = await startStreamPoller({
    endpoint: table.endpoint,
    tableName: table.tableName,
    handler: (event, context) => {
      events.push(event);
      return consumer(event, context);
    },
    retryDelayMs: 5,
    idleMs: 20,
    log: () => undefined,
    ...options,
  });
  return {
    store,
    mailer,
    links,
    consumer,
    poller,
    /** Every event the consumer was handed, in order. */
    events,
    confirm: makeConfirmEmail({ store, links, clock }),
    /** The public request alone (nothing processed yet). */
    submit: (input: SubmitSignUpInput) => submitSignUp(input),
    /** The request, then everything it recorded processed by the consumer. */
    async register(input: SubmitSignUpInput) {
      await submitSignUp(input);
      await poller.drain();
    },
    mailsTo: (address: string) => mailer.sent.filter((m) => m.to === address),
    stop: () => poller.stop(),
  };
}

export type OutboxHarness = Awaited<ReturnType<typeof startOutboxHarness>>;
export type { Locale };
