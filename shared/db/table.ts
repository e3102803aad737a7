/**
 * The single table's physical shape: key attribute names, global secondary indexes and the TTL
 * attribute. CDK builds the table from this module (infra/constructs/single-table.ts) and the
 * local runtime and integration tests create DynamoDB Local's table from it, so they cannot drift.
 * Entity key shapes live in `keys.ts`; the layout is documented in docs/data-model.md.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes the item some time after (unverified sign-ups, spent links). */
  ttlAttribute: 'expiresAt',
  indexes: {
    /** Listing by state: `MENTOR#STATUS#<status>`, `MENTEE#STATUS#<status>`, `PARTNER#STATUS#active`. */
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Listing by owner: a partner's mentees (`PARTNER#<id>#MENTEES`), later a person's proposals and tandems. */
    GSI2: { partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Listing by time for reports: `CREATED#<yyyy-mm>` sorted by ISO timestamp. */
    GSI3: { partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  },
} as const;

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
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
