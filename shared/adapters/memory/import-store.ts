/**
 * In-memory ImportStore over the shared memory table: the same items and the same conditions as
 * the DynamoDB adapter (a put on absence, an update on presence and the expected values), every
 * condition of a batch checked before any write, with no `await` between: all or nothing.
 */
import { partnerFromItem, personFromItem, tandemFromItem, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import type { Partner, Person } from '../../domain/people';
import type { Tandem } from '../../domain/matching';
import { IMPORT_BATCH_LIMIT, type ImportStore, type ImportWrite } from '../../ports/import-store';
import { memoryTable, type MemoryTable } from './table';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function holds(table: MemoryTable, write: ImportWrite): boolean {
  if (write.kind === 'put') return !write.ifAbsent || table.get(write.item as Record<string, string>) === undefined;
  const item = table.get(write.key);
  if (!item) return false;
  return Object.entries(write.expect).every(([name, value]) => same(item[name], value)) && write.expectAbsent.every((name) => item[name] === undefined);
}

function apply(table: MemoryTable, write: ImportWrite) {
  if (write.kind === 'put') {
    table.put(write.item);
    return;
  }
  const item: Item = { ...table.get(write.key)! };
  for (const name of write.remove) if (!(name in write.set)) delete item[name];
  Object.assign(item, write.set);
  table.put(item);
}

export function memoryImportStore(table: MemoryTable = memoryTable()): ImportStore {
  const found = <T>(ids: readonly string[], read: (id: string) => T | undefined) => {
    const map = new Map<string, T>();
    for (const id of ids) {
      const value = read(id);
      if (value !== undefined) map.set(id, value);
    }
    return map;
  };
  return {
    async getPartners(ids) {
      return found<Partner>(ids, (id) => partnerFromItem(table.get(keys.partner(id))));
    },
    async getPeople(role, ids) {
      return found<Person>(ids, (id) => personFromItem(table.get(keys.person(role, id))));
    },
    async getTandems(ids) {
      return found<Tandem>(ids, (id) => tandemFromItem(table.get(keys.tandem(id))));
    },
    async getEmailClaims(role, hashes) {
      return found<string>(hashes, (hash) => {
        const claim = table.get(keys.emailClaim(role, hash));
        return claim ? String(claim.personId) : undefined;
      });
    },
    async write(writes) {
      if (writes.length > IMPORT_BATCH_LIMIT) throw new Error(`An import batch holds ${writes.length} writes, over ${IMPORT_BATCH_LIMIT}`);
      if (!writes.every((w) => holds(table, w))) return { ok: false };
      for (const w of writes) apply(table, w);
      return { ok: true };
    },
    consumedCapacity: () => 0,
  };
}
