/** GET /api/admin/mentors/{mentorId} — a mentor's whole profile (admin). */
import { pathIds } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeGetMentor } from '../../../shared/use-cases/admin/get-mentor';
import { wireGetMentor } from '../../commons/admin-mentors-wiring';

export const makeGetMentorHandler =
  (getMentor: ReturnType<typeof makeGetMentor>): RawHttpHandler<undefined, undefined> =>
  async ({ pathParameters, locale }) => {
    const { mentorId } = validate(pathIds.mentorId, pathParameters, locale);
    return json(200, await getMentor(mentorId));
  };

export const handler = httpHandler({ route: 'GetMentor' }, makeGetMentorHandler(wireGetMentor()));
