import { Duration, Validations } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_CONSUMER_POLICY, OUTBOX_STREAM_FILTER } from '../../shared/db/outbox-stream';
import { AppFunction, type AppFunctionBindings, type AppFunctionProps } from './app-function';
import type { TableBinding } from './single-table';

/** Handler module of the consumer, relative to the repository root. */
export const OUTBOX_CONSUMER_ENTRY = 'functions/stream/consume-outbox.ts';

export interface OutboxConsumerProps {
  /** Stage name, passed to the function. */
  readonly stage: string;
  /** The table whose stream carries the outbox jobs. */
  readonly table: TableBinding;
  /** Resources the consumer's capabilities bind to (mail, signing key). */
  readonly bindings: AppFunctionBindings;
  /**
   * Defaults of the function (logs, tracing).
   * @default {}
   */
  readonly functionDefaults?: Pick<AppFunctionProps, 'logLevel' | 'logRetentionDays' | 'logRemovalPolicy' | 'tracing'>;
  /**
   * How long a dead-lettered record's notice is kept for an operator to look at.
   * @default Duration.days(14) (the SQS maximum)
   */
  readonly deadLetterRetention?: Duration;
}

/**
 * The after-commit consumer (transactional outbox): a function fed by the table's stream through an
 * event source mapping that passes outbox items only (filter), reports partial batch failures,
 * bisects a failing batch, retries a bounded number of times and then sends the record's
 * coordinates to a dead-letter queue (an alarm watches it; see Monitoring). Policy values come
 * from shared/db/outbox-stream.ts, which the local runtime's poller follows too.
 */
export class OutboxConsumer extends Construct {
  readonly function: AppFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OutboxConsumerProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the stream consumer (an on-failure destination, which cdk-nag does not see as a redrive); it holds record coordinates only and is watched by an alarm.',
    });

    this.function = new AppFunction(this, 'Function', {
      ...props.functionDefaults,
      entry: OUTBOX_CONSUMER_ENTRY,
      stage: props.stage,
      capabilities: ['table:write', 'mail', 'signing-key'],
      bindings: { ...props.bindings, table: props.table },
      timeout: Duration.seconds(OUTBOX_CONSUMER_POLICY.timeoutSeconds),
      description: 'After-commit consumer: does the outbox jobs recorded in the table (sign-ups, e-mails), once each.',
    });

    this.function.function.addEventSource(
      new DynamoEventSource(props.table.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: OUTBOX_CONSUMER_POLICY.batchSize,
        bisectBatchOnError: true,
        retryAttempts: OUTBOX_CONSUMER_POLICY.maxRetryAttempts,
        maxRecordAge: Duration.seconds(OUTBOX_CONSUMER_POLICY.maxRecordAgeSeconds),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(OUTBOX_STREAM_FILTER as unknown as Record<string, unknown>)],
      }),
    );
  }
}
