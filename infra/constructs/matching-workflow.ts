/**
 * The matching workflow (docs/matching-workflow.md): one Lambda per task of MATCHING_TASKS, each
 * with only its own table grant, the state machine that chains them (JSONPath, standard type), and
 * the hourly reminder sweep. The definition is built by `matchingWorkflowDefinition`, a function of
 * the task functions and the proposal lifetime only, so the local runner and the tests render the
 * same ASL from literal function ARNs without synthesizing the app.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  StateGraph,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { MatchingConfig } from '../../shared/config/runtime-config';
import type { FollowUpSettings } from '../../shared/domain/follow-up';
import { LEADING_KEYS, type TableAccess } from '../../shared/db/table-access';
import { MATCHING_STATES, WORKFLOW_ERRORS } from '../../shared/domain/matching';
import { MATCHING_TASKS, type MatchingTaskState } from '../../shared/workflow/matching-tasks';
import { AppFunction, type AppFunctionProps } from './app-function';
import type { TableBinding } from './single-table';

/** Errors of the Lambda service itself (not of our code): retried like our transient errors. */
export const LAMBDA_SERVICE_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'] as const;

/** The one retry policy of every task (docs/matching-workflow.md). */
export const TASK_RETRY = {
  errors: [...WORKFLOW_ERRORS.transient, ...LAMBDA_SERVICE_ERRORS],
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 4,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
} as const;

/** The longest a standard execution may run (one year). */
const MAX_EXECUTION_SECONDS = 365 * 24 * 3600;

/** The hourly reminder sweep (functions/scheduled/send-reminders.ts). */
export const SEND_REMINDERS = {
  entry: 'functions/scheduled/send-reminders.ts',
  functionName: 'SendReminders',
  schedule: Duration.hours(1),
  tableAccess: [
    // The proposals due for their reminder: the sparse reminder index.
    { index: 'GSI1', actions: ['Query'] },
    // The mentor's profile, for the mail's language.
    { actions: ['GetItem'], leadingKeys: LEADING_KEYS.people },
    // One transaction per proposal: the proposal marked reminded (leaves the index) and its mail job put.
    { actions: ['PutItem', 'UpdateItem'] },
  ],
} as const satisfies { entry: string; functionName: string; schedule: Duration; tableAccess: TableAccess };

export interface MatchingDefinitionProps {
  /** How long ProposeToMentor waits for the mentor's decision (its TimeoutSeconds). */
  readonly proposalLifetime: Duration;
}

/** `$.candidates[$.index]`: the mentor of the current proposal. */
const currentMentor = JsonPath.arrayGetItem(JsonPath.listAt('$.candidates'), JsonPath.numberAt('$.index'));
const attemptKeys = { menteeId: JsonPath.stringAt('$.menteeId'), attempt: JsonPath.numberAt('$.attempt') };

/**
 * The state machine's chain, exactly as the design's diagram: RankCandidates, then one proposal at
 * a time (`.waitForTaskToken`, timed out after the proposal lifetime) until a mentor accepts and the
 * tandem is created, or the candidates run out (MarkUnmatched). Every task retries transient errors
 * (TASK_RETRY), ends the execution quietly on MatchingSuperseded, and sends anything else to
 * MarkFailed, which marks the mentee and fails the execution (the alarm). Caught errors land on
 * `$.error` ({Error, Cause}), task results on their own path; NextCandidate rebuilds the loop's
 * state with `index + 1`, dropping them.
 */
export function matchingWorkflowDefinition(parent: Construct, functions: Readonly<Record<MatchingTaskState, IFunction>>, props: MatchingDefinitionProps): IChainable {
  const S = MATCHING_STATES;
  // The states in a scope of their own: their ids are the state names, which the functions may share.
  const scope = new Construct(parent, 'Definition');
  const invoke = (state: MatchingTaskState, payload: Record<string, unknown>, resultPath: string) =>
    new LambdaInvoke(scope, state, {
      stateName: state,
      lambdaFunction: functions[state],
      payload: TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      // TASK_RETRY is the one retry (Lambda's service errors included), not CDK's default one.
      retryOnServiceExceptions: false,
      resultPath,
    });

  const matched = new Succeed(scope, S.matched, { stateName: S.matched, comment: 'A mentor accepted; the tandem exists.' });
  const noMentor = new Succeed(scope, S.noMentor, { stateName: S.noMentor, comment: 'Nobody could be found: the mentee is unmatched, the CCI and the partner are told.' });
  const superseded = new Succeed(scope, S.superseded, { stateName: S.superseded, comment: 'The mentee left this attempt (matched otherwise, erased, a newer attempt).' });
  const failed = new Fail(scope, S.failed, { stateName: S.failed, error: 'MatchingFailed', cause: 'A task failed for good; MarkFailed marked the mentee and alerted the CCI.' });

  const rank = invoke(S.rank, { ...attemptKeys }, '$');
  const propose = new LambdaInvoke(scope, S.propose, {
    stateName: S.propose,
    lambdaFunction: functions[S.propose],
    integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: TaskInput.fromObject({
      taskToken: JsonPath.taskToken,
      ...attemptKeys,
      mentorId: currentMentor,
      rank: JsonPath.mathAdd(JsonPath.numberAt('$.index'), 1),
    }),
    taskTimeout: Timeout.duration(props.proposalLifetime),
    retryOnServiceExceptions: false,
    resultPath: '$.decision',
  });
  const accept = invoke(S.accept, { ...attemptKeys, mentorId: currentMentor }, '$.accept');
  const recordExpiry = invoke(S.recordExpiry, { ...attemptKeys, mentorId: currentMentor }, '$.expiry');
  const markUnmatched = invoke(
    S.markUnmatched,
    {
      ...attemptKeys,
      considered: JsonPath.numberAt('$.considered'),
      compatible: JsonPath.numberAt('$.compatible'),
      excluded: JsonPath.objectAt('$.excluded'),
      // Every candidate was reached (proposed to, or skipped) once the loop ends.
      proposed: JsonPath.numberAt('$.index'),
    },
    '$.unmatched',
  );
  const markFailed = invoke(S.markFailed, { ...attemptKeys, error: JsonPath.objectAt('$.error') }, '$.failed');

  const next = new Pass(scope, S.next, {
    stateName: S.next,
    comment: 'The next candidate: the loop state, index + 1 (task results and caught errors dropped).',
    parameters: {
      menteeId: JsonPath.stringAt('$.menteeId'),
      attempt: JsonPath.numberAt('$.attempt'),
      candidates: JsonPath.listAt('$.candidates'),
      count: JsonPath.numberAt('$.count'),
      index: JsonPath.mathAdd(JsonPath.numberAt('$.index'), 1),
      considered: JsonPath.numberAt('$.considered'),
      compatible: JsonPath.numberAt('$.compatible'),
      excluded: JsonPath.objectAt('$.excluded'),
    },
  });
  const hasCandidate = new Choice(scope, S.hasCandidate, { stateName: S.hasCandidate })
    .when(Condition.numberLessThanJsonPath('$.index', '$.count'), propose)
    .otherwise(markUnmatched);
  const tandemCreated = new Choice(scope, S.tandemCreated, { stateName: S.tandemCreated })
    .when(Condition.stringEquals('$.accept.outcome', 'tandem_created'), matched)
    .otherwise(next); // capacity_gone
  const lateDecision = new Choice(scope, S.lateDecision, { stateName: S.lateDecision })
    .when(Condition.stringEquals('$.expiry.outcome', 'accepted_late'), accept)
    .otherwise(next); // expired, declined_late

  const tasks: TaskStateBase[] = [rank, propose, accept, recordExpiry, markUnmatched, markFailed];
  for (const task of tasks) {
    task.addRetry({ ...TASK_RETRY, errors: [...TASK_RETRY.errors] });
    task.addCatch(superseded, { errors: [WORKFLOW_ERRORS.superseded], resultPath: '$.error' });
  }
  propose.addCatch(next, { errors: [WORKFLOW_ERRORS.declined, WORKFLOW_ERRORS.skipped], resultPath: '$.error' });
  propose.addCatch(recordExpiry, { errors: [Errors.TIMEOUT], resultPath: '$.error' });
  // MarkFailed itself has no catch-all: if it fails, the execution fails (and the alarm fires) all the same.
  for (const task of tasks.filter((t) => t !== markFailed)) task.addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' });

  rank.next(hasCandidate);
  propose.next(accept);
  accept.next(tandemCreated);
  recordExpiry.next(lateDecision);
  next.next(hasCandidate);
  markUnmatched.next(noMentor);
  markFailed.next(failed);
  return rank;
}

/**
 * The definition as plain Amazon States Language, for the local runner and the tests: the chain
 * rendered in `scope`'s stack, the partition of the `arn:${AWS::Partition}:states:::lambda:invoke…`
 * resources filled in (`aws`); the task functions are best given as literal ARNs
 * (`Function.fromFunctionArn`), so nothing else is left to resolve.
 */
export function renderMatchingDefinition(scope: Construct, functions: Readonly<Record<MatchingTaskState, IFunction>>, props: MatchingDefinitionProps): AslDefinition {
  const chain = matchingWorkflowDefinition(scope, functions, props);
  const graph = new StateGraph(chain.startState, 'MatchingWorkflow');
  return fillPseudoParameters(Stack.of(scope).resolve(graph.toGraphJson())) as AslDefinition;
}

/** A rendered definition: `StartAt` and its states (JSON). */
export interface AslDefinition {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  TimeoutSeconds?: number;
}

/** Evaluates the `Fn::Join` / `Ref: AWS::Partition` intrinsics CDK leaves in task resources. */
function fillPseudoParameters(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fillPseudoParameters);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (o.Ref === 'AWS::Partition') return 'aws';
  if (Array.isArray(o['Fn::Join'])) {
    const [separator, parts] = o['Fn::Join'] as [string, unknown[]];
    const filled = parts.map(fillPseudoParameters);
    if (filled.every((p) => typeof p === 'string')) return filled.join(separator);
    throw new Error(`Cannot render ${JSON.stringify(o)} without a synth`);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fillPseudoParameters(v)]));
}

export interface MatchingWorkflowProps {
  /** Stage name, passed to the functions. */
  readonly stage: string;
  /** The single table the tasks read and write (each with its task's tableAccess). */
  readonly table: TableBinding;
  /** The stage's matching settings: the functions' MATCHING_* variables, ProposeToMentor's timeout. */
  readonly matching: MatchingConfig;
  /** The stage's follow-up settings: AcceptProposal puts the new tandem's first check-in and silence watch. */
  readonly followUp: FollowUpSettings;
  /**
   * Defaults of the functions (logs, tracing).
   * @default {}
   */
  readonly functionDefaults?: Pick<AppFunctionProps, 'logLevel' | 'logRetentionDays' | 'logRemovalPolicy' | 'tracing'>;
  /**
   * X-Ray tracing of the executions.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Retention of the executions' log group (errors only, no execution data).
   * @default RetentionDays.ONE_MONTH (30)
   */
  readonly logRetentionDays?: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The matching workflow's resources: a standard state machine (an attempt lasts days, waiting for
 * mentors; standard executions are billed per transition, not per second of waiting), one function
 * per task, and the hourly reminder sweep fired by an EventBridge rule.
 */
export class MatchingWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** `tandem-<stage>-matching`. */
  readonly stateMachineName: string;
  /** The task functions, by state name (watched by Monitoring like every function). */
  readonly functions: Record<MatchingTaskState, AppFunction>;
  readonly reminders: AppFunction;
  readonly reminderRule: Rule;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: MatchingWorkflowProps) {
    super(scope, id);
    // A named machine, so its ARN can be spelled without referring to it: ProposeToMentor answers
    // its own token (a skipped candidate, a decision recorded before it waited), and a reference
    // from the function to the machine that invokes it would be a cycle in the template.
    this.stateMachineName = `tandem-${props.stage}-matching`;
    const selfArn = Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: this.stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const self = StateMachine.fromStateMachineArn(this, 'ByName', selfArn);
    const common = { ...props.functionDefaults, stage: props.stage, bindings: { table: props.table, matching: props.matching, followUp: props.followUp, stateMachine: self } };

    this.functions = Object.fromEntries(
      (Object.entries(MATCHING_TASKS) as Array<[MatchingTaskState, (typeof MATCHING_TASKS)[MatchingTaskState]]>).map(([state, task]) => [
        state,
        new AppFunction(this, task.functionName, {
          ...common,
          entry: task.entry,
          capabilities: [...(task.waitsForTaskToken ? ['table', 'matching', 'workflow'] as const : ['table', 'matching'] as const), ...(state === MATCHING_STATES.accept ? ['follow-up'] as const : [])],
          // The waiting task answers its own token, never starts an execution.
          ...(task.waitsForTaskToken ? { workflowAccess: ['respond'] as const } : {}),
          tableAccess: task.tableAccess,
          // RankCandidates reads up to nine availability partitions and the mentee's history.
          timeout: Duration.seconds(30),
          description: `Matching workflow task ${state}${task.waitsForTaskToken ? ' (records its task token; the state waits for the decision)' : ''}.`,
        }),
      ]),
    ) as Record<MatchingTaskState, AppFunction>;

    this.logGroup = new LogGroup(this, 'Executions', {
      retention: props.logRetentionDays ?? 30,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    const lifetime = Duration.seconds(props.matching.proposalLifetimeSeconds);
    const taskFunctions = Object.fromEntries(Object.entries(this.functions).map(([state, f]) => [state, f.function as IFunction]));
    const definition = matchingWorkflowDefinition(this, taskFunctions as Record<MatchingTaskState, IFunction>, { proposalLifetime: lifetime });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      definitionBody: DefinitionBody.fromChainable(definition),
      stateMachineType: StateMachineType.STANDARD,
      comment: 'Tandem matching: one execution per attempt, named <menteeId>-<attempt> (docs/matching-workflow.md).',
      // A backstop past every proposal of the attempt: no execution lives on forever (ExecutionsTimedOut
      // alarms); within the year a standard execution may last.
      timeout: Duration.seconds(Math.min(props.matching.proposalLifetimeSeconds * (props.matching.candidatesPerAttempt + 1), MAX_EXECUTION_SECONDS)),
      tracingEnabled: props.tracing ?? true,
      logs: { destination: this.logGroup, level: LogLevel.ERROR, includeExecutionData: false },
    });
    Validations.of(this.stateMachine).acknowledge(
      {
        id: 'AwsSolutions-SF1',
        reason:
          'Logs at ERROR without execution data on purpose: inputs carry mentee and mentor ids, and every event of an execution stays in its history (90 days); failed executions also raise an alarm.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray and CloudWatch Logs delivery actions support no resource-level permissions (CDK adds them for tracing and logging).',
      },
      ...Object.values(this.functions).map((f) => ({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(f.function.node.defaultChild as never)}.Arn>:*]`,
        reason: 'lambda:InvokeFunction on the task function and its versions/aliases (CDK grants `<arn>:*` so a qualified invocation works); no other function.',
      })),
    );

    this.reminders = new AppFunction(this, SEND_REMINDERS.functionName, {
      ...common,
      entry: SEND_REMINDERS.entry,
      capabilities: ['table', 'matching'],
      tableAccess: SEND_REMINDERS.tableAccess,
      timeout: Duration.seconds(60),
      description: 'Hourly sweep: one reminder mail per pending proposal whose reminder is due.',
    });
    this.reminderRule = new Rule(this, 'ReminderSchedule', {
      description: 'Tandem: the hourly proposal reminder sweep.',
      schedule: Schedule.rate(SEND_REMINDERS.schedule),
      targets: [new LambdaFunction(this.reminders.function, { retryAttempts: 2 })],
    });
  }
}
