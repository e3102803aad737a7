/**
 * The CCI changes a partner. Input: the partner's id and the fields to change: name, kind,
 * dedicated pool, contact address (`null` removes it), status (`inactive` deactivates: the
 * partner is no longer offered on the sign-up form; its referred mentees, tandems and pools stay;
 * `active` reactivates). Output: the partner after the change; an unknown id is 404.
 * Course: one conditional Update on condition that the partner is still as read; a rename or a
 * status change moves it in the name index. Changed meanwhile: read again, the edit applied again.
 */
import type { AdminPartner, UpdatePartnerRequest } from '../../domain/back-office-schemas';
import { NotFoundError, ServiceUnavailableError } from '../../domain/errors';
import type { Partner } from '../../domain/people';
import { logger } from '../../observability/logger';
import type { MentorAdminStore } from '../../ports/mentor-admin';
import { adminPartner } from './list-admin-partners';

const ROUNDS = 3;

export function editedPartner(partner: Partner, request: UpdatePartnerRequest): Partner {
  const next: Partner = { ...partner };
  if (request.name !== undefined) next.name = request.name;
  if (request.kind !== undefined) next.kind = request.kind;
  if (request.dedicatedPool !== undefined) next.dedicatedPool = request.dedicatedPool;
  if (request.status !== undefined) next.status = request.status;
  if (request.contactEmail === null) delete next.contactEmail;
  else if (request.contactEmail !== undefined) next.contactEmail = request.contactEmail;
  return next;
}

export function makeUpdatePartner({ store }: { store: Pick<MentorAdminStore, 'getPartner' | 'savePartner'> }) {
  return async function updatePartner(input: { partnerId: string; request: UpdatePartnerRequest }): Promise<AdminPartner> {
    const { partnerId, request } = input;
    for (let round = 0; round < ROUNDS; round++) {
      const partner = await store.getPartner(partnerId);
      if (!partner) throw new NotFoundError('No such partner');
      const after = editedPartner(partner, request);
      if ((await store.savePartner({ before: partner, after })) === 'saved') {
        logger.info('Partner changed by the CCI', { partnerId, from: partner.status, to: after.status });
        return adminPartner(after);
      }
    }
    throw new ServiceUnavailableError('The partner kept changing; retry');
  };
}
