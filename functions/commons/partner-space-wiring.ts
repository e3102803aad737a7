/**
 * Composition root of the partners' space functions: each builds its use case on the DynamoDB
 * adapters at module scope (configuration parsed once per container). A referral goes through the
 * public sign-up's inbox (the same job, the same consumer, the same verification e-mail).
 */
import { dynamoBackOfficeReads } from '../../shared/adapters/dynamodb/back-office-reads';
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { loadSignUpConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeGetPartnerTandem } from '../../shared/use-cases/partner/get-partner-tandem';
import { makeListPartnerMentees } from '../../shared/use-cases/partner/list-partner-mentees';
import { makeListPartnerTandems } from '../../shared/use-cases/partner/list-partner-tandems';
import { makeReferMentee } from '../../shared/use-cases/partner/refer-mentee';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';

function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

export function wireReferMentee() {
  const { db, tableName } = table();
  const { submissionMemorySeconds } = loadSignUpConfig();
  return makeReferMentee({ submitSignUp: makeSubmitSignUp({ inbox: dynamoSignUpInbox(db, tableName), clock: systemClock, memorySeconds: submissionMemorySeconds }) });
}

export function wireListPartnerMentees() {
  const { db, tableName } = table();
  return makeListPartnerMentees({ reads: dynamoBackOfficeReads(db, tableName), clock: systemClock });
}

export function wireListPartnerTandems() {
  const { db, tableName } = table();
  return makeListPartnerTandems({ reads: dynamoBackOfficeReads(db, tableName) });
}

export function wireGetPartnerTandem() {
  const { db, tableName } = table();
  return makeGetPartnerTandem({ reads: dynamoBackOfficeReads(db, tableName), followUp: dynamoFollowUpReads(db, tableName) });
}
