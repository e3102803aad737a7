/**
 * The matching workflow engine: Step Functions in AWS (StartExecution, SendTaskSuccess,
 * SendTaskFailure through the signed fetch), the local runner on one machine — the same adapter,
 * another endpoint.
 */
import type { MatchingExecutionInput } from '../domain/matching';

/** `task_gone`: the token's task no longer waits (TaskDoesNotExist, TaskTimedOut): the proposal had lapsed. */
export type TaskResponseOutcome = 'delivered' | 'task_gone';

export interface MatchingWorkflow {
  /** `already_started`: an execution of this name exists (a replayed start). */
  start(name: string, input: MatchingExecutionInput): Promise<'started' | 'already_started'>;
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<TaskResponseOutcome>;
  /** `error` is the name the state machine's Catch matches (WORKFLOW_ERRORS). */
  sendTaskFailure(taskToken: string, error: string, cause?: string): Promise<TaskResponseOutcome>;
}
