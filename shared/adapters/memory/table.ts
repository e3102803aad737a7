/**
 * The in-memory stand-in for the single table, shared by the memory adapters so that a check made
 * by one (the inbox's "partner is active") sees what another wrote (the partner store). It holds
 * the very items the item builders make, under the same keys, so the memory adapters reuse
 * shared/db rather than restate it. A method's checks and writes run with no `await` between them:
 * JavaScript runs them as one step, which is what makes a transaction here all-or-nothing and two
 * racing calls serial.
 */
import type { Item } from '../../db/items';
import type { Key } from '../../db/keys';
import { TABLE } from '../../db/table';

export interface MemoryTable {
  get(key: Key): Item | undefined;
  /** Creates or replaces the item under its key. */
  put(item: Item): void;
  /** Removes the item under its key (nothing when absent). */
  delete(key: Key): void;
  /** Every item, for the index queries (an in-memory table has no index to keep). */
  scan(): Item[];
}

/** What the document client stores: a copy, without undefined attributes. */
const stored = (item: Item): Item => JSON.parse(JSON.stringify(item)) as Item;
const id = (key: Record<string, unknown>) => `${String(key[TABLE.partitionKey])}\u0000${String(key[TABLE.sortKey])}`;

export function memoryTable(): MemoryTable {
  const items = new Map<string, Item>();
  return {
    get(key) {
      const item = items.get(id(key));
      return item && stored(item);
    },
    put(item) {
      items.set(id(item), stored(item));
    },
    delete(key) {
      items.delete(id(key));
    },
    scan() {
      return [...items.values()].map(stored);
    },
  };
}

/** Epoch seconds, as the adapters store expiries. */
export const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * False for an absent item and for one whose expiry has passed: DynamoDB deletes expired items only
 * eventually (DynamoDB Local never), so its adapters compare the expiry in their conditions.
 */
export function live(item: Item | undefined, nowS: number): item is Item {
  if (!item) return false;
  const expiresAt = item[TABLE.ttlAttribute];
  return !(typeof expiresAt === 'number' && expiresAt < nowS);
}
