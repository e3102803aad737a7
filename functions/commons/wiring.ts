/**
 * Composition root of the HTTP functions: builds use cases from adapters chosen by configuration.
 * Called at module scope by each handler, so configuration is parsed and clients are created once
 * per container (cold start), and a missing variable fails at start.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { mailerFromConfig } from '../../shared/adapters/mail/mailers';
import { signingKeyFromConfig } from '../../shared/adapters/secrets/signing-keys';
import { loadMailConfig, loadSigningConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeListPartners } from '../../shared/use-cases/list-partners';
import { makeRegisterPerson } from '../../shared/use-cases/register-person';

function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

function linkSigner() {
  return makeLinkSigner({ keys: signingKeyFromConfig(loadSigningConfig()), clock: systemClock });
}

export function wireRegisterPerson() {
  const { db, tableName } = table();
  const mail = loadMailConfig();
  return makeRegisterPerson({
    store: dynamoRegistrationStore(db, tableName),
    mailer: mailerFromConfig(mail),
    links: linkSigner(),
    clock: systemClock,
    siteUrl: mail.siteUrl,
  });
}

export function wireConfirmEmail() {
  const { db, tableName } = table();
  return makeConfirmEmail({ store: dynamoRegistrationStore(db, tableName), links: linkSigner(), clock: systemClock });
}

export function wireListPartners() {
  const { db, tableName } = table();
  return makeListPartners({ partners: dynamoPartnerStore(db, tableName) });
}
