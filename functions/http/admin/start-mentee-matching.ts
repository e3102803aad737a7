/** POST /api/admin/mentees/{menteeId}/matching `{mentorId?}` — runs matching again, or proposes a chosen mentor first; 202 (use case start-mentee-matching). */
import { pathIds, startMenteeMatchingSchema, type StartMenteeMatchingRequest } from '../../../shared/domain/back-office-schemas';
import { validate } from '../../../shared/domain/validation';
import { httpHandler, type RawHttpHandler } from '../../../shared/http/http-handler';
import { json } from '../../../shared/http/responses';
import type { makeStartMenteeMatching } from '../../../shared/use-cases/admin/start-mentee-matching';
import { wireStartMenteeMatching } from '../../commons/admin-mentees-wiring';

export const makeStartMenteeMatchingHandler =
  (startMenteeMatching: ReturnType<typeof makeStartMenteeMatching>): RawHttpHandler<StartMenteeMatchingRequest, undefined> =>
  async ({ pathParameters, body, locale }) => {
    const { menteeId } = validate(pathIds.menteeId, pathParameters, locale);
    return json(202, await startMenteeMatching({ menteeId, mentorId: body.mentorId }));
  };

export const handler = httpHandler({ route: 'StartMenteeMatching', body: startMenteeMatchingSchema }, makeStartMenteeMatchingHandler(wireStartMenteeMatching()));
