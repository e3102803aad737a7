/**
 * Composition root of the CCI's mentor and partner functions (functions/http/admin/*): each
 * builds its use case on the DynamoDB MentorAdminStore, once per container (cold start), with
 * the table configuration parsed at start. Kept apart from wiring.ts so these bundles carry only
 * this adapter.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMentorAdminStore } from '../../shared/adapters/dynamodb/mentor-admin';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeChangeMentorStatus } from '../../shared/use-cases/admin/change-mentor-status';
import { makeCreatePartner } from '../../shared/use-cases/admin/create-partner';
import { makeGetMentor } from '../../shared/use-cases/admin/get-mentor';
import { makeListAdminPartners } from '../../shared/use-cases/admin/list-admin-partners';
import { makeListMentors } from '../../shared/use-cases/admin/list-mentors';
import { makeUpdateMentor } from '../../shared/use-cases/admin/update-mentor';
import { makeUpdatePartner } from '../../shared/use-cases/admin/update-partner';

function store() {
  const config = loadTableConfig();
  return dynamoMentorAdminStore(makeDocumentClient(config), config.tableName);
}

export const wireListMentors = () => makeListMentors({ store: store() });
export const wireGetMentor = () => makeGetMentor({ store: store() });
export const wireUpdateMentor = () => makeUpdateMentor({ store: store(), clock: systemClock });
export const wireChangeMentorStatus = () => makeChangeMentorStatus({ store: store(), clock: systemClock });
export const wireListAdminPartners = () => makeListAdminPartners({ store: store() });
export const wireCreatePartner = () => makeCreatePartner({ store: store(), clock: systemClock });
export const wireUpdatePartner = () => makeUpdatePartner({ store: store() });
