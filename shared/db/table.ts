/**
 * The single table's physical shape: key attribute names, global secondary indexes and the TTL
 * attribute. CDK builds the table from this module (infra/constructs/single-table.ts) and the
 * local runtime and integration tests create DynamoDB Local's table from it, so they cannot drift.
 * Entity key shapes live in `keys.ts`; the layout is documented in docs/data-model.md.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The attributes the time index (GSI3) projects: what shared/domain/report.ts's rows read, beside
 * the keys. No name, address or e-mail; check-in `answers` come along (their satisfaction and dates
 * are counted; their free texts are never read by a report). DynamoDB projects at most 20 non-key
 * attributes into an index: the item's kind, id and dated field (sign-up, start, creation, due
 * date) are read from its GSI3 sort key `<iso>#<TAG>#<id>` (keys.timeIndexEntryOf), not projected.
 */
export const REPORT_ATTRIBUTES = [
  'status', 'partnerId', 'verifiedAt', 'communeCode', 'departement',
  'track', 'tracks', 'capacity', 'activeMentees',
  'menteeId', 'mentorId', 'endedAt', 'endReason', 'outcome',
  'decision', 'decidedAt',
  'kind', 'sentAt', 'answers', 'records',
] as const;

/** DynamoDB's limit on an index's projected non-key attributes (`Projection.NonKeyAttributes`). */
export const MAX_PROJECTED_ATTRIBUTES = 20;

export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes the item some time after (unverified sign-ups, spent links). */
  ttlAttribute: 'expiresAt',
  /**
   * The table's change stream, read by the after-commit consumer (outbox): new images only, since
   * every effect is recorded as an item of its own (see docs/outbox.md).
   */
  stream: { viewType: 'NEW_IMAGE' },
  /**
   * Projections follow the reads: GSI1 serves full profiles (the matching pool, the partner list),
   * GSI2 and GSI3 serve listings and counts, so they carry only what a line of those shows. An item
   * in an index is written again there at the size of its projection: narrow projections keep a
   * status change cheap.
   */
  indexes: {
    /** Listing by state: `MENTOR#STATUS#<status>`, `MENTEE#STATUS#<status>`, `PARTNER#STATUS#active`. */
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: { type: 'ALL' } },
    /**
     * Listing by owner: a partner's mentees (`PARTNER#<id>#MENTEES`) and tandems
     * (`PARTNER#<id>#TANDEMS`: the people's ids and the start), the pending proposals
     * (`PROPOSAL#PENDING`: the ids, the dates).
     */
    GSI2: {
      partitionKey: 'GSI2PK',
      sortKey: 'GSI2SK',
      projection: {
        type: 'INCLUDE',
        attributes: ['id', 'status', 'firstName', 'lastName', 'track', 'createdAt', 'verifiedAt', 'menteeId', 'mentorId', 'startedAt', 'expiresAt', 'remindedAt'],
      },
    },
    /**
     * Listing by time for reports (docs/reports.md): `CREATED#<yyyy-mm>` (UTC month) sorted by ISO
     * timestamp — people by sign-up, tandems by start, proposals by creation, check-in rounds and
     * outcome surveys by due date. It projects what the KPIs count (REPORT_ATTRIBUTES), so a report
     * reads the index only: no item fetch, no Scan.
     */
    GSI3: { partitionKey: 'GSI3PK', sortKey: 'GSI3SK', projection: { type: 'INCLUDE', attributes: REPORT_ATTRIBUTES } },
    // REPORT_ATTRIBUTES.length ≤ MAX_PROJECTED_ATTRIBUTES is asserted by test/unit/table.test.ts.
    /**
     * A mentor's history: every proposal made to the mentor and every tandem, in
     * `MENTOR#<id>#HISTORY` (keys only: the export and the erasure read the items by key). Without
     * it, a mentor's proposals, which live in the mentees' partitions, could only be found by a Scan.
     */
    GSI4: { partitionKey: 'GSI4PK', sortKey: 'GSI4SK', projection: { type: 'KEYS_ONLY' } },
  },
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  stream: { viewType: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES' };
  indexes: Record<string, { partitionKey: string; sortKey: string; projection: { type: 'ALL' | 'KEYS_ONLY' } | { type: 'INCLUDE'; attributes: readonly string[] } }>;
};

/** The projection of an index, in DynamoDB's CreateTable shape. */
export function projectionOf(name: IndexName): { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] } {
  const projection: { type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; attributes?: readonly string[] } = TABLE.indexes[name].projection;
  return projection.type === 'INCLUDE' ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...(projection.attributes ?? [])] } : { ProjectionType: projection.type };
}

export type IndexName = keyof typeof TABLE.indexes;
export const INDEX_NAMES = Object.keys(TABLE.indexes) as IndexName[];

/** Every key attribute is a string. */
export const KEY_ATTRIBUTE_TYPE = 'S' as const;

/** The CreateTable request used by DynamoDB Local (local runtime and integration tests). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const index of Object.values(TABLE.indexes)) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: KEY_ATTRIBUTE_TYPE })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: INDEX_NAMES.map((name) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: TABLE.indexes[name].partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.indexes[name].sortKey, KeyType: 'RANGE' },
      ],
      Projection: projectionOf(name),
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream.viewType },
  };
}
