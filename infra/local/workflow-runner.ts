/**
 * The local stand-in for Step Functions (docs/matching-workflow.md, "Locally"): runs the
 * definition the CDK construct builds (`renderMatchingDefinition`, the same code, literal function
 * ARNs) with `aws-local-stepfunctions`, each Task state calling the `handler` of the same module
 * Lambda runs (MATCHING_TASKS). Each waiting task (`.waitForTaskToken`) gets its own fresh token and
 * waits for SendTaskSuccess/SendTaskFailure on it, or its TimeoutSeconds. The runner serves the Step
 * Functions JSON 1.0 API (StartExecution, SendTaskSuccess, SendTaskFailure) on a local port, so the
 * workflow adapter (shared/adapters/stepfunctions) is the same as in AWS with another endpoint.
 * It also runs the reminder sweep (functions/scheduled/send-reminders.ts) on a timer.
 *
 * Executions live in memory: when the hub stops they are gone, and `npm start` resumes the
 * mentees left in `awaiting_match` as new attempts (shared/use-cases/resume-matching.ts).
 *
 * `aws-local-stepfunctions` gives no `$$.Task.Token` (its context is one value per execution): the
 * runner sets a placeholder there and replaces the Payload's `taskToken` in each waiting task.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { matchingExecutionInput, MATCHING_DEFAULTS } from '../../shared/domain/matching';
import { MATCHING_TASKS, type MatchingTaskState } from '../../shared/workflow/matching-tasks';
import { renderMatchingDefinition, SEND_REMINDERS, type AslDefinition } from '../constructs/matching-workflow';
import { createLambdaContext } from './http-api-event';
import { LOCAL_STATE_MACHINE_ARN } from './local-env';

/** A task's code: the module's `handler` (Lambda's signature), or a test's replacement. */
export type TaskFunction = (payload: unknown, context: Context) => Promise<unknown>;

export interface WorkflowRunnerOptions {
  /** Repository root: task entries (MATCHING_TASKS) are relative to it. */
  rootDir: string;
  /**
   * ProposeToMentor's timeout, as the stage's `matching.proposalLifetimeSeconds`.
   * @default MATCHING_DEFAULTS.proposalLifetimeSeconds
   */
  proposalLifetimeSeconds?: number;
  /**
   * Port of the Step Functions endpoint on 127.0.0.1.
   * @default 0 - a free port (see `endpoint`)
   */
  port?: number;
  /**
   * Replaces a task's handler (tests: a dependency failing once). It gets the task's input and may
   * call the real handler, given as third argument.
   * @default {} - every task runs its module's handler
   */
  taskOverrides?: Partial<Record<MatchingTaskState, (payload: unknown, context: Context, real: TaskFunction) => Promise<unknown>>>;
  /**
   * Wait before each retry, in ms, instead of the definition's backoff (tests).
   * @default - the definition's intervals (2 s, 4 s, 8 s… with full jitter)
   */
  retryDelayMs?: number;
  /**
   * Period of the reminder sweep; false: no timer (tests call `sweepReminders`).
   * @default 10 minutes
   */
  reminderIntervalMs?: number | false;
  log?: (line: string) => void;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** One state of an execution's history, as the runner's event log keeps it. */
export interface RunnerEvent {
  type: string;
  state?: string;
  error?: string;
}

export interface ExecutionRecord {
  name: string;
  executionArn: string;
  input: unknown;
  status: ExecutionStatus;
  output?: unknown;
  error?: { Error: string; Cause?: string };
  /** The execution's events (entered, exited, retried, caught, failed states), in order. */
  events: RunnerEvent[];
  /** Billed state transitions, as Step Functions counts them: one per state entered, one per retry. */
  transitions: number;
  /** Resolves when the execution ends. */
  done: Promise<ExecutionRecord>;
}

export interface WorkflowRunner {
  /** Where the Step Functions JSON API answers (the workflow group's STEP_FUNCTIONS_ENDPOINT). */
  readonly endpoint: string;
  readonly stateMachineArn: string;
  /** The rendered definition it runs. */
  readonly definition: AslDefinition;
  /** Every execution started, by name. */
  readonly executions: ReadonlyMap<string, ExecutionRecord>;
  /** Resolves once `name` has started (it may be started by a stream consumer later) and ended. */
  waitForExecution(name: string, timeoutMs?: number): Promise<ExecutionRecord>;
  /** Task tokens waiting for a decision, oldest first. */
  waitingTokens(): string[];
  /** Runs the reminder sweep once (the timer's job). */
  sweepReminders(): Promise<unknown>;
  /** Aborts running executions, stops the timer and the endpoint. */
  stop(): Promise<void>;
}

/** `Promise.withResolvers` (Node 22) for aws-local-stepfunctions on Node 20: installed before it is imported. */
function installWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: () => unknown };
  P.withResolvers ??= function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const LOCAL_ACCOUNT = '000000000000';
const LOCAL_REGION = LOCAL_STATE_MACHINE_ARN.split(':')[3]!;
/** Where `$$.Task.Token` points until the runner puts the waiting task's own token in the Payload. */
const TOKEN_PLACEHOLDER = 'replaced-by-the-local-runner';

/** The construct's definition, rendered with literal function ARNs (no synth, no bundling). */
export function localMatchingDefinition(proposalLifetimeSeconds: number): AslDefinition {
  const stack = new Stack(new App(), 'TandemLocalWorkflow', { env: { account: LOCAL_ACCOUNT, region: LOCAL_REGION } });
  const functions = Object.fromEntries(
    Object.entries(MATCHING_TASKS).map(([state, task]) => [
      state,
      LambdaFunction.fromFunctionArn(stack, task.functionName, `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:tandem-local-${task.functionName}`),
    ]),
  ) as Record<MatchingTaskState, IFunction>;
  return renderMatchingDefinition(stack, functions, { proposalLifetime: Duration.seconds(proposalLifetimeSeconds) });
}

/**
 * The definition as aws-local-stepfunctions 3.0.0 reads it right: `ResultPath: "$"` (replace the
 * state, the ASL default) is dropped, since the library would write the result under a key named
 * "$". Same semantics; the rendered definition (`runner.definition`) is left as the construct made it.
 */
export function forLocalEngine(definition: AslDefinition): AslDefinition {
  const states = Object.fromEntries(
    Object.entries(definition.States).map(([name, state]) => {
      if (state.ResultPath !== '$') return [name, state];
      const { ResultPath: _root, ...rest } = state;
      return [name, rest];
    }),
  );
  return { ...definition, States: states };
}

/** An error the state machine matches by name (Retry/Catch), as Lambda reports a function error. */
class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** A Step Functions API refusal: answered as `400 {__type, message}`. */
class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface WaitingTask {
  resolve(output: unknown): void;
  reject(error: Error): void;
}

export async function startWorkflowRunner(options: WorkflowRunnerOptions): Promise<WorkflowRunner> {
  const log = options.log ?? (() => undefined);
  installWithResolvers();
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = localMatchingDefinition(options.proposalLifetimeSeconds ?? MATCHING_DEFAULTS.proposalLifetimeSeconds);
  const machine = new StateMachine(forLocalEngine(definition) as never, { validationOptions: { checkArn: false } });

  const modules = new Map<string, Promise<TaskFunction>>();
  const load = (entry: string): Promise<TaskFunction> => {
    let handler = modules.get(entry);
    if (!handler) {
      handler = import(pathToFileURL(join(options.rootDir, entry)).href).then((m: { handler: TaskFunction }) => m.handler);
      modules.set(entry, handler);
      handler.catch(() => modules.delete(entry));
    }
    return handler;
  };
  /** Calls a task's code as Lambda would: a JSON copy in, a JSON copy out, errors keep their name. */
  const invoke = async (state: MatchingTaskState, payload: unknown): Promise<unknown> => {
    const task = MATCHING_TASKS[state];
    const context = createLambdaContext({ functionName: `tandem-local-${task.functionName}`, timeoutMs: 30_000 });
    const real: TaskFunction = async (p, c) => (await load(task.entry))(p, c);
    const override = options.taskOverrides?.[state];
    const input = structuredClone(payload);
    try {
      const output = await (override ? override(input, context, real) : real(input, context));
      return output === undefined ? null : JSON.parse(JSON.stringify(output));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      throw new NamedError(e.name || 'Error', e.message);
    }
  };

  const executions = new Map<string, ExecutionRecord>();
  const aborts = new Map<string, () => void>();
  const waiting = new Map<string, WaitingTask>();
  /** Tokens whose task timed out: SendTask* answers TaskTimedOut (any other unknown token: TaskDoesNotExist). */
  const lapsed = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();

  /** The waiting task of `state`: records its own token, then waits for the response or the timeout. */
  const waitForToken = (state: MatchingTaskState) => async (raw: unknown) => {
    const { FunctionName: _fn, Payload: payload } = raw as { FunctionName: string; Payload: Record<string, unknown> };
    const token = `${randomUUID()}${randomUUID()}`.replace(/-/g, '');
    const response = new Promise<unknown>((resolve, reject) => waiting.set(token, { resolve, reject }));
    // The task may answer its own token before it returns (a skipped candidate): handled when awaited below.
    response.catch(() => undefined);
    const timeoutSeconds = Number(definition.States[state]?.TimeoutSeconds ?? 0);
    // The library times the state out (States.Timeout); at the same moment the runner forgets the
    // token (a late answer gets TaskTimedOut) and ends this wait, whose result nobody reads any more.
    const lapse = () => {
      const task = waiting.get(token);
      if (!task) return;
      waiting.delete(token);
      lapsed.add(token);
      task.reject(new NamedError('States.Timeout', 'the proposal lapsed'));
    };
    const timer = timeoutSeconds > 0 ? setTimeout(lapse, timeoutSeconds * 1000) : undefined;
    if (timer) {
      timer.unref();
      timers.add(timer);
    }
    try {
      await invoke(state, { ...payload, taskToken: token });
      return (await response) as never;
    } finally {
      if (timer) {
        clearTimeout(timer);
        timers.delete(timer);
      }
      waiting.delete(token);
    }
  };

  const startExecution = (name: string, input: unknown): ExecutionRecord => {
    const executionArn = `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;
    const handlers = Object.fromEntries(
      (Object.keys(MATCHING_TASKS) as MatchingTaskState[]).map((state) => [
        state,
        MATCHING_TASKS[state].waitsForTaskToken ? waitForToken(state) : (payload: unknown) => invoke(state, payload) as never,
      ]),
    );
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        ...(options.retryDelayMs === undefined
          ? {}
          : { retryIntervalOverrides: Object.fromEntries(Object.keys(MATCHING_TASKS).map((s) => [s, options.retryDelayMs!])) }),
      },
      context: { Execution: { Id: executionArn, Name: name }, Task: { Token: TOKEN_PLACEHOLDER } },
      noThrowOnAbort: true,
    });
    aborts.set(name, run.abort);
    const record: ExecutionRecord = { name, executionArn, input, status: 'RUNNING', events: [], transitions: 0, done: undefined as never };
    const collect = (async () => {
      for await (const event of run.eventLogs) {
        const e = event as { type: string; state?: { name: string }; Error?: string };
        record.events.push({ type: e.type, ...(e.state ? { state: e.state.name } : {}), ...(e.Error ? { error: e.Error } : {}) });
        if (e.type === 'StateEntered' || e.type === 'StateRetried') record.transitions++;
      }
    })();
    record.done = run.result
      .then(
        (output) => {
          if (record.status === 'ABORTED') return;
          record.status = 'SUCCEEDED';
          record.output = output;
        },
        (error: unknown) => {
          if (record.status === 'ABORTED') return;
          const cause = (error as { cause?: { name?: string; message?: string } }).cause;
          record.status = 'FAILED';
          record.error = { Error: cause?.name ?? 'States.Runtime', ...(cause?.message ? { Cause: cause.message } : {}) };
          log(`Workflow : exécution ${name} en échec / execution failed (${record.error.Error})`);
        },
      )
      .then(() => collect.catch(() => undefined))
      .then(() => {
        aborts.delete(name);
        return record;
      });
    executions.set(name, record);
    return record;
  };

  const respond = (token: unknown, answer: (task: WaitingTask) => void) => {
    if (typeof token !== 'string' || token.length === 0) throw new ApiError('InvalidToken', 'Invalid Token');
    const task = waiting.get(token);
    if (!task) {
      if (lapsed.has(token)) throw new ApiError('TaskTimedOut', 'Task Timed Out');
      throw new ApiError('TaskDoesNotExist', 'Task does not exist anymore');
    }
    waiting.delete(token);
    answer(task);
  };

  /** The Step Functions JSON 1.0 actions the workflow adapter calls. */
  const actions: Record<string, (body: Record<string, unknown>) => unknown> = {
    StartExecution: (body) => {
      if (body.stateMachineArn !== LOCAL_STATE_MACHINE_ARN) throw new ApiError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
      const name = String(body.name ?? randomUUID());
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new ApiError('InvalidName', 'Invalid Name');
      if (executions.has(name)) throw new ApiError('ExecutionAlreadyExists', 'Execution Already Exists');
      let input: unknown;
      try {
        input = JSON.parse(typeof body.input === 'string' ? body.input : '{}');
      } catch {
        throw new ApiError('InvalidExecutionInput', 'Invalid Execution Input');
      }
      if (!matchingExecutionInput.safeParse(input).success) throw new ApiError('InvalidExecutionInput', 'Invalid Execution Input');
      const record = startExecution(name, input);
      return { executionArn: record.executionArn, startDate: Date.now() / 1000 };
    },
    SendTaskSuccess: (body) => {
      let output: unknown;
      try {
        output = JSON.parse(String(body.output));
      } catch {
        throw new ApiError('InvalidOutput', 'Invalid Output');
      }
      respond(body.taskToken, (task) => task.resolve(output));
      return {};
    },
    SendTaskFailure: (body) => {
      respond(body.taskToken, (task) => task.reject(new NamedError(String(body.error ?? 'States.TaskFailed'), String(body.cause ?? ''))));
      return {};
    },
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
      try {
        const handler = actions[action];
        if (req.method !== 'POST' || !handler) throw new ApiError('UnknownOperationException', 'Unknown operation');
        let body: unknown;
        try {
          body = JSON.parse(raw || '{}');
        } catch {
          throw new ApiError('SerializationException', 'Malformed JSON');
        }
        if (body === null || typeof body !== 'object') throw new ApiError('SerializationException', 'Malformed JSON');
        answer(200, handler(body as Record<string, unknown>));
      } catch (error) {
        const e = error instanceof ApiError ? error : new ApiError('InternalFailure', 'Internal failure', 500);
        answer(e.status, { __type: e.type, message: e.message });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sweepReminders = async () => {
    const handler = await load(SEND_REMINDERS.entry);
    const event = { id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), detail: {} };
    return handler(event, createLambdaContext({ functionName: `tandem-local-${SEND_REMINDERS.functionName}`, timeoutMs: 60_000 }));
  };
  const reminderEvery = options.reminderIntervalMs ?? 10 * 60_000;
  const reminderTimer =
    reminderEvery === false
      ? undefined
      : setInterval(() => {
          sweepReminders().catch((error: unknown) => log(`Relances : balayage en échec / reminder sweep failed (${(error as Error).name})`));
        }, reminderEvery);
  reminderTimer?.unref();

  return {
    endpoint,
    stateMachineArn: LOCAL_STATE_MACHINE_ARN,
    definition,
    executions,
    async waitForExecution(name, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!executions.has(name)) {
        if (Date.now() > deadline) throw new Error(`No execution ${name} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const record = executions.get(name)!;
      const timeout = new Promise<never>((_, reject) => {
        const t = setTimeout(() => reject(new Error(`Execution ${name} still running after ${timeoutMs} ms`)), Math.max(0, deadline - Date.now()));
        t.unref();
        void record.done.finally(() => clearTimeout(t));
      });
      return Promise.race([record.done, timeout]);
    },
    waitingTokens: () => [...waiting.keys()],
    sweepReminders,
    async stop() {
      if (reminderTimer) clearInterval(reminderTimer);
      for (const timer of timers) clearTimeout(timer);
      const running = [...executions.values()].filter((e) => e.status === 'RUNNING');
      for (const e of running) {
        e.status = 'ABORTED';
        aborts.get(e.name)?.();
      }
      for (const [token, task] of waiting) {
        waiting.delete(token);
        task.reject(new NamedError('States.Aborted', 'runner stopped'));
      }
      await Promise.allSettled(running.map((e) => e.done));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
