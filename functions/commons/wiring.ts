/**
 * Composition root of the HTTP functions: builds use cases from adapters chosen by configuration.
 * Called at module scope by each handler, so configuration is parsed and clients are created once
 * per container (cold start), and a missing variable fails at start. The stream consumer has its
 * own roots (jobs-wiring.ts, mail-wiring.ts), so HTTP bundles carry none of their adapters.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { makeDynamoDbClient } from '../../shared/adapters/dynamodb/low-level-client';
import { dynamoMatchingReads } from '../../shared/adapters/dynamodb/matching-reads';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { signingKeyFromConfig } from '../../shared/adapters/secrets/signing-keys';
import { loadSignUpConfig, loadSigningConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeDecideProposal } from '../../shared/use-cases/decide-proposal';
import { makeListPartners } from '../../shared/use-cases/list-partners';
import { makeReactivateMentor } from '../../shared/use-cases/reactivate-mentor';
import { makeRequestResend } from '../../shared/use-cases/request-resend';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { makeViewProposal } from '../../shared/use-cases/view-proposal';

export function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

export function linkSigner() {
  return makeLinkSigner({ keys: signingKeyFromConfig(loadSigningConfig()), clock: systemClock });
}

export function wireSubmitSignUp() {
  const { db, tableName } = table();
  const { submissionMemorySeconds } = loadSignUpConfig();
  return makeSubmitSignUp({ inbox: dynamoSignUpInbox(db, tableName), clock: systemClock, memorySeconds: submissionMemorySeconds });
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

/** Reads only: the low-level client and the read adapter, without the store's write paths. */
export function wireViewProposal() {
  const config = loadTableConfig();
  return makeViewProposal({ store: dynamoMatchingReads(makeDynamoDbClient(config), config.tableName), links: linkSigner() });
}

export function wireDecideProposal() {
  const { db, tableName } = table();
  return makeDecideProposal({ store: dynamoMatchingStore(db, tableName), links: linkSigner(), clock: systemClock });
}

export function wireReactivateMentor() {
  const { db, tableName } = table();
  return makeReactivateMentor({ store: dynamoMatchingStore(db, tableName), links: linkSigner(), clock: systemClock });
}
