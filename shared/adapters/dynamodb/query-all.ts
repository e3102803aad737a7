/**
 * Every page of a Query (optionally stopping once `until` is satisfied), for reads that need a
 * whole partition of an index: partners by status, a partner's mentees, active mentors.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../db/items';

export type QueryAllInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

export async function queryAll(db: DynamoDBDocumentClient, tableName: string, input: QueryAllInput, until?: (items: Item[]) => boolean): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start && !until?.(items));
  return items;
}

/** The KeyConditionExpression input of one index partition (`keys.partnersByStatus(…)` and the like). */
export const indexPartition = (index: { index: string; partitionKey: string; value: string }): QueryAllInput => ({
  IndexName: index.index,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': index.partitionKey },
  ExpressionAttributeValues: { ':pk': index.value },
});
