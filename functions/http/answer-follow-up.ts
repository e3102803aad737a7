/** POST /api/follow-up/answer — a check-in answer or an outcome, with the token of its link. */
import { answerFollowUpSchema, type AnswerFollowUpRequest } from '../../shared/domain/follow-up-schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeAnswerFollowUp } from '../../shared/use-cases/answer-follow-up';
import { wireAnswerFollowUp } from '../commons/follow-up-wiring';

export const makeAnswerFollowUpHandler =
  (answerFollowUp: ReturnType<typeof makeAnswerFollowUp>): RawHttpHandler<AnswerFollowUpRequest, undefined> =>
  async ({ body }) =>
    json(200, await answerFollowUp({ token: body.token, answer: body.answer }));

export const handler = httpHandler({ route: 'AnswerFollowUp', body: answerFollowUpSchema }, makeAnswerFollowUpHandler(wireAnswerFollowUp()));
