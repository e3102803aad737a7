/**
 * Composition root of the console's mentee, tandem and home page functions: each builds its use
 * case on the DynamoDB adapters at module scope (configuration parsed once per container; a missing
 * variable fails at start). Apart from wiring.ts so that these bundles carry none of the public
 * routes' adapters.
 */
import { dynamoBackOfficeReads } from '../../shared/adapters/dynamodb/back-office-reads';
import { makeDocumentClient, makeDynamoDbClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { dynamoMatchingReads } from '../../shared/adapters/dynamodb/matching-reads';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeGetAttention } from '../../shared/use-cases/admin/get-attention';
import { makeGetMentee } from '../../shared/use-cases/admin/get-mentee';
import { makeGetTandem } from '../../shared/use-cases/admin/get-tandem';
import { makeListMentees } from '../../shared/use-cases/admin/list-mentees';
import { makeListTandems } from '../../shared/use-cases/admin/list-tandems';
import { makeStartMenteeMatching } from '../../shared/use-cases/admin/start-mentee-matching';

function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

export function wireGetAttention() {
  const { db, tableName } = table();
  return makeGetAttention({ reads: dynamoBackOfficeReads(db, tableName), clock: systemClock });
}

export function wireListMentees() {
  const { db, tableName } = table();
  return makeListMentees({ reads: dynamoBackOfficeReads(db, tableName), clock: systemClock });
}

export function wireGetMentee() {
  const { db, tableName } = table();
  return makeGetMentee({ store: dynamoMatchingStore(db, tableName), reads: dynamoBackOfficeReads(db, tableName), clock: systemClock });
}

export function wireStartMenteeMatching() {
  const { db, tableName } = table();
  return makeStartMenteeMatching({ store: dynamoMatchingStore(db, tableName), clock: systemClock });
}

export function wireListTandems() {
  const { db, tableName } = table();
  return makeListTandems({ reads: dynamoBackOfficeReads(db, tableName) });
}

/** The mentee's proposals through the read adapter, without the store's write paths and the geography they bundle. */
export function wireGetTandem() {
  const config = loadTableConfig();
  const db = makeDocumentClient(config);
  return makeGetTandem({
    reads: dynamoBackOfficeReads(db, config.tableName),
    followUp: dynamoFollowUpReads(db, config.tableName),
    store: dynamoMatchingReads(makeDynamoDbClient(config), config.tableName),
  });
}
