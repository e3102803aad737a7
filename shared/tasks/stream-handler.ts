/**
 * The chain of the after-commit consumer: a DynamoDB Streams batch, filtered upstream to outbox
 * items (shared/db/stream-filter.ts), processed record by record with Powertools batch processing.
 * Each record's job is validated by zod and handed to the handler of its kind; a record that fails
 * is reported in `batchItemFailures`, so only it (and what follows it in its shard) is retried,
 * a bounded number of times, before it goes to the dead-letter queue.
 */
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { OUTBOX_JOB_ATTRIBUTE } from '../db/items';
import { outboxJobSchema, type OutboxJob, type OutboxJobKind } from '../domain/outbox';
import { logger } from '../observability/logger';
import { parseTaskInput, taskErrorLogger } from './task-handler';

/** One handler per job kind: adding a kind to the outbox is one entry here. */
export type OutboxJobHandlers = { [K in OutboxJobKind]: (job: Extract<OutboxJob, { kind: K }>, context: Context) => Promise<unknown> };

export interface OutboxConsumerOptions {
  /** Called once per invocation before any record (e.g. to hand the context to the effect ledger). */
  onInvoke?: (context: Context) => void;
}

/** The job held by a stream record's new image; throws InvalidTaskInputError if it is malformed. */
export function jobOfRecord(record: DynamoDBRecord): OutboxJob {
  const image = record.dynamodb?.NewImage;
  if (!image) return parseTaskInput(outboxJobSchema, undefined);
  const item = unmarshall(image as Record<string, AttributeValue>);
  return parseTaskInput(outboxJobSchema, item[OUTBOX_JOB_ATTRIBUTE]);
}

/** The raw consumer: tests call it with a DynamoDBStreamEvent. */
export function makeOutboxConsumer(handlers: OutboxJobHandlers, options: OutboxConsumerOptions = {}) {
  return async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    options.onInvoke?.(context);
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    const handleRecord = async (record: DynamoDBRecord) => {
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      let job: OutboxJob | undefined;
      try {
        job = jobOfRecord(record);
        const handler = handlers[job.kind] as (job: OutboxJob, context: Context) => Promise<unknown>;
        const outcome = await handler(job, context);
        logger.info('Outbox job done', { kind: job.kind, jobId: job.id, sequenceNumber, outcome: typeof outcome === 'string' ? outcome : undefined });
      } catch (error) {
        const e = error as Error;
        logger.warn('Outbox job failed', {
          kind: job?.kind,
          jobId: job?.id,
          sequenceNumber,
          error: { name: e?.name ?? 'unknown', ...(e instanceof DomainError ? { code: e.code } : {}) },
        });
        throw error;
      }
    };
    // In order, one at a time: records of a shard follow the table's order of changes.
    return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
  };
}

/** The Lambda handler of the consumer: the task chain's logging around the raw consumer. */
export function outboxConsumerHandler(handlers: OutboxJobHandlers, options: OutboxConsumerOptions = {}) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(taskErrorLogger())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(makeOutboxConsumer(handlers, options));
}
