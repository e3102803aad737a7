/**
 * Composition root of the HTTP functions: builds use cases from adapters chosen by configuration.
 * Called at module scope by each handler, so configuration is parsed and clients are created once
 * per container (cold start), and a missing variable fails at start. The stream consumer has its
 * own roots (jobs-wiring.ts, mail-wiring.ts), so HTTP bundles carry none of their adapters.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { signingKeyFromConfig } from '../../shared/adapters/secrets/signing-keys';
import { loadSigningConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeListPartners } from '../../shared/use-cases/list-partners';
import { makeRequestResend } from '../../shared/use-cases/request-resend';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';

export function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

export function linkSigner() {
  return makeLinkSigner({ keys: signingKeyFromConfig(loadSigningConfig()), clock: systemClock });
}

export function wireSubmitSignUp() {
  const { db, tableName } = table();
  return makeSubmitSignUp({ inbox: dynamoSignUpInbox(db, tableName), clock: systemClock });
}

export function wireRequestResend() {
  const { db, tableName } = table();
  return makeRequestResend({ inbox: dynamoSignUpInbox(db, tableName), clock: systemClock });
}

export function wireConfirmEmail() {
  const { db, tableName } = table();
  return makeConfirmEmail({ store: dynamoRegistrationStore(db, tableName), links: linkSigner(), clock: systemClock });
}

export function wireListPartners() {
  const { db, tableName } = table();
  return makeListPartners({ partners: dynamoPartnerStore(db, tableName) });
}
