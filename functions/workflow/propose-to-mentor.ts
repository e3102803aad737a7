/**
 * ProposeToMentor (matching workflow, `.waitForTaskToken`): its Payload is
 * `{taskToken, menteeId, attempt, mentorId, rank}`; the state waits for the token's answer, not
 * for this function's result.
 */
import { proposeInput, type ProposeInput } from '../../shared/domain/matching';
import { taskHandler, type RawTaskHandler } from '../../shared/tasks/task-handler';
import type { ProposeOutcome, makeProposeToMentor } from '../../shared/use-cases/propose-to-mentor';
import { wireProposeToMentor } from '../commons/workflow-wiring';

export const makeProposeToMentorTask =
  (proposeToMentor: ReturnType<typeof makeProposeToMentor>): RawTaskHandler<ProposeInput, ProposeOutcome> =>
  (input) =>
    proposeToMentor(input);

export const handler = taskHandler(
  { input: proposeInput, correlationId: ({ menteeId, attempt }) => `${menteeId}-${attempt}` },
  makeProposeToMentorTask(wireProposeToMentor()),
);
