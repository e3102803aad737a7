/** POST /api/mentors/reactivate — a paused mentor is available again, from a reactivation link. */
import { reactivateMentorSchema, type ReactivateMentorRequest } from '../../shared/domain/proposal-schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeReactivateMentor } from '../../shared/use-cases/reactivate-mentor';
import { wireReactivateMentor } from '../commons/wiring';

export const makeReactivateMentorHandler =
  (reactivateMentor: ReturnType<typeof makeReactivateMentor>): RawHttpHandler<ReactivateMentorRequest, undefined> =>
  async ({ body, locale }) =>
    json(200, { status: (await reactivateMentor({ token: body.token, locale })).result });

export const handler = httpHandler({ route: 'ReactivateMentor', body: reactivateMentorSchema }, makeReactivateMentorHandler(wireReactivateMentor()));
