/**
 * What the programme import reads and writes (docs/import/README.md): earlier imports looked up by
 * id, address claims by hash, and batches of items written all or nothing.
 */
import type { Tandem } from '../domain/matching';
import type { Partner, Person, Role } from '../domain/people';

/** An item as the item builders make it (shared/db/items.ts). */
export type ImportItem = Record<string, unknown>;
/** An item's primary key. */
export type ImportKey = Record<string, string>;

/**
 * One write of a batch. `put` with `ifAbsent` never replaces an item (`attribute_not_exists`);
 * `update` sets and removes attributes of an existing item on condition that the attributes of
 * `expect` still hold these values and those of `expectAbsent` are absent.
 */
export type ImportWrite =
  | { kind: 'put'; item: ImportItem; ifAbsent: boolean }
  | { kind: 'update'; key: ImportKey; set: ImportItem; remove: readonly string[]; expect: Readonly<Record<string, unknown>>; expectAbsent: readonly string[] };

/** The most writes of one batch: a DynamoDB transaction holds at most 100 items. */
export const IMPORT_BATCH_LIMIT = 100;

export interface ImportStore {
  /** Partners stored under these ids (absent ids are not in the map). */
  getPartners(ids: readonly string[]): Promise<Map<string, Partner>>;
  getPeople(role: Role, ids: readonly string[]): Promise<Map<string, Person>>;
  getTandems(ids: readonly string[]): Promise<Map<string, Tandem>>;
  /** The person id claiming each address hash of a role (registration's claims, shared/db/items.ts emailClaimItem). */
  getEmailClaims(role: Role, emailHashes: readonly string[]): Promise<Map<string, string>>;
  /** At most IMPORT_BATCH_LIMIT writes, all or none; `ok: false` when a condition failed (nothing written). */
  write(writes: readonly ImportWrite[]): Promise<{ ok: boolean }>;
  /** Capacity units consumed so far by this store's reads and writes (logged by the use case). */
  consumedCapacity(): number;
}
