/**
 * ImportStore on DynamoDB (docs/import/README.md): earlier imports and address claims read by key
 * (BatchGetItem, 100 keys a call, unprocessed keys retried; strongly consistent: the plan's
 * conditions rest on them), and each batch of writes as one TransactWriteItems (≤ 100 items):
 * puts conditioned on the item's absence when asked, updates on the item's presence and the values
 * the plan read. A batch refused by a condition or by a concurrent transaction is `ok: false`
 * (nothing of it written); any other error is thrown (transient ones already translated by the
 * client's middleware). Consumed capacity is summed over every call for the use case's log.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { partnerFromItem, personFromItem, tandemFromItem, type Item } from '../../db/items';
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { ServiceUnavailableError } from '../../domain/errors';
import type { Partner, Person } from '../../domain/people';
import type { Tandem } from '../../domain/matching';
import { IMPORT_BATCH_LIMIT, type ImportStore, type ImportWrite } from '../../ports/import-store';
import { updateExpression } from './update-expression';

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;
/** Rounds of UnprocessedKeys retried before telling the caller to retry. */
const BATCH_ROUNDS = 5;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The transaction item of one planned write. */
export function transactItemOf(tableName: string, write: ImportWrite): TransactItem {
  if (write.kind === 'put') {
    return {
      Put: {
        TableName: tableName,
        Item: write.item,
        ...(write.ifAbsent ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE.partitionKey } } : {}),
      },
    };
  }
  const update = updateExpression({ set: write.set, remove: write.remove });
  const names: Record<string, string> = { ...update.names, '#pk': TABLE.partitionKey };
  const values: Record<string, unknown> = { ...update.values };
  const conditions = ['attribute_exists(#pk)'];
  Object.entries(write.expect).forEach(([name, value], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    conditions.push(`#c${i} = :c${i}`);
  });
  write.expectAbsent.forEach((name, i) => {
    names[`#n${i}`] = name;
    conditions.push(`attribute_not_exists(#n${i})`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: write.key,
      UpdateExpression: update.expression,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

export function dynamoImportStore(db: DynamoDBDocumentClient, tableName: string): ImportStore {
  let consumed = 0;

  async function batchGet(wanted: readonly Key[]): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < wanted.length; i += BATCH) {
      let pending: Record<string, unknown>[] = wanted.slice(i, i + BATCH);
      for (let round = 0; pending.length > 0; round++) {
        if (round === BATCH_ROUNDS) throw new ServiceUnavailableError('Items could not be read; retry');
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
        const out = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } }, ReturnConsumedCapacity: 'TOTAL' }));
        consumed += (out.ConsumedCapacity ?? []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        found.push(...(out.Responses?.[tableName] ?? []));
        pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  return {
    async getPartners(ids) {
      const items = await batchGet(ids.map((id) => keys.partner(id)));
      return new Map(items.map((item) => [String(item.id), partnerFromItem(item)!] as [string, Partner]));
    },
    async getPeople(role, ids) {
      const items = await batchGet(ids.map((id) => keys.person(role, id)));
      return new Map(items.map((item) => [String(item.id), personFromItem(item)!] as [string, Person]));
    },
    async getTandems(ids) {
      const items = await batchGet(ids.map((id) => keys.tandem(id)));
      return new Map(items.map((item) => [String(item.id), tandemFromItem(item)!] as [string, Tandem]));
    },
    async getEmailClaims(role, hashes) {
      const byKey = new Map(hashes.map((hash) => [String(keys.emailClaim(role, hash)[TABLE.partitionKey]), hash]));
      const items = await batchGet(hashes.map((hash) => keys.emailClaim(role, hash)));
      const claims = new Map<string, string>();
      for (const item of items) {
        const hash = byKey.get(String(item[TABLE.partitionKey]));
        if (hash !== undefined) claims.set(hash, String(item.personId));
      }
      return claims;
    },
    async write(writes) {
      if (writes.length === 0) return { ok: true };
      if (writes.length > IMPORT_BATCH_LIMIT) throw new Error(`An import batch holds ${writes.length} writes, over ${IMPORT_BATCH_LIMIT}`);
      try {
        const out = await db.send(new TransactWriteCommand({ TransactItems: writes.map((w) => transactItemOf(tableName, w)), ReturnConsumedCapacity: 'TOTAL' }));
        consumed += (out.ConsumedCapacity ?? []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        return { ok: true };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return { ok: false };
        throw error;
      }
    },
    consumedCapacity: () => consumed,
  };
}
