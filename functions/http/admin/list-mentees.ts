/** GET /api/admin/mentees?status&cursor&limit — mentees by status, oldest first, with days waiting (use case list-mentees). */
import { DEFAULT_PAGE_SIZE, menteeListQuerySchema, type MenteeListQuery } from '../../../shared/domain/back-office-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListMentees } from '../../../shared/use-cases/admin/list-mentees';
import { wireListMentees } from '../../commons/admin-mentees-wiring';

export const makeListMenteesHandler =
  (listMentees: ReturnType<typeof makeListMentees>): RawHttpHandler<undefined, MenteeListQuery> =>
  async ({ query }) =>
    json(200, await listMentees({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE }));

export const handler = httpHandler({ route: 'ListMentees', query: menteeListQuerySchema }, makeListMenteesHandler(wireListMentees()));
