/** POST /api/proposals/decide — a mentor's answer to a proposal (accept, decline, decline and pause). */
import { decideProposalSchema, type DecideProposalRequest } from '../../shared/domain/proposal-schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeDecideProposal } from '../../shared/use-cases/decide-proposal';
import { wireDecideProposal } from '../commons/wiring';

export const makeDecideProposalHandler =
  (decideProposal: ReturnType<typeof makeDecideProposal>): RawHttpHandler<DecideProposalRequest, undefined> =>
  async ({ body, locale }) => {
    const outcome = await decideProposal({ token: body.token, decision: body.decision, reason: body.reason, locale });
    return outcome.result === 'closed'
      ? json(200, { status: 'closed', proposalStatus: outcome.status })
      : json(200, { status: outcome.result, decision: outcome.decision });
  };

export const handler = httpHandler({ route: 'DecideProposal', body: decideProposalSchema }, makeDecideProposalHandler(wireDecideProposal()));
