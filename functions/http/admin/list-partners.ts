/** GET /api/admin/partners — partner organisations, active or inactive, with their settings (admin). */
import { partnerQuerySchema } from '../../../shared/domain/back-office-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListAdminPartners } from '../../../shared/use-cases/admin/list-admin-partners';
import { wireListAdminPartners } from '../../commons/admin-mentors-wiring';

type PartnerQuery = { status?: 'active' | 'inactive' | undefined };

export const makeListAdminPartnersHandler =
  (listAdminPartners: ReturnType<typeof makeListAdminPartners>): RawHttpHandler<undefined, PartnerQuery> =>
  async ({ query }) =>
    json(200, await listAdminPartners(query));

export const handler = httpHandler({ route: 'ListAdminPartners', query: partnerQuerySchema }, makeListAdminPartnersHandler(wireListAdminPartners()));
