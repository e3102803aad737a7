/**
 * How the after-commit consumer reads the table's stream, in one place for the CDK event source
 * mapping and the local runtime's poller: which records reach it, in what batches, how often a
 * failing record is retried before it is dead-lettered.
 *
 * Which stream records reach the after-commit consumer: new or replaced outbox items. In AWS this
 * pattern is the event source mapping's filter (records that fail it are never billed as
 * invocations); the local runtime applies the same pattern with `matchesFilter`.
 * An outbox item is replaced (MODIFY) when a submission is repeated after its memory expired but
 * before DynamoDB deleted the item; each write carries a new job id, so both count as new jobs.
 */
import { ENTITY } from './items';

export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: { NewImage: { entity: { S: [ENTITY.outbox] } } },
} as const;

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

/** Delivery policy of the consumer (AWS event source mapping and local poller alike). */
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
