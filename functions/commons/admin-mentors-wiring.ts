/**
 * Composition root of the CCI's mentor and partner functions (functions/http/admin/*): each
 * builds its use case on the parts of the DynamoDB MentorAdminStore it uses, once per container
 * (cold start), with the table configuration parsed at start. Kept apart from wiring.ts so these
 * bundles carry only this adapter; only the functions that change a mentor carry the geography
 * its availability entries need.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMentorReads, dynamoMentorWrites, dynamoPartnerAdmin } from '../../shared/adapters/dynamodb/mentor-admin';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeChangeMentorStatus } from '../../shared/use-cases/admin/change-mentor-status';
import { makeCreatePartner } from '../../shared/use-cases/admin/create-partner';
import { makeGetMentor } from '../../shared/use-cases/admin/get-mentor';
import { makeListAdminPartners } from '../../shared/use-cases/admin/list-admin-partners';
import { makeListMentors } from '../../shared/use-cases/admin/list-mentors';
import { makeUpdateMentor } from '../../shared/use-cases/admin/update-mentor';
import { makeUpdatePartner } from '../../shared/use-cases/admin/update-partner';

function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

export function wireListMentors() {
  const { db, tableName } = table();
  return makeListMentors({ store: dynamoMentorReads(db, tableName) });
}

export function wireGetMentor() {
  const { db, tableName } = table();
  return makeGetMentor({ store: dynamoMentorReads(db, tableName) });
}

export function wireUpdateMentor() {
  const { db, tableName } = table();
  const store = { ...dynamoMentorReads(db, tableName), ...dynamoMentorWrites(db, tableName), getPartner: dynamoPartnerAdmin(db, tableName).getPartner };
  return makeUpdateMentor({ store, clock: systemClock });
}

export function wireChangeMentorStatus() {
  const { db, tableName } = table();
  return makeChangeMentorStatus({ store: { ...dynamoMentorReads(db, tableName), ...dynamoMentorWrites(db, tableName) }, clock: systemClock });
}

export function wireListAdminPartners() {
  const { db, tableName } = table();
  return makeListAdminPartners({ store: dynamoPartnerAdmin(db, tableName) });
}

export function wireCreatePartner() {
  const { db, tableName } = table();
  return makeCreatePartner({ store: dynamoPartnerAdmin(db, tableName), clock: systemClock });
}

export function wireUpdatePartner() {
  const { db, tableName } = table();
  return makeUpdatePartner({ store: dynamoPartnerAdmin(db, tableName) });
}
