/**
 * Official communes, départements, regions and intercommunalities (EPCI), from the pruned data
 * that `npm run prepare` builds (see docs/reference-data.md).
 *
 * This module carries all of it (about 930 KB in a bundle): the matching engine and the synthetic
 * data use it. A function that only validates postal codes imports `postal-codes.ts`, and the
 * postal code lookup `places.ts`; they read small slices of the same data.
 *
 * The JSON is imported statically so esbuild inlines it into the Lambdas that use it; it is
 * decoded and indexed on first use only, then kept in module scope for the warm container.
 * Returned objects are shared and frozen: copy before changing.
 */
import './ensure-generated'; // keep first: explains a missing generated file before the import below fails
import generated from './generated/communes.json';
import { type Commune, type Departement, type EncodedReference, type Epci, type Region, decodeReference, indexByPostalCode } from './codec';

export type { Commune, Departement, Epci, Region } from './codec';

interface Tables {
  source: string;
  communes: readonly Commune[];
  byCode: ReadonlyMap<string, Commune>;
  departements: ReadonlyMap<string, Departement>;
  regions: ReadonlyMap<string, Region>;
  epcis: ReadonlyMap<string, Epci>;
}

let tables: Tables | undefined;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName = (a: Commune, b: Commune) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : 1);

function load(): Tables {
  if (tables) return tables;
  const data = decodeReference(generated as unknown as EncodedReference);
  for (const c of data.communes) {
    Object.freeze(c.postalCodes);
    Object.freeze(c);
  }
  const freezeAll = <T extends object>(items: T[]) => items.map((item) => Object.freeze(item));
  tables = {
    source: data.source,
    communes: Object.freeze(data.communes),
    byCode: new Map(data.communes.map((c) => [c.code, c])),
    departements: new Map(freezeAll(data.departements).map((d) => [d.code, d])),
    regions: new Map(freezeAll(data.regions).map((r) => [r.code, r])),
    epcis: new Map(freezeAll(data.epcis).map((e) => [e.code, e])),
  };
  return tables;
}

interface Indexes {
  /** Postal code → communes, unsorted (lists are short; sorted per query). */
  byPostalCode: ReadonlyMap<string, readonly Commune[]>;
  /** EPCI → communes usable in an address, by code. */
  byEpci: ReadonlyMap<string, readonly Commune[]>;
}
let indexes: Indexes | undefined;

/**
 * Where a city is split into municipal arrondissements (Paris, Lyon, Marseille), the
 * arrondissements stand for the city in addresses: `13001` gives Marseille 1er Arrondissement,
 * not Marseille as a whole, and the city itself is not listed among its EPCI's communes.
 */
function index(): Indexes {
  if (indexes) return indexes;
  const { communes } = load();
  const { byPostalCode, addressable } = indexByPostalCode(communes);
  const byEpci = new Map<string, Commune[]>();
  for (const c of communes) {
    if (!addressable.has(c) || c.epci === null) continue;
    const list = byEpci.get(c.epci);
    if (list) list.push(c);
    else byEpci.set(c.epci, [c]);
  }
  indexes = { byPostalCode, byEpci };
  return indexes;
}

/** Communes served by a five-digit postal code, sorted by name (French collation); [] when unknown. */
export function findCommunesByPostalCode(postalCode: string): Commune[] {
  return [...(index().byPostalCode.get(postalCode) ?? [])].sort(byName);
}

/** A commune or municipal arrondissement by INSEE code (`13001`, `2A004`, `13201`, `13055`). */
export function getCommune(code: string): Commune | undefined {
  return load().byCode.get(code);
}

/** True when at least one commune serves this postal code. */
export function isKnownPostalCode(postalCode: string): boolean {
  return index().byPostalCode.has(postalCode);
}

/**
 * True when the commune serves the postal code. A city split into arrondissements serves all of
 * their postal codes (`13055` matches `13001`), each arrondissement only its own.
 */
export function communeMatchesPostalCode(communeCode: string, postalCode: string): boolean {
  return getCommune(communeCode)?.postalCodes.includes(postalCode) ?? false;
}

/** A département by code (`13`, `2A`, `971`), with its region code. */
export function getDepartement(code: string): Departement | undefined {
  return load().departements.get(code);
}

/** A region by code (`93`; overseas collectivities such as `988` are their own region). */
export function getRegion(code: string): Region | undefined {
  return load().regions.get(code);
}

/** An intercommunality (EPCI à fiscalité propre) by SIREN. */
export function getEpci(code: string): Epci | undefined {
  return load().epcis.get(code);
}

/**
 * The communes of an EPCI usable in an address, sorted by code: a city split into arrondissements
 * is listed as its arrondissements (Marseille as 13201–13216), as in postal code lookups.
 */
export function communesOfEpci(epciCode: string): Commune[] {
  return [...(index().byEpci.get(epciCode) ?? [])];
}

/** Package and version the data was built from, e.g. `@etalab/decoupage-administratif@6.0.0`. */
export function referenceSource(): string {
  return load().source;
}
