/** GET /api/admin/mentors — the CCI's mentor list, filtered and paged (admin). */
import { mentorListQuerySchema, type MentorListQuery } from '../../../shared/domain/back-office-schemas';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeListMentors } from '../../../shared/use-cases/admin/list-mentors';
import { wireListMentors } from '../../commons/admin-mentors-wiring';

export const makeListMentorsHandler =
  (listMentors: ReturnType<typeof makeListMentors>): RawHttpHandler<undefined, MentorListQuery> =>
  async ({ query }) =>
    json(200, await listMentors(query));

export const handler = httpHandler({ route: 'ListMentors', query: mentorListQuerySchema }, makeListMentorsHandler(wireListMentors()));
