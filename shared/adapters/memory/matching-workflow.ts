/**
 * In-memory MatchingWorkflow for unit tests: records the executions started (by name, so a replayed
 * start answers `already_started`, as StartExecution's ExecutionAlreadyExists does) and every task
 * response. A token is `task_gone` once answered (Step Functions accepts one answer per task), or
 * when the test says so (`gone`): the task lapsed or its execution died.
 */
import type { MatchingExecutionInput } from '../../domain/matching';
import type { MatchingWorkflow, TaskResponseOutcome } from '../../ports/matching-workflow';

export type TaskResponse =
  | { taskToken: string; kind: 'success'; output: Record<string, unknown>; outcome: TaskResponseOutcome }
  | { taskToken: string; kind: 'failure'; error: string; cause?: string; outcome: TaskResponseOutcome };

export interface MemoryMatchingWorkflow extends MatchingWorkflow {
  /** Executions started, in order (a replayed start is not listed twice). */
  readonly starts: { name: string; input: MatchingExecutionInput }[];
  /** Every SendTaskSuccess / SendTaskFailure, in order, with what it answered. */
  readonly responses: TaskResponse[];
  /** Tokens whose task no longer waits: answers to them are `task_gone`. */
  readonly gone: Set<string>;
  /** Every token answers `task_gone` (e.g. the workflow engine was restarted). */
  allGone: boolean;
}

export function memoryMatchingWorkflow(): MemoryMatchingWorkflow {
  const names = new Set<string>();
  const workflow: MemoryMatchingWorkflow = {
    starts: [],
    responses: [],
    gone: new Set(),
    allGone: false,
    async start(name, input) {
      if (names.has(name)) return 'already_started';
      names.add(name);
      workflow.starts.push({ name, input: { ...input } });
      return 'started';
    },
    async sendTaskSuccess(taskToken, output) {
      const outcome = answer(taskToken);
      workflow.responses.push({ taskToken, kind: 'success', output, outcome });
      return outcome;
    },
    async sendTaskFailure(taskToken, error, cause) {
      const outcome = answer(taskToken);
      workflow.responses.push({ taskToken, kind: 'failure', error, ...(cause !== undefined ? { cause } : {}), outcome });
      return outcome;
    },
  };
  function answer(taskToken: string): TaskResponseOutcome {
    if (workflow.allGone || workflow.gone.has(taskToken)) return 'task_gone';
    workflow.gone.add(taskToken);
    return 'delivered';
  }
  return workflow;
}
