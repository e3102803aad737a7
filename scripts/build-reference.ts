/**
 * Prunes the official administrative data of `@etalab/decoupage-administratif` (8 MB of JSON)
 * to what Tandem needs — communes usable in a postal address, with their département, region,
 * intercommunality (EPCI) and population — and writes it compactly to
 * `shared/reference/generated/communes.json` (everything: matching, synthetic data), plus two
 * slices so that a function bundles only what it reads: `postal-codes.json` (codes and postal
 * codes: sign-up validation), `names.json` (names: with the former, the postal code lookup) and
 * `geo.json` (city, EPCI, département and region of each commune and postal code: matching) and
 * `area-names.json` (names of EPCI, départements and regions: matching explanations).
 *
 * Run by `npm run prepare` (hence by `npm ci`); a no-op when the output is newer than the source
 * data and this build code. `--force` rebuilds anyway. See docs/reference-data.md.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import {
  type Commune,
  type ReferenceData,
  type SliceColumn,
  REFERENCE_FORMAT,
  decodeAreaNames,
  decodeGeo,
  decodeReference,
  departementOf,
  encodeAreaNames,
  encodeGeo,
  encodeReference,
  encodeSlice,
  indexByPostalCode,
  unpackSlice,
} from '../shared/reference/codec';

/** Shapes of the source files, reduced to the fields read here. */
export interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'arrondissement-municipal' | 'commune-deleguee' | 'commune-associee' | string;
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
  /** Parent city of a municipal arrondissement. */
  commune?: string;
  /** Current commune a delegated or associated commune belongs to. */
  chefLieu?: string;
}
export interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}
export interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
export interface RawRegion {
  code: string;
  nom: string;
}
export interface RawReference {
  source: string;
  communes: RawCommune[];
  epci: RawEpci[];
  departements: RawDepartement[];
  regions: RawRegion[];
}

const PACKAGE = '@etalab/decoupage-administratif';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the pruned data is written (gitignored). */
export const OUTPUT = join(ROOT, 'shared/reference/generated/communes.json');
/** The slices written next to it, and their columns (see `EncodedSlice` in codec.ts). */
export const SLICES = {
  'postal-codes.json': ['codes', 'postalCodes', 'parents'],
  'names.json': ['names'],
} as const satisfies Record<string, SliceColumn[]>;
/** The geography file written next to them (see `EncodedGeo` in codec.ts). */
export const GEO_FILE = 'geo.json';
/** And the names of EPCI, départements and regions (see `EncodedAreaNames` in codec.ts). */
export const AREA_NAMES_FILE = 'area-names.json';
const sliceOutput = (file: string) => join(dirname(OUTPUT), file);
const BUILD_CODE = [fileURLToPath(import.meta.url), join(ROOT, 'shared/reference/codec.ts')];
const SOURCE_FILES = ['communes.json', 'epci.json', 'departements.json', 'regions.json'] as const;

/**
 * Keeps the communes usable in a postal address: current communes with postal codes, the
 * municipal arrondissements of Paris, Lyon and Marseille (with their parent city and its EPCI),
 * and a delegated or associated commune only when it serves a postal code no current commune
 * serves (if its code is also a current commune's, that postal code goes to its chef-lieu
 * instead). Throws when the source breaks an assumption the encoding relies on.
 */
export function pruneReference(raw: RawReference): ReferenceData {
  const epciOf = new Map<string, string>();
  for (const epci of raw.epci) for (const member of epci.membres) epciOf.set(member.code, epci.code);
  const departements = new Map(raw.departements.map((d) => [d.code, d]));
  const regions = new Set(raw.regions.map((r) => r.code));

  const toCommune = (c: RawCommune, postalCodes: string[], parent?: string): Commune => {
    const commune: Commune = {
      code: c.code,
      name: c.nom,
      postalCodes: [...new Set(postalCodes)].sort(),
      departement: c.departement,
      epci: epciOf.get(parent ?? c.code) ?? null,
      region: c.region,
      population: c.population ?? 0,
    };
    if (parent) commune.parent = parent;
    return commune;
  };
  const hasPostalCodes = (c: RawCommune) => (c.codesPostaux?.length ?? 0) > 0;

  const kept = new Map<string, Commune>();
  for (const c of raw.communes) {
    if (c.type === 'commune-actuelle' && hasPostalCodes(c)) kept.set(c.code, toCommune(c, c.codesPostaux!));
  }
  for (const c of raw.communes) {
    if (c.type !== 'arrondissement-municipal' || !hasPostalCodes(c)) continue;
    if (!c.commune || !kept.has(c.commune)) throw new Error(`Arrondissement ${c.code}: parent commune ${String(c.commune)} not found.`);
    kept.set(c.code, toCommune(c, c.codesPostaux!, c.commune));
  }
  const served = new Set([...kept.values()].flatMap((c) => c.postalCodes));
  for (const c of raw.communes) {
    if ((c.type !== 'commune-deleguee' && c.type !== 'commune-associee') || !hasPostalCodes(c)) continue;
    const orphans = c.codesPostaux!.filter((pc) => !served.has(pc));
    if (orphans.length === 0) continue;
    const chefLieu = c.chefLieu ? kept.get(c.chefLieu) : undefined;
    if (!kept.has(c.code)) kept.set(c.code, toCommune(c, c.codesPostaux!, chefLieu?.code));
    else if (chefLieu) chefLieu.postalCodes = [...new Set([...chefLieu.postalCodes, ...orphans])].sort();
    else throw new Error(`Commune ${c.code} (${c.type}) serves ${orphans.join(', ')} but has no chef-lieu to carry them.`);
  }

  const communes = [...kept.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const c of communes) {
    const dep = departements.get(c.departement);
    if (departementOf(c.code) !== c.departement) throw new Error(`Commune ${c.code}: département ${c.departement} is not its code prefix.`);
    if (!dep || dep.region !== c.region || !regions.has(c.region)) throw new Error(`Commune ${c.code}: département ${c.departement} / region ${c.region} inconsistent.`);
  }
  const usedEpcis = new Set(communes.map((c) => c.epci));
  return {
    source: raw.source,
    regions: raw.regions.map((r) => ({ code: r.code, name: r.nom })),
    departements: raw.departements.map((d) => ({ code: d.code, name: d.nom, region: d.region })),
    epcis: raw.epci.filter((e) => usedEpcis.has(e.code)).map((e) => ({ code: e.code, name: e.nom })),
    communes,
  };
}

/** Reads the installed package's data files. */
export function readRawReference(): RawReference {
  const dataDir = sourceDataDir();
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as T;
  const { version } = read<{ version: string }>('../package.json');
  return {
    source: `${PACKAGE}@${version}`,
    communes: read('communes.json'),
    epci: read('epci.json'),
    departements: read('departements.json'),
    regions: read('regions.json'),
  };
}

/** The installed package's `data/` folder. */
function sourceDataDir(): string {
  return dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/data/communes.json`));
}

/**
 * True when the output exists, is newer than the source data and the build code, and was built
 * from the installed package version in the current format (npm may install files with old
 * mtimes, so the version check catches an upgrade the mtimes would miss).
 */
function isUpToDate(): boolean {
  const outputs = [OUTPUT, ...Object.keys(SLICES).map(sliceOutput), sliceOutput(GEO_FILE), sliceOutput(AREA_NAMES_FILE)];
  let outputTime = Infinity;
  const headers: { format?: unknown; source?: unknown; columns?: unknown }[] = [];
  try {
    for (const output of outputs) {
      outputTime = Math.min(outputTime, statSync(output).mtimeMs);
      headers.push(JSON.parse(readFileSync(output, 'utf8')) as (typeof headers)[number]);
    }
  } catch {
    return false;
  }
  const dataDir = sourceDataDir();
  const { version } = JSON.parse(readFileSync(join(dataDir, '../package.json'), 'utf8')) as { version: string };
  if (headers.some((h) => h.format !== REFERENCE_FORMAT || h.source !== `${PACKAGE}@${version}`)) return false;
  const sliceColumns = Object.values(SLICES).map((columns) => [...columns]);
  if (!headers.slice(1, 1 + sliceColumns.length).every((h, i) => isDeepStrictEqual(h.columns, sliceColumns[i]))) return false;
  const inputs = [...SOURCE_FILES.map((f) => join(dataDir, f)), ...BUILD_CODE];
  return inputs.every((file) => statSync(file).mtimeMs < outputTime);
}

/**
 * Throws unless the decoded geography gives, for every commune, its own levels and, for every
 * postal code, the levels all its communes share — what `placeOf` computed from the full data.
 */
function checkGeo(geo: ReturnType<typeof decodeGeo>, data: ReferenceData): void {
  const fail = (what: string) => {
    throw new Error(`${GEO_FILE} does not round-trip (${what}); not writing it.`);
  };
  if (geo.byCode.size !== data.communes.length) fail('commune count');
  for (const c of data.communes) {
    const expected = { city: c.parent ?? c.code, epci: c.epci, departement: c.departement, region: c.region };
    if (!isDeepStrictEqual({ ...geo.byCode.get(c.code) }, expected)) fail(`commune ${c.code}`);
  }
  const { byPostalCode } = indexByPostalCode(data.communes);
  if (geo.byPostalCode.size !== byPostalCode.size) fail('postal code count');
  for (const [pc, list] of byPostalCode) {
    const shared = <T>(get: (c: Commune) => T) => (list.every((c) => get(c) === get(list[0]!)) ? get(list[0]!) : null);
    const expected = { city: shared((c) => c.parent ?? c.code), epci: shared((c) => c.epci), departement: shared((c) => c.departement), region: shared((c) => c.region) };
    if (!isDeepStrictEqual({ ...geo.byPostalCode.get(pc) }, expected)) fail(`postal code ${pc}`);
  }
}

/** Builds the file unless up to date; returns the line to print. */
export function buildReference({ force = false } = {}): string {
  const target = relative(process.cwd(), OUTPUT) || OUTPUT;
  if (!force && isUpToDate()) return `reference: ${target} is up to date`;
  const data = pruneReference(readRawReference());
  const encoded = encodeReference(data);
  if (!isDeepStrictEqual(decodeReference(encoded), data)) throw new Error('Reference encoding does not round-trip; not writing it.');
  const json = JSON.stringify(encoded);
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, json);
  const bytes = Buffer.byteLength(json);
  const gzipped = gzipSync(json, { level: 9 }).length;
  const format = (n: number) => n.toLocaleString('en-US');
  const slices = Object.entries(SLICES).map(([file, columns]) => {
    const sliced = encodeSlice(encoded, [...columns]);
    const expected = Object.fromEntries(columns.map((c) => [c, encoded.communes[c]]));
    if (!isDeepStrictEqual(unpackSlice(file, sliced, columns), expected)) throw new Error(`${file} does not round-trip; not writing it.`);
    const slice = JSON.stringify(sliced);
    writeFileSync(sliceOutput(file), slice);
    return `${file} ${format(Buffer.byteLength(slice))} bytes`;
  });
  const geo = encodeGeo(data);
  checkGeo(decodeGeo(GEO_FILE, geo), data);
  const geoJson = JSON.stringify(geo);
  writeFileSync(sliceOutput(GEO_FILE), geoJson);
  slices.push(`${GEO_FILE} ${format(Buffer.byteLength(geoJson))} bytes`);
  const areaNames = encodeAreaNames(data);
  const decodedNames = decodeAreaNames(AREA_NAMES_FILE, areaNames);
  const expectedNames = [data.epcis, data.departements, data.regions].map((items) => new Map(items.map((i) => [i.code, i.name])));
  if (!isDeepStrictEqual([decodedNames.epcis, decodedNames.departements, decodedNames.regions], expectedNames)) {
    throw new Error(`${AREA_NAMES_FILE} does not round-trip; not writing it.`);
  }
  const areaNamesJson = JSON.stringify(areaNames);
  writeFileSync(sliceOutput(AREA_NAMES_FILE), areaNamesJson);
  slices.push(`${AREA_NAMES_FILE} ${format(Buffer.byteLength(areaNamesJson))} bytes`);
  return (
    `reference: wrote ${target} from ${data.source}: ${format(data.communes.length)} communes, ` +
    `${format(data.epcis.length)} EPCI, ${format(bytes)} bytes (${format(gzipped)} gzipped); ${slices.join(', ')}`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(buildReference({ force: process.argv.includes('--force') }));
}
