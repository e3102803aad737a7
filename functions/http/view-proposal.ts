/** POST /api/proposals/view — what the proposal page shows, from the token of a proposal link. */
import { viewProposalSchema, type ViewProposalRequest } from '../../shared/domain/proposal-schemas';
import { httpHandler, type RawHttpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import type { makeViewProposal } from '../../shared/use-cases/view-proposal';
import { wireViewProposal } from '../commons/wiring';

export const makeViewProposalHandler =
  (viewProposal: ReturnType<typeof makeViewProposal>): RawHttpHandler<ViewProposalRequest, undefined> =>
  async ({ body }) =>
    json(200, await viewProposal(body.token));

export const handler = httpHandler({ route: 'ViewProposal', body: viewProposalSchema }, makeViewProposalHandler(wireViewProposal()));
