/**
 * Communes by postal code, with their names: what the postal code lookup of the sign-up form
 * (GET /api/reference/communes) needs. Reads the `postal-codes.json` and `names.json` slices only,
 * not the whole `communes.ts` data; decoded on first use, kept for the warm container.
 */
import './ensure-generated'; // keep first: explains a missing generated file before the import below fails
import generated from './generated/names.json';
import { type EncodedSlice, decodeNameColumn, unpackSlice } from './codec';
import { postalIndex } from './postal-codes';

/** A commune or municipal arrondissement, as offered for a postal code. */
export interface Place {
  /** INSEE code. */
  code: string;
  name: string;
}

let names: readonly string[] | undefined;

function loadNames(): readonly string[] {
  if (names) return names;
  const slice = generated as unknown as EncodedSlice;
  names = decodeNameColumn(unpackSlice('names.json', slice, ['names']).names, slice.count);
  return names;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName = (a: Place, b: Place) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : 1);

/**
 * Communes served by a five-digit postal code, sorted by name (French collation); [] when unknown.
 * Arrondissements stand for their city (`13001` gives Marseille 1er Arrondissement only), as in
 * `findCommunesByPostalCode` of `communes.ts`.
 */
export function findPlacesByPostalCode(postalCode: string): Place[] {
  const { entries, byPostalCode } = postalIndex();
  const positions = byPostalCode.get(postalCode);
  if (!positions) return [];
  const all = loadNames();
  return positions.map((i) => ({ code: entries[i]!.code, name: all[i]! })).sort(byName);
}
