import { Duration, Validations } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Capability } from '../../shared/config/capabilities';
import { OUTBOX_CONSUMER_POLICY, OUTBOX_CONSUMERS, outboxStreamFilter, type OutboxConsumerName } from '../../shared/db/outbox-stream';
import { LEADING_KEYS, type TableAccess } from '../../shared/db/table-access';
import { AppFunction, type AppFunctionBindings, type AppFunctionProps } from './app-function';
import type { TableBinding } from './single-table';

/** What each consumer may touch: the jobs consumer changes the table and drives the matching workflow (start, task responses); the mail consumer reads it, keeps its ledger there, mails and signs. */
export const OUTBOX_CONSUMER_CAPABILITIES: { readonly [N in OutboxConsumerName]: readonly Capability[] } = {
  jobs: ['table', 'workflow'],
  mail: ['table', 'mail', 'signing-key', 'follow-up'],
};

/** The DynamoDB actions each consumer performs (its `table` grant; see shared/db/table-access.ts). */
export const OUTBOX_CONSUMER_TABLE_ACCESS: { readonly [N in OutboxConsumerName]: TableAccess } = {
  jobs: [
    // RegistrationStore.findByEmail and get (sign-ups and resend requests): the address claim, then the profile.
    { actions: ['GetItem'], leadingKeys: [...LEADING_KEYS.emailClaims, ...LEADING_KEYS.people] },
    // RegistrationStore.create (Put claim, profile, mail job) and notifyOwner (Update claim, profile; Put mail job; sign-ups and resends): transactions.
    // MatchingStore.startAttempt (capacity_appeared: Update the mentee, Put its start job): a transaction.
    // MatchingStore.closeProposal (deliver_decision of a decline): a plain conditional update of the proposal.
    { actions: ['PutItem', 'UpdateItem'] },
    // deliver_decision: getProposalWithToken; capacity_appeared: getMentor (the mentor with a place), getPartner (a mentee's dedicated pool).
    { actions: ['GetItem'], leadingKeys: [...LEADING_KEYS.mentees, ...LEADING_KEYS.mentors, ...LEADING_KEYS.partners] },
    // capacity_appeared: getMentee, one Query on each unmatched mentee's partition (profile and proposals).
    { actions: ['Query'], leadingKeys: LEADING_KEYS.mentees },
    // capacity_appeared: listMentees, the unmatched mentees in the status index.
    { index: 'GSI1', actions: ['Query'] },
  ],
  mail: [
    // PersonDirectory.get (the recipient's profile); the effect ledger reads its record; MatchingReads:
    // a proposal, a mentor, a tandem, a partner (its contact address).
    { actions: ['GetItem'], leadingKeys: [...LEADING_KEYS.people, ...LEADING_KEYS.idempotency, ...LEADING_KEYS.tandems, ...LEADING_KEYS.partners] },
    // MatchingReads.getMentee: one Query on the mentee's partition (profile and proposals); FollowUpReads: the tandem's partition.
    { actions: ['Query'], leadingKeys: [...LEADING_KEYS.people, ...LEADING_KEYS.tandems] },
    // The effect ledger (Powertools idempotency) writes, updates and deletes its records, in its partition only.
    { actions: ['PutItem', 'UpdateItem', 'DeleteItem'], leadingKeys: LEADING_KEYS.idempotency },
    // MailQuota.take: one conditional update of the recipient's daily counter.
    { actions: ['UpdateItem'], leadingKeys: LEADING_KEYS.mailCounts },
  ],
};

const DESCRIPTIONS: { readonly [N in OutboxConsumerName]: string } = {
  jobs: 'After-commit consumer of outbox jobs that change the table or drive the matching workflow (sign-ups, resend requests, workflow starts, decisions, retries), once each.',
  mail: 'After-commit consumer of mail jobs: renders, signs and sends each e-mail once.',
};

export interface OutboxConsumerProps {
  /** Which consumer of shared/db/outbox-stream.ts: its handler module and job kinds. */
  readonly consumer: OutboxConsumerName;
  /** Stage name, passed to the function. */
  readonly stage: string;
  /** The table whose stream carries the outbox jobs. */
  readonly table: TableBinding;
  /** Resources the consumer's capabilities bind to (mail, signing key; the table is `table`). */
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
 * An after-commit consumer (transactional outbox): a function fed by the table's stream through an
 * event source mapping that passes its outbox job kinds only (filter), reports partial batch failures,
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

    const consumer = OUTBOX_CONSUMERS[props.consumer];
    this.function = new AppFunction(this, 'Function', {
      ...props.functionDefaults,
      entry: consumer.entry,
      stage: props.stage,
      capabilities: OUTBOX_CONSUMER_CAPABILITIES[props.consumer],
      tableAccess: OUTBOX_CONSUMER_TABLE_ACCESS[props.consumer],
      bindings: { ...props.bindings, table: props.table },
      timeout: Duration.seconds(OUTBOX_CONSUMER_POLICY.timeoutSeconds),
      description: DESCRIPTIONS[props.consumer],
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
        filters: [FilterCriteria.filter(outboxStreamFilter(consumer.kinds) as unknown as Record<string, unknown>)],
      }),
    );
  }
}
