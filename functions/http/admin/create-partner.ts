/** POST /api/admin/partners — the CCI creates a partner organisation (admin); 201 with the partner. */
import { createPartnerSchema, type CreatePartnerRequest } from '../../../shared/domain/back-office-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeCreatePartner } from '../../../shared/use-cases/admin/create-partner';
import { wireCreatePartner } from '../../commons/admin-mentors-wiring';

export const makeCreatePartnerHandler =
  (createPartner: ReturnType<typeof makeCreatePartner>): RawHttpHandler<CreatePartnerRequest, undefined> =>
  async ({ body }) =>
    json(201, await createPartner(body));

export const handler = httpHandler({ route: 'CreatePartner', body: createPartnerSchema }, makeCreatePartnerHandler(wireCreatePartner()));
