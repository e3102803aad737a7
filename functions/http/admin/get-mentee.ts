/** GET /api/admin/mentees/{menteeId} — a mentee's profile, proposals and the ranking as it stands (use case get-mentee). */
import { pathIds } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeGetMentee } from '../../../shared/use-cases/admin/get-mentee';
import { wireGetMentee } from '../../commons/admin-mentees-wiring';

export const makeGetMenteeHandler =
  (getMentee: ReturnType<typeof makeGetMentee>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) => {
    const { menteeId } = validate(pathIds.menteeId, pathParameters, locale);
    return json(200, await getMentee(menteeId));
  };

export const handler = httpHandler({ route: 'GetMentee' }, makeGetMenteeHandler(wireGetMentee()));
