/**
 * Composition root of the personal-data functions (export, erasure) and the nightly retention job:
 * each builds its use case on the DynamoDB adapters at module scope (configuration parsed once per
 * container; a missing variable fails at start). The erasure closes active tandems with the same
 * CloseTandem as the console (tandem-lifecycle-wiring.ts).
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { dynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data';
import { loadFollowUpConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeErasePerson, type ErasePerson } from '../../shared/use-cases/admin/erase-person';
import { makeExportPerson } from '../../shared/use-cases/admin/export-person';
import { makeApplyRetention } from '../../shared/use-cases/apply-retention';
import { closeTandemOn } from './tandem-lifecycle-wiring';

function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

export function wireExportPerson() {
  const { db, tableName } = table();
  return makeExportPerson({ store: dynamoPersonalDataStore(db, tableName), reads: dynamoFollowUpReads(db, tableName), clock: systemClock });
}

function erasureOn(db: ReturnType<typeof makeDocumentClient>, tableName: string, settings: ReturnType<typeof loadFollowUpConfig>): ErasePerson {
  return makeErasePerson({
    store: dynamoPersonalDataStore(db, tableName),
    reads: dynamoFollowUpReads(db, tableName),
    matching: dynamoMatchingStore(db, tableName),
    closeTandem: closeTandemOn(db, tableName, settings),
    clock: systemClock,
  });
}

export function wireErasePerson(): ErasePerson {
  const { db, tableName } = table();
  return erasureOn(db, tableName, loadFollowUpConfig());
}

export function wireApplyRetention() {
  const { db, tableName } = table();
  const settings = loadFollowUpConfig();
  return makeApplyRetention({
    store: dynamoPersonalDataStore(db, tableName),
    reads: dynamoFollowUpReads(db, tableName),
    erasePerson: erasureOn(db, tableName, settings),
    settings,
    clock: systemClock,
  });
}
