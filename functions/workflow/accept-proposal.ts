/** AcceptProposal (matching workflow): the mentor accepted → the tandem, or `capacity_gone`. */
import type { z } from 'zod';
import { acceptInput, type AcceptOutput } from '../../shared/domain/matching';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { makeAcceptProposal } from '../../shared/use-cases/accept-proposal';
import { wireAcceptProposal } from '../commons/workflow-wiring';

export const makeAcceptProposalTask =
  (acceptProposal: ReturnType<typeof makeAcceptProposal>): RawTaskHandler<z.infer<typeof acceptInput>, AcceptOutput> =>
  (input) =>
    acceptProposal(input);

export const handler = taskHandler(
  { input: acceptInput, correlationId: ({ menteeId, attempt }) => `${menteeId}-${attempt}` },
  makeAcceptProposalTask(wireAcceptProposal()),
);
