/**
 * Names of intercommunalities (EPCI), départements and regions — what matching explanations name
 * ("Même métropole : Métropole d'Aix-Marseille-Provence"). Reads the `area-names.json` slice only
 * (about 16 KB in a bundle), decoded on first use, kept for the warm container. Commune names
 * are not here: they weigh 200 KB (see `places.ts`, `communes.ts`).
 */
import './ensure-generated'; // keep first: explains a missing generated file before the import below fails
import generated from './generated/area-names.json';
import { type AreaNames, type EncodedAreaNames, decodeAreaNames } from './codec';

let names: AreaNames | undefined;

function load(): AreaNames {
  names ??= decodeAreaNames('area-names.json', generated as unknown as EncodedAreaNames);
  return names;
}

/** Name of an intercommunality by SIREN (`200054807` → `Métropole d'Aix-Marseille-Provence`). */
export function epciName(siren: string): string | undefined {
  return load().epcis.get(siren);
}

/** Name of a département by code (`13` → `Bouches-du-Rhône`). */
export function departementName(code: string): string | undefined {
  return load().departements.get(code);
}

/** Name of a region by code (`93` → `Provence-Alpes-Côte d'Azur`). */
export function regionName(code: string): string | undefined {
  return load().regions.get(code);
}
