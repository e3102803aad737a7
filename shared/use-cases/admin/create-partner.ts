/**
 * The CCI creates a partner organisation. Input: name, kind, dedicated pool (default no), contact
 * address. Output: the partner, active, with a new id. One conditional Put: the partner and its
 * place in the name index (offered on the sign-up form from then on).
 */
import { randomUUID } from 'node:crypto';
import type { AdminPartner, CreatePartnerRequest } from '../../domain/back-office-schemas';
import { ServiceUnavailableError } from '../../domain/errors';
import type { Partner } from '../../domain/people';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { MentorAdminStore } from '../../ports/mentor-admin';
import { adminPartner } from './list-admin-partners';

export function makeCreatePartner({ store, clock, newId = randomUUID }: { store: Pick<MentorAdminStore, 'createPartner'>; clock: Clock; newId?: () => string }) {
  return async function createPartner(request: CreatePartnerRequest): Promise<AdminPartner> {
    const partner: Partner = {
      id: newId(),
      name: request.name,
      kind: request.kind,
      status: 'active',
      dedicatedPool: request.dedicatedPool ?? false,
      createdAt: clock.now().toISOString(),
      ...(request.contactEmail ? { contactEmail: request.contactEmail } : {}),
    };
    // A new UUID is never taken; should it be, nothing was written and the caller may retry.
    if ((await store.createPartner(partner)) === 'exists') throw new ServiceUnavailableError('Partner id already taken; retry');
    logger.info('Partner created by the CCI', { partnerId: partner.id });
    return adminPartner(partner);
  };
}
