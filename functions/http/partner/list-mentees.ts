/** GET /api/partner/mentees?cursor&limit — the adviser's partner's beneficiaries, newest first (use case list-partner-mentees). */
import { DEFAULT_PAGE_SIZE, partnerListQuerySchema, type PartnerListQuery } from '../../../shared/domain/back-office-schemas';
import { partnerIdOf } from '../../../shared/http/auth';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListPartnerMentees } from '../../../shared/use-cases/partner/list-partner-mentees';
import { wireListPartnerMentees } from '../../commons/partner-space-wiring';

export const makeListPartnerMenteesHandler =
  (listPartnerMentees: ReturnType<typeof makeListPartnerMentees>): RawHttpHandler<undefined, PartnerListQuery> =>
  async ({ query, principal }) =>
    json(200, await listPartnerMentees({ partnerId: partnerIdOf(principal), cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE }));

export const handler = httpHandler({ route: 'ListPartnerMentees', query: partnerListQuerySchema }, makeListPartnerMenteesHandler(wireListPartnerMentees()));
