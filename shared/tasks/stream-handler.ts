/**
 * The chain of the after-commit consumers: a DynamoDB Streams batch, filtered upstream to the
 * consumer's outbox job kinds (shared/db/outbox-stream.ts), processed record by record with
 * Powertools batch processing. Each record's job is validated by its kind's zod schema and handed
 * to that kind's handler; a record that fails is reported in `batchItemFailures`, so only it (and
 * what follows it in its shard) is retried, a bounded number of times, before it goes to the
 * dead-letter queue.
 */
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError, InvalidTaskInputError } from '../domain/errors';
import { OUTBOX_JOB_ATTRIBUTE } from '../db/items';
import type { OutboxJob, OutboxJobKind } from '../domain/outbox';
import { logger } from '../observability/logger';
import { parseTaskInput, taskErrorLogger } from './task-handler';

/** What a consumer does with one kind of job: the job's schema and the handler. */
export interface JobHandler<J> {
  readonly schema: z.core.$ZodType<J>;
  handle(job: J, context: Context): Promise<unknown>;
}

/** The kinds a consumer does; adding a kind is one entry (and its place in OUTBOX_CONSUMERS). */
export type OutboxJobHandlers = { readonly [K in OutboxJobKind]?: JobHandler<Extract<OutboxJob, { kind: K }>> };

export interface OutboxConsumerOptions {
  /** Called once per invocation before any record (e.g. to hand the context to the effect ledger). */
  onInvoke?: (context: Context) => void;
}

/** The job held by a stream record's new image, validated by its kind's schema; throws InvalidTaskInputError otherwise. */
export function jobOfRecord(record: DynamoDBRecord, handlers: OutboxJobHandlers): { job: OutboxJob; handler: JobHandler<OutboxJob> } {
  const image = record.dynamodb?.NewImage;
  const item = image ? unmarshall(image as Record<string, AttributeValue>) : {};
  const handler = handlers[item.kind as OutboxJobKind] as JobHandler<OutboxJob> | undefined;
  if (!handler) throw new InvalidTaskInputError('no handler for this job kind in this consumer', ['kind']);
  return { job: parseTaskInput(handler.schema, item[OUTBOX_JOB_ATTRIBUTE]), handler };
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
        const parsed = jobOfRecord(record, handlers);
        job = parsed.job;
        const outcome = await parsed.handler.handle(job, context);
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
