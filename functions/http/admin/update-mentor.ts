/** PATCH /api/admin/mentors/{mentorId} — the CCI edits a mentor's profile (admin). */
import { pathIds, updateMentorSchema, type UpdateMentorRequest } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeUpdateMentor } from '../../../shared/use-cases/admin/update-mentor';
import { wireUpdateMentor } from '../../commons/admin-mentors-wiring';

export const makeUpdateMentorHandler =
  (updateMentor: ReturnType<typeof makeUpdateMentor>): RawHttpHandler<UpdateMentorRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { mentorId } = validate(pathIds.mentorId, pathParameters, locale);
    return json(200, await updateMentor({ mentorId, request: body, locale }));
  };

export const handler = httpHandler({ route: 'UpdateMentor', body: updateMentorSchema }, makeUpdateMentorHandler(wireUpdateMentor()));
