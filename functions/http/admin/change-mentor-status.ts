/** POST /api/admin/mentors/{mentorId}/status — validate, refuse, pause or reactivate a mentor (admin). */
import { changeMentorStatusSchema, pathIds, type ChangeMentorStatusRequest } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeChangeMentorStatus } from '../../../shared/use-cases/admin/change-mentor-status';
import { wireChangeMentorStatus } from '../../commons/admin-mentors-wiring';

export const makeChangeMentorStatusHandler =
  (changeMentorStatus: ReturnType<typeof makeChangeMentorStatus>): RawHttpHandler<ChangeMentorStatusRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { mentorId } = validate(pathIds.mentorId, pathParameters, locale);
    return json(200, await changeMentorStatus({ mentorId, request: body, locale }));
  };

export const handler = httpHandler({ route: 'ChangeMentorStatus', body: changeMentorStatusSchema }, makeChangeMentorStatusHandler(wireChangeMentorStatus()));
