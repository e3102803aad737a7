/**
 * How the outbox consumers read the table's stream, in one place for the CDK event source mappings
 * and the local runtime's pollers: which consumer does which job kinds (each kind exactly one),
 * which records reach it, in what batches, how often a failing record is retried before it is
 * dead-lettered.
 *
 * Two consumers, split by what they touch: `jobs` changes the table (a sign-up claims an address,
 * writes a profile, records its mail) and needs neither SES nor the signing key; `mail` renders,
 * signs and sends e-mails once each. Each function stays small and holds only its own grants.
 * DynamoDB Streams serves at most two readers per shard well: a third kind of work joins one of
 * these two, or the stream fans out (EventBridge Pipes) first.
 *
 * An outbox item is replaced (MODIFY) when a submission is repeated after its memory expired but
 * before DynamoDB deleted the item; each write carries a new job id, so both count as new jobs.
 */
import type { OutboxJobKind } from '../domain/outbox';
import { ENTITY } from './items';

export const OUTBOX_CONSUMERS = {
  jobs: { kinds: ['sign_up', 'resend', 'start_matching', 'deliver_decision', 'capacity_appeared'], entry: 'functions/stream/consume-outbox.ts', functionName: 'ConsumeOutbox' },
  mail: { kinds: ['mail'], entry: 'functions/stream/send-mail.ts', functionName: 'SendMail' },
} as const satisfies Record<string, { kinds: readonly OutboxJobKind[]; entry: string; functionName: string }>;

export type OutboxConsumerName = keyof typeof OUTBOX_CONSUMERS;

/** The event filter of a consumer: new or replaced outbox items of its kinds. */
export function outboxStreamFilter(kinds: readonly OutboxJobKind[]) {
  return {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: { NewImage: { entity: { S: [ENTITY.outbox] }, kind: { S: [...kinds] } } },
  } as const;
}

type Pattern = { readonly [key: string]: Pattern | readonly (string | number | boolean)[] };

/**
 * Lambda event filtering for the exact-match subset used here: every key of the pattern must be
 * present; an array lists the accepted values; an object is matched recursively.
 */
export function matchesFilter(pattern: Pattern, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = record[key];
    if (Array.isArray(expected)) return expected.includes(actual as string);
    return matchesFilter(expected as Pattern, actual);
  });
}

/** Delivery policy of every consumer (AWS event source mappings and local pollers alike). */
export const OUTBOX_CONSUMER_POLICY = {
  /** Records per invocation. */
  batchSize: 10,
  /** Retries of a failing record (after its first attempt) before it goes to the dead-letter queue. */
  maxRetryAttempts: 5,
  /** A record older than this is dead-lettered without further retries (the stream keeps 24 h). */
  maxRecordAgeSeconds: 6 * 3600,
  /** Lambda's own timeout for one batch. */
  timeoutSeconds: 60,
} as const;
