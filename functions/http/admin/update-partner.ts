/** PATCH /api/admin/partners/{partnerId} — the CCI changes, deactivates or reactivates a partner (admin). */
import { pathIds, updatePartnerSchema, type UpdatePartnerRequest } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeUpdatePartner } from '../../../shared/use-cases/admin/update-partner';
import { wireUpdatePartner } from '../../commons/admin-mentors-wiring';

export const makeUpdatePartnerHandler =
  (updatePartner: ReturnType<typeof makeUpdatePartner>): RawHttpHandler<UpdatePartnerRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { partnerId } = validate(pathIds.partnerId, pathParameters, locale);
    return json(200, await updatePartner({ partnerId, request: body }));
  };

export const handler = httpHandler({ route: 'UpdatePartner', body: updatePartnerSchema }, makeUpdatePartnerHandler(wireUpdatePartner()));
