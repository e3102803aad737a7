/** GET /api/partner/tandems?cursor&limit — the tandems of the adviser's partner's beneficiaries, newest first (use case list-partner-tandems). */
import { DEFAULT_PAGE_SIZE, partnerListQuerySchema, type PartnerListQuery } from '../../../shared/domain/back-office-schemas';
import { partnerIdOf } from '../../../shared/http/auth';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListPartnerTandems } from '../../../shared/use-cases/partner/list-partner-tandems';
import { wireListPartnerTandems } from '../../commons/partner-space-wiring';

export const makeListPartnerTandemsHandler =
  (listPartnerTandems: ReturnType<typeof makeListPartnerTandems>): RawHttpHandler<undefined, PartnerListQuery> =>
  async ({ query, principal }) =>
    json(200, await listPartnerTandems({ partnerId: partnerIdOf(principal), cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE }));

export const handler = httpHandler({ route: 'ListPartnerTandems', query: partnerListQuerySchema }, makeListPartnerTandemsHandler(wireListPartnerTandems()));
