/**
 * In-memory ReportReads: the DynamoDB adapter's course (`reportReadsOver`) over the builders'
 * items, queried as the indexes would be: an item is in an index when it has the index's key
 * attributes, partitions are read in sort-key order (bytes, as DynamoDB compares), sort-key
 * conditions are the same, and an item comes back with only what the index projects (GSI3:
 * REPORT_ATTRIBUTES), then only the attributes asked for. Consumed capacity is 0.
 */
import type { Item } from '../../db/items';
import { TABLE } from '../../db/table';
import type { ReportReads } from '../../ports/report-reads';
import { reportReadsOver, type IndexQuery, type RunIndexQuery } from '../dynamodb/report-reads';
import type { MemoryTable } from './table';

const utf8Order = (a: unknown, b: unknown) => Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));

const pick = (item: Item, names: Iterable<string>): Item => Object.fromEntries([...names].filter((name) => name in item).map((name) => [name, item[name]]));

function matches(sortKey: string, range: IndexQuery['sortKey']): boolean {
  if (!range) return true;
  if ('between' in range) return utf8Order(sortKey, range.between[0]) >= 0 && utf8Order(sortKey, range.between[1]) <= 0;
  if ('lessThan' in range) return utf8Order(sortKey, range.lessThan) < 0;
  return sortKey.startsWith(range.beginsWith);
}

/** An index query over the in-memory table, with the index's projection. */
export function memoryIndexQuery(table: MemoryTable): RunIndexQuery {
  return async (query) => {
    const index = TABLE.indexes[query.index];
    const projection = index.projection;
    const items = table
      .scan()
      .filter((item) => item[index.partitionKey] === query.partition && typeof item[index.sortKey] === 'string' && matches(item[index.sortKey] as string, query.sortKey))
      .sort((a, b) => utf8Order(a[index.sortKey], b[index.sortKey]) || utf8Order(a[TABLE.partitionKey], b[TABLE.partitionKey]) || utf8Order(a[TABLE.sortKey], b[TABLE.sortKey]))
      .map((item) => {
        const keyNames = [TABLE.partitionKey, TABLE.sortKey, index.partitionKey, index.sortKey];
        const projected = projection.type === 'ALL' ? item : pick(item, [...keyNames, ...(projection.type === 'INCLUDE' ? projection.attributes : [])]);
        return query.attributes ? pick(projected, query.attributes) : projected;
      });
    return { items, consumedCapacity: 0 };
  };
}

export function memoryReportReads(table: MemoryTable): ReportReads {
  return reportReadsOver(memoryIndexQuery(table));
}
