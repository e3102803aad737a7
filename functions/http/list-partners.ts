/** GET /api/partners — active partners (id and name) for the referral drop-down. */
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeListPartners } from '../../shared/use-cases/list-partners';
import { wireListPartners } from '../commons/wiring';

export const makeListPartnersHandler =
  (listPartners: ReturnType<typeof makeListPartners>): RawHttpHandler<undefined, undefined> =>
  async () =>
    json(200, { partners: await listPartners() }, { 'cache-control': 'public, max-age=300' });

export const handler = httpHandler({ route: 'ListPartners' }, makeListPartnersHandler(wireListPartners()));
