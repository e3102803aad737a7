/**
 * The matching workflow as the local runtime runs it, on a fresh DynamoDB Local table: the
 * synthesized definition in the local runner (infra/local/workflow-runner.ts) with the real task
 * handlers, and the real jobs consumer (functions/stream/consume-outbox.ts) fed by a stream poller,
 * so a `start_matching` job starts the execution and a recorded decision reaches the waiting task
 * through `deliver_decision`, exactly as after a sign-up and a mentor's click. Mail jobs are read
 * from the table (the mail consumer is not part of this layer).
 *
 * The handlers read their configuration when first imported: one harness per test file.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { buildLocalEnv } from '../../infra/local/local-env';
import { startStreamPoller, type StreamHandler, type StreamPoller } from '../../infra/local/stream-poller';
import { startWorkflowRunner, type ExecutionRecord, type TaskFunction, type WorkflowRunner, type WorkflowRunnerOptions } from '../../infra/local/workflow-runner';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { availabilityItems, ENTITY, OUTBOX_JOB_ATTRIBUTE, outboxItem, partnerItem, personItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { OUTBOX_CONSUMERS, outboxStreamFilter } from '../../shared/db/outbox-stream';
import type { MailJob } from '../../shared/domain/mail-job';
import { MATCHING_DEFAULTS, matchingExecutionName, type Decision } from '../../shared/domain/matching';
import type { OutboxJob } from '../../shared/domain/outbox';
import type { MenteeProfile, MentorProfile, Partner } from '../../shared/domain/people';
import type { MatchingTaskState } from '../../shared/workflow/matching-tasks';
import { decisionDedupKey } from '../../shared/use-cases/decide-proposal';
import { startMatchingJob } from '../../shared/use-cases/matching-context';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface WorkflowHarnessOptions {
  /** @default MATCHING_DEFAULTS.proposalLifetimeSeconds */
  proposalLifetimeSeconds?: number;
  /** @default the shorter of MATCHING_DEFAULTS.reminderAfterSeconds and the lifetime less a second */
  reminderAfterSeconds?: number;
  /** Replaces a task's handler while set (tests inject failures); `real` is the module's handler. */
  overrides?: Partial<Record<MatchingTaskState, (payload: unknown, context: Context, real: TaskFunction) => Promise<unknown>>>;
}

export type WorkflowHarness = Awaited<ReturnType<typeof startWorkflowHarness>>;

/** Polls `check` until it returns a value other than undefined/false. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startWorkflowHarness(options: WorkflowHarnessOptions = {}) {
  const table: TestTable = await createTestTable('workflow');
  const lifetime = options.proposalLifetimeSeconds ?? MATCHING_DEFAULTS.proposalLifetimeSeconds;
  /** Mutable per test: the runner consults it on every call. */
  const overrides: NonNullable<WorkflowHarnessOptions['overrides']> = { ...options.overrides };
  const runnerOptions: WorkflowRunnerOptions = {
    rootDir: ROOT,
    proposalLifetimeSeconds: lifetime,
    reminderIntervalMs: false,
    // The definition's backoff (2 s, 4 s…) would only slow the tests; its shape is asserted by the infra tests.
    retryDelayMs: 20,
    taskOverrides: Object.fromEntries(
      (['RankCandidates', 'ProposeToMentor', 'AcceptProposal', 'RecordExpiry', 'MarkUnmatched', 'MarkFailed'] as const).map((state) => [
        state,
        (payload: unknown, context: Context, real: TaskFunction) => (overrides[state] ?? ((p, c, r) => r(p, c)))(payload, context, real),
      ]),
    ),
  };
  let runner: WorkflowRunner = await startWorkflowRunner(runnerOptions);
  Object.assign(
    process.env,
    buildLocalEnv({
      dynamoDbEndpoint: table.endpoint,
      tableName: table.tableName,
      siteUrl: 'http://localhost:3000',
      smtpHost: '127.0.0.1',
      smtpPort: 2525,
      signingKeyFile: '/nonexistent/signing-key',
      stepFunctionsEndpoint: runner.endpoint,
      matching: {
        ...MATCHING_DEFAULTS,
        proposalLifetimeSeconds: lifetime,
        reminderAfterSeconds: options.reminderAfterSeconds ?? Math.min(MATCHING_DEFAULTS.reminderAfterSeconds, lifetime - 1),
      },
    }),
  );
  // After the environment: the consumer reads its configuration when imported.
  const { handler: consumeOutbox } = (await import('../../functions/stream/consume-outbox')) as { handler: StreamHandler };
  const consumerLog: string[] = [];
  const jobsPoller: StreamPoller = await startStreamPoller({
    endpoint: table.endpoint,
    tableName: table.tableName,
    filter: outboxStreamFilter(OUTBOX_CONSUMERS.jobs.kinds),
    functionName: OUTBOX_CONSUMERS.jobs.functionName,
    handler: consumeOutbox,
    retryDelayMs: 20,
    idleMs: 50,
    log: (line) => consumerLog.push(line),
  });
  const store = dynamoMatchingStore(table.client, table.tableName);
  const put = (Item: Item) => table.client.send(new PutCommand({ TableName: table.tableName, Item }));

  /** Every outbox job in the table (tests may scan; the code never does). */
  const jobs = async (): Promise<OutboxJob[]> => {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start }));
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.filter((i) => i.entity === ENTITY.outbox).map((i) => i[OUTBOX_JOB_ATTRIBUTE] as OutboxJob);
  };

  const harness = {
    table,
    /** The current runner (a restart replaces it). */
    get runner(): WorkflowRunner {
      return runner;
    },
    /** The hub stops and starts again: executions are lost, the endpoint (same port) answers again once restarted. */
    async stopRunner(): Promise<number> {
      const port = Number(new URL(runner.endpoint).port);
      await runner.stop();
      return port;
    },
    async startRunner(port: number): Promise<WorkflowRunner> {
      runner = await startWorkflowRunner({ ...runnerOptions, port });
      return runner;
    },
    store,
    overrides,
    consumerLog,
    jobs,
    mails: async (): Promise<MailJob[]> => (await jobs()).flatMap((job) => (job.kind === 'mail' ? [job] : [])),
    async seedMentor(overrides: Partial<MentorProfile> = {}): Promise<MentorProfile> {
      const mentor = mentorProfile(overrides);
      await put(personItem(mentor));
      for (const entry of availabilityItems(mentor)) await put(entry);
      return mentor;
    },
    async seedPartner(): Promise<Partner> {
      const partner: Partner = { id: `partner-${randomUUID().slice(0, 8)}`, name: 'Mission locale', kind: 'mission_locale', status: 'active', dedicatedPool: false, createdAt: '2026-01-01T00:00:00.000Z' };
      await put(partnerItem(partner));
      return partner;
    },
    /** A mentee whose address was just confirmed: `awaiting_match` at attempt 1, with its start job (as confirm-email records it). */
    async seedWaitingMentee(overrides: Partial<MenteeProfile> = {}): Promise<MenteeProfile> {
      const mentee = menteeProfile({ status: 'awaiting_match', matchingAttempt: 1, ...overrides });
      await put(personItem(mentee));
      await harness.recordStartJob(mentee, 1);
      return mentee;
    },
    /** Records a `start_matching` job for the attempt (a new item, or a replay of the same key with a new job id). */
    async recordStartJob(mentee: MenteeProfile, attempt: number) {
      const { job, dedupKey } = startMatchingJob({ now: new Date(), id: randomUUID(), mentee, attempt });
      await put(outboxItem(job, { dedupKey, expiresAt: Math.floor(Date.now() / 1000) + 3600 }));
    },
    /** Takes the mentor's last place behind the workflow's back (another tandem got it). */
    async fillMentor(mentor: MentorProfile) {
      await table.client.send(
        new UpdateCommand({ TableName: table.tableName, Key: keys.person('mentor', mentor.id), UpdateExpression: 'SET activeMentees = :c', ExpressionAttributeValues: { ':c': mentor.capacity } }),
      );
    },
    execution: (mentee: MenteeProfile, attempt = 1) => matchingExecutionName(mentee.id, attempt),
    /** The mentor of the proposal waiting for a decision, once the task waits on its token. */
    async pendingProposal(mentee: MenteeProfile, excluding: string[] = []): Promise<string> {
      return eventually(async () => {
        if (runner.waitingTokens().length === 0) return undefined;
        const found = await store.getMentee(mentee.id);
        return found?.proposals.find((p) => p.status === 'pending' && !p.decision && !excluding.includes(p.mentorId))?.mentorId;
      }, 'a pending proposal');
    },
    /** The mentor's click, as the decide route records it: the decision and its delivery job, in one write. */
    async decide(mentee: MenteeProfile, mentorId: string, decision: Decision) {
      const now = new Date();
      const job = { id: randomUUID(), kind: 'deliver_decision' as const, locale: 'fr' as const, recordedAt: now.toISOString(), menteeId: mentee.id, mentorId };
      const outcome = await store.decide({ menteeId: mentee.id, mentorId, decision, now, delivery: { job, dedupKey: decisionDedupKey(mentee.id, mentorId) } });
      if (outcome.outcome !== 'recorded') throw new Error(`decision not recorded: ${outcome.outcome}`);
    },
    async finished(mentee: MenteeProfile, attempt = 1): Promise<ExecutionRecord> {
      return runner.waitForExecution(matchingExecutionName(mentee.id, attempt), 40_000);
    },
    async stop() {
      await jobsPoller.stop();
      await runner.stop();
      await table.drop();
    },
  };
  return harness;
}

/** The states an execution entered, in order. */
export const path = (execution: ExecutionRecord): string[] => execution.events.filter((e) => e.type === 'StateEntered').map((e) => e.state!);
