/**
 * The local stand-in for the DynamoDB Streams event source mapping: reads DynamoDB Local's stream
 * of the table (DescribeStream, GetShardIterator, GetRecords), keeps the records that pass the
 * consumer's filter, and hands them in batches, as real `DynamoDBStreamEvent`s, to the same
 * handler module Lambda runs. Like the mapping, it honours `batchItemFailures` (retrying from the
 * first failed record), retries a bounded number of times, then dead-letters the record (metadata
 * only, as Lambda's on-failure destination does) and moves on. Its position in each shard is
 * checkpointed after every batch — in a file under `.local/` — so a stopped `npm start` that is
 * restarted delivers what was committed but not yet processed.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesFilter, OUTBOX_CONSUMER_POLICY, OUTBOX_CONSUMERS, outboxStreamFilter } from '../../shared/db/outbox-stream';
import { LOCAL_AWS, localDynamoDbClient } from './dynamodb-local';
import { createLambdaContext } from './http-api-event';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  /** The consumer: the `handler` export of a module of functions/stream/ (or a test double). */
  handler: StreamHandler;
  /** The records it gets, as the event source mapping's filter: `outboxStreamFilter(kinds)`. */
  filter: Parameters<typeof matchesFilter>[0];
  /** Its name in logs, dead letters and the Lambda context, e.g. 'SendMail'. */
  functionName: string;
  /** Where positions are kept between runs; none keeps them in memory. */
  checkpointFile?: string;
  /** Where dead-lettered records' metadata is appended (JSON lines); none only logs them. */
  deadLetterFile?: string;
  /** @default OUTBOX_CONSUMER_POLICY.batchSize */
  batchSize?: number;
  /** @default OUTBOX_CONSUMER_POLICY.maxRetryAttempts */
  maxRetryAttempts?: number;
  /** Delay before retry n is `retryDelayMs · 2^(n-1)`. @default 200 */
  retryDelayMs?: number;
  /** Pause when every shard is caught up. @default 150 */
  idleMs?: number;
  log?: (line: string) => void;
}

export interface DeadLetter {
  reason: 'retries_exhausted';
  consumer: string;
  streamArn: string;
  shardId: string;
  sequenceNumber: string;
  eventName: string | undefined;
  /** Key attributes only: the new image may hold personal data. */
  keys: Record<string, unknown> | undefined;
  attempts: number;
  at: string;
}

interface Checkpoints {
  streamArn?: string;
  /** Last processed sequence number per shard, or 'closed' once a closed shard is done. */
  shards: Record<string, string>;
}

export interface StreamPoller {
  /** Resolves once every record committed so far has been handled (or dead-lettered). */
  drain(): Promise<void>;
  /** Finishes the batch in hand, saves positions and stops. */
  stop(): Promise<void>;
  readonly deadLetters: readonly DeadLetter[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seqCompare = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** The record as Lambda delivers it: epoch-second creation time and the stream's ARN. */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? LOCAL_AWS.region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
  } as DynamoDBRecord;
}

async function loadCheckpoints(file: string | undefined): Promise<Checkpoints> {
  if (!file || !existsSync(file)) return { shards: {} };
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Checkpoints;
    return { ...parsed, shards: parsed.shards ?? {} };
  } catch {
    return { shards: {} };
  }
}

async function saveCheckpoints(file: string | undefined, checkpoints: Checkpoints): Promise<void> {
  if (!file) return;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(checkpoints));
  await rename(tmp, file);
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { filter, functionName } = options;
  const batchSize = options.batchSize ?? OUTBOX_CONSUMER_POLICY.batchSize;
  const maxRetryAttempts = options.maxRetryAttempts ?? OUTBOX_CONSUMER_POLICY.maxRetryAttempts;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const idleMs = options.idleMs ?? 150;

  const dynamo = localDynamoDbClient(options.endpoint);
  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamo.destroy();
  const latestStreamArn = table.Table?.LatestStreamArn;
  if (!latestStreamArn) throw new Error(`Table ${options.tableName} has no stream: the outbox cannot be delivered`);
  const streamArn: string = latestStreamArn;
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_AWS.region,
    credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey },
  });

  let checkpoints = await loadCheckpoints(options.checkpointFile);
  // A new stream (table re-created) starts from its beginning.
  if (checkpoints.streamArn !== streamArn) checkpoints = { streamArn, shards: {} };
  const deadLetters: DeadLetter[] = [];
  const iterators = new Map<string, string | undefined>();
  let stopping = false;
  let caughtUp: Array<() => void> = [];
  let failure: unknown;

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    // Parents before children: a shard's records follow its parent's.
    return shards.sort((a, b) => seqCompare(a.SequenceNumberRange?.StartingSequenceNumber ?? '0', b.SequenceNumberRange?.StartingSequenceNumber ?? '0'));
  }

  async function iteratorFor(shardId: string): Promise<string | undefined> {
    const after = checkpoints.shards[shardId];
    try {
      const result = await streams.send(
        new GetShardIteratorCommand(
          after
            ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
        ),
      );
      return result.ShardIterator;
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException)) throw error;
      log(`[stream] shard ${shardId}: position trimmed, reading from the oldest record`);
      const result = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
      return result.ShardIterator;
    }
  }

  async function invoke(records: DynamoDBRecord[]): Promise<Set<string>> {
    const context = createLambdaContext({ functionName, timeoutMs: OUTBOX_CONSUMER_POLICY.timeoutSeconds * 1000 });
    try {
      const response = await options.handler({ Records: records }, context);
      return new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      log(`[stream] consumer invocation failed: ${error instanceof Error ? error.name : String(error)}`);
      return new Set(records.map((r) => r.dynamodb?.SequenceNumber ?? ''));
    }
  }

  async function deadLetter(record: DynamoDBRecord, shardId: string, attempts: number) {
    const letter: DeadLetter = {
      reason: 'retries_exhausted',
      consumer: functionName,
      streamArn,
      shardId,
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      eventName: record.eventName,
      keys: record.dynamodb?.Keys as Record<string, unknown> | undefined,
      attempts,
      at: new Date().toISOString(),
    };
    deadLetters.push(letter);
    log(`[stream] ${functionName}: record ${letter.sequenceNumber} dead-lettered after ${attempts} attempts`);
    if (options.deadLetterFile) {
      await mkdir(dirname(options.deadLetterFile), { recursive: true });
      await appendFile(options.deadLetterFile, `${JSON.stringify(letter)}\n`);
    }
  }

  /** Delivers one batch, retrying from the first failure; returns when every record is done or dead-lettered. */
  async function deliver(batch: DynamoDBRecord[], shardId: string) {
    let pending = batch;
    let attempt = 0;
    while (pending.length > 0 && !stopping) {
      const failed = await invoke(pending);
      const firstFailed = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      if (firstFailed === -1) return;
      const failing = pending[firstFailed]!;
      if (firstFailed > 0) {
        checkpoints.shards[shardId] = pending[firstFailed - 1]!.dynamodb!.SequenceNumber!;
        attempt = 0;
      }
      pending = pending.slice(firstFailed);
      attempt += 1;
      if (attempt > maxRetryAttempts) {
        await deadLetter(failing, shardId, attempt);
        checkpoints.shards[shardId] = failing.dynamodb!.SequenceNumber!;
        pending = pending.slice(1);
        attempt = 0;
        continue;
      }
      await sleep(retryDelayMs * 2 ** (attempt - 1));
    }
  }

  /** One pass over every shard; resolves true when it found records. */
  async function pass(): Promise<boolean> {
    let found = false;
    for (const shard of await listShards()) {
      const shardId = shard.ShardId!;
      if (checkpoints.shards[shardId] === 'closed') continue;
      if (!iterators.has(shardId)) iterators.set(shardId, await iteratorFor(shardId));
      let iterator = iterators.get(shardId);
      while (iterator && !stopping) {
        let page;
        try {
          page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        } catch (error) {
          if (!(error instanceof ExpiredIteratorException)) throw error;
          iterator = await iteratorFor(shardId);
          continue;
        }
        const records = (page.Records ?? []).map((r) => toLambdaRecord(r, streamArn));
        iterator = page.NextShardIterator;
        if (records.length === 0) break;
        found = true;
        const wanted = records.filter((r) => matchesFilter(filter, r));
        for (let i = 0; i < wanted.length && !stopping; i += batchSize) await deliver(wanted.slice(i, i + batchSize), shardId);
        if (stopping) return found;
        checkpoints.shards[shardId] = records[records.length - 1]!.dynamodb!.SequenceNumber!;
        await saveCheckpoints(options.checkpointFile, checkpoints);
      }
      iterators.set(shardId, iterator);
      if (!iterator) {
        // A closed shard, read to its end.
        checkpoints.shards[shardId] = 'closed';
        iterators.delete(shardId);
        await saveCheckpoints(options.checkpointFile, checkpoints);
      }
    }
    return found;
  }

  const loop = (async () => {
    while (!stopping) {
      try {
        const found = await pass();
        if (!found) {
          const waiting = caughtUp;
          caughtUp = [];
          for (const resolve of waiting) resolve();
          await sleep(idleMs);
        }
      } catch (error) {
        if (stopping) break;
        failure = error;
        log(`[stream] polling failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(1000);
      }
    }
  })();

  return {
    deadLetters,
    drain() {
      if (failure && stopping) return Promise.reject(failure instanceof Error ? failure : new Error(String(failure)));
      // Two idle passes: the first may have started before the caller's last write.
      return new Promise<void>((resolve) => caughtUp.push(() => caughtUp.push(resolve)));
    },
    async stop() {
      stopping = true;
      await loop;
      await saveCheckpoints(options.checkpointFile, checkpoints);
      streams.destroy();
      for (const resolve of caughtUp) resolve();
    },
  };
}

export interface OutboxPollersOptions extends Pick<StreamPollerOptions, 'endpoint' | 'tableName' | 'log' | 'idleMs' | 'retryDelayMs'> {
  /** Repository root the consumers' `entry` paths are relative to. */
  rootDir: string;
  /** Folder of the positions (`<consumer>.json`) and dead letters; none keeps them in memory. */
  stateDir?: string;
}

/**
 * One poller per consumer of OUTBOX_CONSUMERS, each loading its handler module (as Lambda does)
 * and reading the stream with its own filter and position. Resolves a poller whose `drain` waits
 * for all of them and whose `stop` stops all of them.
 */
export async function startOutboxPollers(options: OutboxPollersOptions): Promise<StreamPoller> {
  const pollers: StreamPoller[] = [];
  try {
    for (const [name, consumer] of Object.entries(OUTBOX_CONSUMERS)) {
      const module = (await import(pathToFileURL(join(options.rootDir, consumer.entry)).href)) as { handler: StreamHandler };
      pollers.push(
        await startStreamPoller({
          ...options,
          handler: module.handler,
          filter: outboxStreamFilter(consumer.kinds),
          functionName: consumer.functionName,
          ...(options.stateDir ? { checkpointFile: join(options.stateDir, `${name}.json`), deadLetterFile: join(options.stateDir, 'dead-letters.jsonl') } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.all(pollers.map((p) => p.stop()));
    throw error;
  }
  return {
    get deadLetters() {
      return pollers.flatMap((p) => p.deadLetters);
    },
    async drain() {
      // A job done by one consumer may record a job for another (a sign-up records its mail).
      for (let round = 0; round < 3; round++) for (const poller of pollers) await poller.drain();
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
