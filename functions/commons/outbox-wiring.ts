/**
 * Composition root of the after-commit consumer: one handler per outbox job kind, built from
 * adapters chosen by configuration, once per container.
 */
import { makeDynamoDbClient, toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoEffectLedger } from '../../shared/adapters/dynamodb/effect-ledger';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { mailerFromConfig } from '../../shared/adapters/mail/mailers';
import { signingKeyFromConfig } from '../../shared/adapters/secrets/signing-keys';
import { loadMailConfig, loadSigningConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import type { OutboxConsumerOptions, OutboxJobHandlers } from '../../shared/tasks/stream-handler';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';

export function wireOutboxConsumer(): { handlers: OutboxJobHandlers; options: OutboxConsumerOptions } {
  const tableConfig = loadTableConfig();
  const client = makeDynamoDbClient(tableConfig);
  const db = toDocumentClient(client);
  const mail = loadMailConfig();
  const ledger = dynamoEffectLedger(client, tableConfig.tableName);
  const processSignUp = makeProcessSignUp({
    store: dynamoRegistrationStore(db, tableConfig.tableName),
    mailer: mailerFromConfig(mail),
    links: makeLinkSigner({ keys: signingKeyFromConfig(loadSigningConfig()), clock: systemClock }),
    ledger,
    clock: systemClock,
    siteUrl: mail.siteUrl,
  });
  return {
    handlers: { sign_up: (job) => processSignUp(job) },
    options: { onInvoke: (context) => ledger.useLambdaContext(context) },
  };
}
