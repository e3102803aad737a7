/**
 * Composition root of the mail consumer (see shared/db/outbox-stream.ts), built once per container:
 * the table (to read recipients, proposals, tandems with their follow-up and partners, keep the
 * effect ledger and count mails per address and day), the mailer, the signing key and the
 * follow-up settings (how long a check-in or outcome link lives).
 */
import { makeDynamoDbClient } from '../../shared/adapters/dynamodb/low-level-client';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { dynamoMatchingReads } from '../../shared/adapters/dynamodb/matching-reads';
import { dynamoEffectLedger } from '../../shared/adapters/dynamodb/effect-ledger';
import { dynamoMailQuota } from '../../shared/adapters/dynamodb/mail-quota';
import { dynamoPersonDirectory } from '../../shared/adapters/dynamodb/person-directory';
import { mailerFromConfig } from '../../shared/adapters/mail/mailers';
import { signingKeyFromConfig } from '../../shared/adapters/secrets/signing-keys';
import { loadFollowUpConfig, loadMailConfig, loadSigningConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { mailJobSchema } from '../../shared/domain/mail-job';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import type { OutboxConsumerOptions, OutboxJobHandlers } from '../../shared/tasks/stream-handler';
import { makeSendMail } from '../../shared/use-cases/send-mail';
export function wireMailSender(): { handlers: OutboxJobHandlers; options: OutboxConsumerOptions } {
  const config = loadTableConfig();
  const client = makeDynamoDbClient(config);
  const mail = loadMailConfig();
  const followUpSettings = loadFollowUpConfig();
  const ledger = dynamoEffectLedger(client, config.tableName);
  const sendMail = makeSendMail({
    people: dynamoPersonDirectory(client, config.tableName),
    matching: dynamoMatchingReads(client, config.tableName),
    clock: systemClock,
    mailer: mailerFromConfig(mail),
    links: makeLinkSigner({ keys: signingKeyFromConfig(loadSigningConfig()), clock: systemClock }),
    ledger,
    quota: dynamoMailQuota(client, config.tableName),
    siteUrl: mail.siteUrl,
    operator: mail.operator,
    followUp: dynamoFollowUpReads(toDocumentClient(client), config.tableName),
    followUpSettings,
  });
  return {
    handlers: { mail: { schema: mailJobSchema, handle: (job) => sendMail(job) } },
    options: { onInvoke: (context) => ledger.useLambdaContext(context) },
  };
}
