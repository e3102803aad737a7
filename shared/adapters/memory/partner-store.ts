/**
 * In-memory PartnerStore: the items the DynamoDB adapter writes, listed as its GSI1 query lists
 * them — active partners only, ordered by the index's sort key (the folded name, then the id),
 * compared byte by byte as DynamoDB compares strings.
 */
import { partnerItem } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { PartnerStore } from '../../ports/partner-store';
import { memoryTable, type MemoryTable } from './table';

const { GSI1 } = TABLE.indexes;
const utf8Order = (a: unknown, b: unknown) => Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));

export function memoryPartnerStore(table: MemoryTable = memoryTable()): PartnerStore {
  return {
    async listActive() {
      const index = keys.partnersByStatus('active');
      return table
        .scan()
        .filter((item) => item[index.partitionKey] === index.value)
        .sort((a, b) => utf8Order(a[GSI1.sortKey], b[GSI1.sortKey]))
        .map((item) => ({ id: String(item.id), name: String(item.name) }));
    },
    async put(partner) {
      table.put(partnerItem(partner));
    },
  };
}
