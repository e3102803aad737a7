/**
 * Where a commune or a postal code lies: city, intercommunality (EPCI), département, region — what
 * matching's `placeOf` needs, without names or anything else. Reads the `geo.json` slice only (a
 * few dozen KB in a bundle, against about 930 KB for `communes.ts`), decoded on first use, kept
 * for the warm container. Same answers as `communes.ts` (checked by a unit test).
 */
import './ensure-generated'; // keep first: explains a missing generated file before the import below fails
import generated from './generated/geo.json';
import { type EncodedGeo, type Geography, type GeoTables, decodeGeo } from './codec';

export type { Geography } from './codec';

let tables: GeoTables | undefined;

function load(): GeoTables {
  tables ??= decodeGeo('geo.json', generated as unknown as EncodedGeo);
  return tables;
}

/**
 * A commune's or municipal arrondissement's geography by INSEE code (`13201` → city `13055`),
 * every level set (`epci` null for the few communes outside any); undefined when unknown.
 */
export function geographyOfCommune(code: string): Readonly<Geography> | undefined {
  return load().byCode.get(code);
}

/**
 * The levels that all the communes served by a postal code share, null where they differ
 * (arrondissements stand for their city: `13001` → Marseille); undefined when unknown.
 */
export function geographyOfPostalCode(postalCode: string): Readonly<Geography> | undefined {
  return load().byPostalCode.get(postalCode);
}

/** Package and version the data was built from, e.g. `@etalab/decoupage-administratif@6.0.0`. */
export function geographySource(): string {
  return load().source;
}
