/**
 * The matching workflow engine over the Step Functions JSON 1.0 API (StartExecution,
 * SendTaskSuccess, SendTaskFailure), signed by aws-fetch.ts like SES and Secrets Manager: no SDK
 * client in the bundle. The same adapter talks to the local runner (infra/local/workflow-runner.ts)
 * through `config.endpoint`. Failures follow aws-fetch.ts: throttling, 5xx and network errors →
 * ServiceUnavailableError (the caller's stream record is retried); the answers that carry a meaning
 * here become outcomes.
 *
 * AWS answers a StartExecution replayed with the same name and input while the execution runs
 * with success (the same execution), and ExecutionAlreadyExists once it is closed or for another
 * input: either way nothing new starts.
 */
import type { WorkflowConfig } from '../../config/runtime-config';
import { DependencyRejectedError } from '../../domain/errors';
import type { MatchingExecutionInput } from '../../domain/matching';
import type { MatchingWorkflow, TaskResponseOutcome } from '../../ports/matching-workflow';
import { callAwsJson, endpointOf, type AwsCallTarget } from '../aws-fetch';

/** The token's task no longer waits: the proposal lapsed, the execution ended, or the token is not one of ours. */
const TASK_GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/** Step Functions' limits on SendTaskFailure's fields. */
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

/** `target` overrides credentials in tests (endpoint and region come from the configuration). */
export function stepFunctionsWorkflow(config: WorkflowConfig, target: Pick<AwsCallTarget, 'env'> = {}): MatchingWorkflow {
  const states: AwsCallTarget = { ...target, service: 'states', region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) };
  const url = `${endpointOf(states, 'states')}/`;
  const call = (action: 'StartExecution' | 'SendTaskSuccess' | 'SendTaskFailure', body: Record<string, unknown>) =>
    callAwsJson(states, url, body, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${action}` });
  const rejectedAs = (error: unknown, reasons: ReadonlySet<string>): boolean => error instanceof DependencyRejectedError && reasons.has(error.reason);
  const respond = async (action: 'SendTaskSuccess' | 'SendTaskFailure', body: Record<string, unknown>): Promise<TaskResponseOutcome> => {
    try {
      await call(action, body);
      return 'delivered';
    } catch (error) {
      if (rejectedAs(error, TASK_GONE)) return 'task_gone';
      throw error;
    }
  };

  return {
    async start(name: string, input: MatchingExecutionInput) {
      try {
        await call('StartExecution', { stateMachineArn: config.stateMachineArn, name, input: JSON.stringify(input) });
        return 'started';
      } catch (error) {
        if (rejectedAs(error, new Set(['ExecutionAlreadyExists']))) return 'already_started';
        throw error;
      }
    },
    sendTaskSuccess: (taskToken, output) => respond('SendTaskSuccess', { taskToken, output: JSON.stringify(output) }),
    sendTaskFailure: (taskToken, error, cause) =>
      respond('SendTaskFailure', {
        taskToken,
        error: error.slice(0, MAX_ERROR_LENGTH),
        ...(cause === undefined ? {} : { cause: cause.slice(0, MAX_CAUSE_LENGTH) }),
      }),
  };
}
