/** GET /api/admin/tandems?status&cursor&limit — tandems by status, newest first (use case list-tandems). */
import { DEFAULT_PAGE_SIZE, tandemListQuerySchema, type TandemListQuery } from '../../../shared/domain/back-office-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListTandems } from '../../../shared/use-cases/admin/list-tandems';
import { wireListTandems } from '../../commons/admin-mentees-wiring';

export const makeListTandemsHandler =
  (listTandems: ReturnType<typeof makeListTandems>): RawHttpHandler<undefined, TandemListQuery> =>
  async ({ query }) =>
    json(200, await listTandems({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE }));

export const handler = httpHandler({ route: 'ListTandems', query: tandemListQuerySchema }, makeListTandemsHandler(wireListTandems()));
