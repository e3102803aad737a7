/**
 * What a function may do on the single table: the DynamoDB actions its use case performs, declared
 * beside its other declarations (route table, outbox consumers) and granted by the `table`
 * capability's binder (infra/constructs/capabilities.ts), nothing more. Scan is not an action here,
 * so no function can be granted it (no request path may scan).
 *
 * Transactions have no action of their own: each item of a `TransactWriteItems` needs the action
 * of its kind (Put → PutItem, Update → UpdateItem, ConditionCheck → ConditionCheckItem). Powertools
 * idempotency (the effect ledger) uses PutItem, GetItem, UpdateItem and DeleteItem.
 */
import { keys } from './keys';
import type { IndexName } from './table';

/** Item-level actions on the table's own items (no Scan, no table administration). */
export type TableItemAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'ConditionCheckItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

/** Actions that change items: with a customer-managed table key, they need Encrypt as well as Decrypt. */
export const TABLE_WRITE_ACTIONS: readonly TableItemAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

export type TableGrant =
  /**
   * Actions on the table's items. `leadingKeys`: the partition key values they may touch
   * (`dynamodb:LeadingKeys`, IAM `StringLike`: `*` matches any characters), given only where the
   * semantics are sure: plain item operations, not transactions (see docs/infrastructure.md).
   */
  | { readonly actions: readonly TableItemAction[]; readonly leadingKeys?: readonly string[] }
  /** Query on one index: the index's ARN, and only when the function queries it. */
  | { readonly index: IndexName; readonly actions: readonly ['Query'] };

/** Every grant a function holds on the table, one statement each. */
export type TableAccess = readonly TableGrant[];

const PK = keys.idempotency.partitionKey;

/** Partition key patterns, spelled by keys.ts (a `*` id stands for any id). */
export const LEADING_KEYS = {
  /** Profiles of mentors and mentees (`MENTOR#…`, `MENTEE#…`). */
  people: [keys.person('mentor', '*')[PK]!, keys.person('mentee', '*')[PK]!],
  /** Address claims of mentors and mentees (`EMAIL#MENTOR#…`, `EMAIL#MENTEE#…`). */
  emailClaims: [keys.emailClaim('mentor', '*')[PK]!, keys.emailClaim('mentee', '*')[PK]!],
  /** Sign-up jobs of the outbox (`OUTBOX#SIGN_UP#…`). */
  signUpJobs: [keys.outbox('sign_up', '*')[PK]!],
  /** Resend requests of the outbox (`OUTBOX#RESEND#…`). */
  resendJobs: [keys.outbox('resend', '*')[PK]!],
  /** The effect ledger's one partition (Powertools idempotency records). */
  idempotency: [keys.idempotency.partitionValue],
  /** Daily mail counters per recipient address (`MAILS#…`). */
  mailCounts: [keys.mailCount('*', '*')[PK]!],
  /** Mentee partitions (`MENTEE#…`): the profile and its proposals (one Query reads both). */
  mentees: [keys.person('mentee', '*')[PK]!],
  /** Mentor profiles (`MENTOR#…`). */
  mentors: [keys.person('mentor', '*')[PK]!],
  /** Partner profiles (`PARTNER#…`). */
  partners: [keys.partner('*')[PK]!],
  /** The availability index's partitions (`AVAILABLE#<track>#DEPT#…`, `AVAILABLE#<track>#REMOTE#…`). */
  availability: [keys.availabilityPartition('*', '*')],
  /** Tandems (`TANDEM#…`). */
  tandems: [keys.tandem('*')[PK]!],
} as const;
