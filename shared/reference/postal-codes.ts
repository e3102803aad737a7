/**
 * Postal codes and the communes that serve them, without names or anything else: what sign-up
 * validation needs. Reads the `postal-codes.json` slice only (about 50 KB in a bundle, against
 * about 930 KB for `communes.ts`), decoded and indexed on first use, kept for the warm container.
 * Same answers as the functions of the same name in `communes.ts` (checked by a unit test).
 */
import './ensure-generated'; // keep first: explains a missing generated file before the import below fails
import generated from './generated/postal-codes.json';
import { type EncodedSlice, decodeCodeColumn, decodePostalCodeColumn, indexByPostalCode, unpackSlice } from './codec';

/** A commune or arrondissement as the postal code index knows it. */
export interface PostalEntry {
  /** INSEE code. */
  code: string;
  /** Its postal codes; a city split into arrondissements has all of theirs. */
  postalCodes: readonly string[];
  /** For a municipal arrondissement, the city's code. */
  parent?: string;
}

export interface PostalIndex {
  source: string;
  /** Every commune and arrondissement, in code order (the order of the other slices' columns). */
  entries: readonly PostalEntry[];
  /** INSEE code → position in `entries`. */
  byCode: ReadonlyMap<string, number>;
  /**
   * Postal code → positions in `entries` of the communes used in addresses: where a city is split
   * into arrondissements, its arrondissements stand for it (`13001` → Marseille 1er only).
   */
  byPostalCode: ReadonlyMap<string, readonly number[]>;
}

let index: PostalIndex | undefined;

/** The decoded index (shared by `places.ts`). */
export function postalIndex(): PostalIndex {
  if (index) return index;
  const slice = generated as unknown as EncodedSlice;
  const columns = unpackSlice('postal-codes.json', slice, ['codes', 'postalCodes', 'parents']);
  const codes = decodeCodeColumn(columns.codes, slice.count);
  const postalCodes = decodePostalCodeColumn(columns.postalCodes, codes);
  const entries = codes.map((code, i): PostalEntry => {
    const parent = columns.parents[code];
    return Object.freeze(parent ? { code, postalCodes: Object.freeze(postalCodes[i]!), parent } : { code, postalCodes: Object.freeze(postalCodes[i]!) });
  });
  const byEntry = indexByPostalCode(entries).byPostalCode;
  const position = new Map(entries.map((e, i) => [e, i]));
  const byPostalCode = new Map([...byEntry].map(([pc, list]) => [pc, list.map((e) => position.get(e)!)]));
  index = { source: slice.source, entries, byCode: new Map(codes.map((code, i) => [code, i])), byPostalCode };
  return index;
}

/** True when at least one commune serves this postal code. */
export function isKnownPostalCode(postalCode: string): boolean {
  return postalIndex().byPostalCode.has(postalCode);
}

/**
 * True when the commune serves the postal code. A city split into arrondissements serves all of
 * their postal codes (`13055` matches `13001`), each arrondissement only its own.
 */
export function communeMatchesPostalCode(communeCode: string, postalCode: string): boolean {
  const { byCode, entries } = postalIndex();
  const i = byCode.get(communeCode);
  return i !== undefined && entries[i]!.postalCodes.includes(postalCode);
}

/**
 * INSEE codes of the communes used in addresses for this postal code (the list the commune
 * lookup offers: arrondissements stand for their city), in code order; empty when unknown.
 * Sign-up requires a choice when there are several, and records the only one otherwise.
 */
export function communesOfPostalCode(postalCode: string): string[] {
  const { byPostalCode, entries } = postalIndex();
  return (byPostalCode.get(postalCode) ?? []).map((i) => entries[i]!.code);
}
