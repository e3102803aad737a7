/**
 * The compact on-disk shape of the communes reference data, and its encoder and decoder.
 *
 * The build step (`scripts/build-reference.ts`) encodes; `communes.ts` decodes once, on first
 * use. Both sides live here so the format cannot drift; bump {@link REFERENCE_FORMAT} whenever
 * the shape changes (the build step then rewrites the file and old files are refused).
 *
 * Communes are columns sorted by INSEE code:
 * - `codes`: delta-encoded. Within one département a code is one base-36 digit (1..z), the
 *   step from the previous code; anything else is `.` followed by the full five-character code.
 * - `names`: names joined by `|`.
 * - `postalCodes`: per commune, its postal codes concatenated, communes joined by `|`; a postal
 *   code that starts with the département's postal prefix ({@link postalPrefixOf}) is written
 *   without it (three digits for `13100` in `13`), any other as `.` and its five digits.
 * - `epcis`: two base-36 digits per commune, 1 + the index in `epciTable`, `00` for none.
 * - `populations`: plain numbers.
 * - `parents`: sparse map child code → parent commune code (municipal arrondissements).
 * The département is not stored: it is the code's prefix (see {@link departementOf}), and the
 * region is the département's; the build step checks both against the source for every commune.
 */

import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';

/** Version of the encoded shape; the generated file must carry the same. */
export const REFERENCE_FORMAT = 2;

/** One commune (or municipal arrondissement) usable in a postal address. */
export interface Commune {
  /** INSEE code (COG), e.g. `13001`, `2A004`, `13201`. */
  code: string;
  name: string;
  /** Five-digit postal codes served by this commune (La Poste data). */
  postalCodes: string[];
  /** Département code, e.g. `13`, `2A`, `971`. */
  departement: string;
  /** SIREN of its intercommunality (EPCI à fiscalité propre), or null (a few islands, overseas collectivities). */
  epci: string | null;
  /** Region code (COG), e.g. `93`. */
  region: string;
  /** Legal municipal population (0 when the source has none). */
  population: number;
  /** For a municipal arrondissement (Paris, Lyon, Marseille), the city's own commune code. */
  parent?: string;
}

export interface Departement {
  code: string;
  name: string;
  region: string;
}
export interface Region {
  code: string;
  name: string;
}
export interface Epci {
  /** SIREN of the intercommunality. */
  code: string;
  name: string;
}

/** The decoded reference data, communes sorted by code. */
export interface ReferenceData {
  source: string;
  regions: Region[];
  departements: Departement[];
  epcis: Epci[];
  communes: Commune[];
}

/** The JSON written by the build step. */
export interface EncodedReference {
  format: number;
  /** Package and version the data came from, e.g. `@etalab/decoupage-administratif@6.0.0`. */
  source: string;
  regions: [code: string, name: string][];
  departements: [code: string, name: string, region: string][];
  epciTable: [siren: string, name: string][];
  communes: {
    count: number;
    codes: string;
    names: string;
    postalCodes: string;
    epcis: string;
    populations: number[];
    parents: Record<string, string>;
  };
}

/** Département of a commune code: three characters overseas (`97x`, `98x`), two elsewhere (incl. `2A`/`2B`). */
export function departementOf(code: string): string {
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/** Leading digits the postal codes of a département usually share: `20` in Corsica, else its code. */
export function postalPrefixOf(departement: string): string {
  return departement === '2A' || departement === '2B' ? '20' : departement;
}

const FULL_CODE = '.';
const FULL_CODE_CHAR = FULL_CODE.charCodeAt(0);
const NAME_SEP = '|';
const EPCI_WIDTH = 2;
const EPCI_MAX = 36 ** EPCI_WIDTH - 1;

function encodeCodes(codes: readonly string[]): string {
  let out = '';
  let previous = '';
  for (const code of codes) {
    const dep = departementOf(code);
    const step = previous && departementOf(previous) === dep ? Number(code.slice(dep.length)) - Number(previous.slice(dep.length)) : 0;
    out += step >= 1 && step <= 35 && /^\d+$/.test(code.slice(dep.length)) ? step.toString(36) : FULL_CODE + code;
    previous = code;
  }
  return out;
}

function decodeCodes(encoded: string, count: number): string[] {
  const codes: string[] = new Array<string>(count);
  let n = 0;
  let dep = '';
  let num = 0;
  let width = 0;
  for (let i = 0; i < encoded.length; ) {
    let code: string;
    if (encoded.charCodeAt(i) === FULL_CODE_CHAR) {
      code = encoded.slice(i + 1, i + 6);
      dep = departementOf(code);
      num = Number(code.slice(dep.length));
      width = 5 - dep.length;
      i += 6;
    } else {
      num += parseInt(encoded.charAt(i), 36);
      const digits = String(num);
      code = dep + (digits.length < width ? '0'.repeat(width - digits.length) + digits : digits);
      i += 1;
    }
    if (n < count) codes[n] = code;
    n += 1;
  }
  if (n !== count) throw new Error(`Reference data is corrupt: ${n} codes for ${count} communes.`);
  return codes;
}

function encodePostalCodes(postalCodes: readonly string[], prefix: string): string {
  return postalCodes.map((pc) => (pc.startsWith(prefix) ? pc.slice(prefix.length) : FULL_CODE + pc)).join('');
}

function decodePostalCodes(encoded: string, prefix: string): string[] {
  const postalCodes: string[] = [];
  for (let i = 0; i < encoded.length; ) {
    if (encoded.charCodeAt(i) === FULL_CODE_CHAR) {
      postalCodes.push(encoded.slice(i + 1, i + 6));
      i += 6;
    } else {
      const length = 5 - prefix.length;
      postalCodes.push(prefix + encoded.slice(i, i + length));
      i += length;
    }
  }
  return postalCodes;
}

/** Encodes decoded reference data; throws when a value does not fit the format. */
export function encodeReference(data: ReferenceData): EncodedReference {
  const epciIndex = new Map(data.epcis.map((e, i) => [e.code, i + 1]));
  if (data.epcis.length > EPCI_MAX) throw new Error(`Too many EPCI for a ${EPCI_WIDTH}-digit index: ${data.epcis.length}.`);
  const communes = [...data.communes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const parents: Record<string, string> = {};
  for (const c of communes) {
    if (c.name.includes(NAME_SEP)) throw new Error(`Commune ${c.code}: name contains "${NAME_SEP}".`);
    if (c.postalCodes.length === 0 || c.postalCodes.some((pc) => !/^\d{5}$/.test(pc))) throw new Error(`Commune ${c.code}: bad postal codes.`);
    if (c.epci !== null && !epciIndex.has(c.epci)) throw new Error(`Commune ${c.code}: unknown EPCI ${c.epci}.`);
    if (c.parent) parents[c.code] = c.parent;
  }
  return {
    format: REFERENCE_FORMAT,
    source: data.source,
    regions: data.regions.map((r) => [r.code, r.name]),
    departements: data.departements.map((d) => [d.code, d.name, d.region]),
    epciTable: data.epcis.map((e) => [e.code, e.name]),
    communes: {
      count: communes.length,
      codes: encodeCodes(communes.map((c) => c.code)),
      names: communes.map((c) => c.name).join(NAME_SEP),
      postalCodes: communes.map((c) => encodePostalCodes(c.postalCodes, postalPrefixOf(departementOf(c.code)))).join(NAME_SEP),
      epcis: communes.map((c) => (c.epci === null ? 0 : epciIndex.get(c.epci)!).toString(36).padStart(EPCI_WIDTH, '0')).join(''),
      populations: communes.map((c) => c.population),
      parents,
    },
  };
}

function checkFormat(file: string, format: unknown): void {
  if (format !== REFERENCE_FORMAT) {
    throw new Error(
      `shared/reference/generated/${file} has format ${String(format)}, expected ${REFERENCE_FORMAT}: run \`npm run prepare\` to rebuild it.`,
    );
  }
}

/** Decodes the generated file; throws (asking for `npm run prepare`) on a file of another format. */
export function decodeReference(encoded: EncodedReference): ReferenceData {
  checkFormat('communes.json', encoded?.format);
  const regions = encoded.regions.map(([code, name]) => ({ code, name }));
  const departements = encoded.departements.map(([code, name, region]) => ({ code, name, region }));
  const epcis = encoded.epciTable.map(([code, name]) => ({ code, name }));
  const regionOf = new Map(departements.map((d) => [d.code, d.region]));
  const col = encoded.communes;
  const codes = decodeCodes(col.codes, col.count);
  const names = col.names.split(NAME_SEP);
  const postalCodes = col.postalCodes.split(NAME_SEP);
  const communes = codes.map((code, i): Commune => {
    const departement = departementOf(code);
    const epciRef = parseInt(col.epcis.slice(i * EPCI_WIDTH, i * EPCI_WIDTH + EPCI_WIDTH), 36);
    const pcs = postalCodes[i]!;
    const commune: Commune = {
      code,
      name: names[i]!,
      postalCodes: decodePostalCodes(pcs, postalPrefixOf(departement)),
      departement,
      epci: epciRef === 0 ? null : epcis[epciRef - 1]!.code,
      region: regionOf.get(departement)!,
      population: col.populations[i]!,
    };
    const parent = col.parents[code];
    if (parent) commune.parent = parent;
    return commune;
  });
  return { source: encoded.source, regions, departements, epcis, communes };
}

// ---------------------------------------------------------------------------------------------
// Slices: a few columns of the communes for the functions that need only those, so that they do
// not bundle the whole file. The columns are those of `EncodedReference.communes`, serialised as
// JSON, brotli-compressed and written as text with {@link pack} (a Lambda bundle counts the
// characters of the string, and packed brotli is under a third of the plain columns).
// ---------------------------------------------------------------------------------------------

/**
 * 85 printable ASCII characters that need no escape in a JSON or JavaScript string, whatever
 * quotes esbuild picks: no quotes, backslash, `$`, `<`, `>`, space.
 */
const PACK_ALPHABET = [...Array(94).keys()].map((i) => String.fromCharCode(33 + i)).filter((c) => !`"'\`$<>`.includes(c)).slice(0, 85).join('');
const PACK_DIGIT = new Map([...PACK_ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

/**
 * Brotli (quality 11) of `json`, written as text: every 4 bytes as 5 base-85 digits (a quarter
 * more characters, where base64 takes a third more), then `~` and the number of padding bytes.
 */
export function pack(json: string): string {
  const bytes = brotliCompressSync(Buffer.from(json), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_LGWIN]: 24 } });
  const padding = (4 - (bytes.length % 4)) % 4;
  const padded = Buffer.concat([bytes, Buffer.alloc(padding)]);
  let out = '';
  for (let i = 0; i < padded.length; i += 4) {
    let n = padded.readUInt32BE(i);
    let group = '';
    for (let k = 0; k < 5; k += 1) {
      group = PACK_ALPHABET.charAt(n % 85) + group;
      n = Math.floor(n / 85);
    }
    out += group;
  }
  return `${out}~${padding}`;
}

/** The JSON text {@link pack} packed; throws on a damaged string. */
export function unpack(packed: string): string {
  const end = packed.lastIndexOf('~');
  const padding = Number(packed.slice(end + 1));
  if (end < 0 || end % 5 !== 0 || !(padding >= 0 && padding < 4)) throw new Error('Reference data is corrupt: bad packed text.');
  const bytes = Buffer.alloc((end / 5) * 4);
  for (let i = 0, o = 0; i < end; i += 5, o += 4) {
    let n = 0;
    for (let k = 0; k < 5; k += 1) {
      const digit = PACK_DIGIT.get(packed.charCodeAt(i + k));
      if (digit === undefined) throw new Error('Reference data is corrupt: bad packed text.');
      n = n * 85 + digit;
    }
    bytes.writeUInt32BE(n, o);
  }
  return brotliDecompressSync(bytes.subarray(0, bytes.length - padding)).toString('utf8');
}

/** Columns of the communes a slice may carry. */
export type SliceColumn = 'codes' | 'names' | 'postalCodes' | 'parents';

/** A generated slice file (`postal-codes.json`, `names.json`). */
export interface EncodedSlice {
  format: number;
  /** Same as the full file's. */
  source: string;
  /** Number of communes (the full file's `communes.count`): every column lists all of them, by code. */
  count: number;
  columns: SliceColumn[];
  /** The JSON object column → value, {@link pack}ed. */
  packed: string;
}

/** Cuts `columns` out of the encoded reference into a slice. */
export function encodeSlice(encoded: EncodedReference, columns: SliceColumn[]): EncodedSlice {
  const picked = Object.fromEntries(columns.map((c) => [c, encoded.communes[c]]));
  return { format: REFERENCE_FORMAT, source: encoded.source, count: encoded.communes.count, columns, packed: pack(JSON.stringify(picked)) };
}

/** Unpacks a slice; throws (asking for `npm run prepare`) on a file of another format or without `columns`. */
export function unpackSlice<C extends SliceColumn>(file: string, slice: EncodedSlice, columns: readonly C[]): Pick<EncodedReference['communes'], C> {
  checkFormat(file, slice?.format);
  const missing = columns.filter((c) => !slice.columns.includes(c));
  if (missing.length > 0) throw new Error(`shared/reference/generated/${file} lacks ${missing.join(', ')}: run \`npm run prepare\` to rebuild it.`);
  return JSON.parse(unpack(slice.packed)) as Pick<EncodedReference['communes'], C>;
}

/** Codes column → INSEE codes (see the encoding above). */
export function decodeCodeColumn(codes: string, count: number): string[] {
  return decodeCodes(codes, count);
}

/** Postal codes column → per commune (in code order), its postal codes. */
export function decodePostalCodeColumn(postalCodes: string, codes: readonly string[]): string[][] {
  const perCommune = postalCodes.split(NAME_SEP);
  if (perCommune.length !== codes.length) throw new Error(`Reference data is corrupt: ${perCommune.length} postal code lists for ${codes.length} communes.`);
  return perCommune.map((pcs, i) => decodePostalCodes(pcs, postalPrefixOf(departementOf(codes[i]!))));
}

/** Names column → names (in code order). */
export function decodeNameColumn(names: string, count: number): string[] {
  const list = names.split(NAME_SEP);
  if (list.length !== count) throw new Error(`Reference data is corrupt: ${list.length} names for ${count} communes.`);
  return list;
}

/**
 * Postal code → the communes it addresses. Where a city is split into municipal arrondissements
 * (Paris, Lyon, Marseille), the arrondissements stand for the city: a postal code served by an
 * arrondissement addresses the arrondissement, not the city as a whole. Returns, for each commune,
 * whether any postal code addresses it.
 */
export function indexByPostalCode<T extends { code: string; postalCodes: readonly string[]; parent?: string | null | undefined }>(
  communes: readonly T[],
): { byPostalCode: Map<string, T[]>; addressable: Set<T> } {
  const servedByChildren = new Map<string, Set<string>>();
  for (const c of communes) {
    if (!c.parent) continue;
    const served = servedByChildren.get(c.parent) ?? new Set<string>();
    for (const pc of c.postalCodes) served.add(pc);
    servedByChildren.set(c.parent, served);
  }
  const byPostalCode = new Map<string, T[]>();
  const addressable = new Set<T>();
  for (const c of communes) {
    const served = servedByChildren.get(c.code);
    for (const pc of c.postalCodes) {
      if (served?.has(pc)) continue;
      addressable.add(c);
      const list = byPostalCode.get(pc);
      if (list) list.push(c);
      else byPostalCode.set(pc, [c]);
    }
  }
  return { byPostalCode, addressable };
}

// ---------------------------------------------------------------------------------------------
// Geography slice (`geo.json`): for each commune its city, EPCI, département and region, and for
// each postal code the levels its communes share — what matching's `placeOf` reads, about a
// twentieth of `communes.json` in a bundle (no names, no populations, no per-commune postal codes).
// ---------------------------------------------------------------------------------------------

/** The administrative place of a commune, or what the communes of a postal code share (null: not shared). */
export interface Geography {
  /** The commune's code, or its city's for a municipal arrondissement (`13055` for `13201`). */
  city: string | null;
  /** SIREN of the intercommunality (EPCI), null when none or not shared. */
  epci: string | null;
  departement: string | null;
  region: string | null;
}

/** A generated geography file (`geo.json`). */
export interface EncodedGeo {
  format: number;
  /** Same as the full file's. */
  source: string;
  /** Number of communes (the full file's `communes.count`). */
  count: number;
  /** The JSON {@link GeoColumns}, {@link pack}ed. */
  packed: string;
}

/**
 * The columns of `geo.json`, communes in code order (the order of every other slice):
 * - `codes`, `parents`: as in `EncodedReference.communes`;
 * - `epcis`: one base-36 digit per commune, its EPCI's index in its département's `epciLists`
 *   entry (EPCI SIRENs, the most frequent in the département first, `''` standing for "none");
 * - `regions`: département → region;
 * - `postal`: postal codes in increasing order, each as the base-36 step from the previous one,
 *   one letter `A`–`P` (65 + a bit mask of the levels its communes share: 1 city, 2 EPCI,
 *   4 département, 8 region), then what the shared levels need, read in the postal code's home
 *   département (the one its leading digits name, see `homeDepartements`): with a shared city,
 *   two base-36 digits, the position of its first commune within that département; else with a
 *   shared EPCI, one digit, its index in the département's `epciLists` entry; else nothing.
 *   When the home département does not fit (none, Corsica's shared `20`, communes of another
 *   département), `.` and three base-36 digits: the position of its first commune overall.
 */
export interface GeoColumns {
  codes: string;
  parents: Record<string, string>;
  epcis: string;
  epciLists: Record<string, string[]>;
  regions: Record<string, string>;
  postal: string;
}

const GEO_SHARED = { city: 1, epci: 2, departement: 4, region: 8 } as const;
const GEO_MASK_BASE = 65; // 'A'
const GEO_POSITION_WIDTH = 3;
const GEO_OFFSET_WIDTH = 2;
const GEO_ANY_COMMUNE = '.';

/** Position of each département's first commune in a code-sorted list (a département's codes are contiguous). */
function departementStarts(codes: readonly string[]): Map<string, number> {
  const start = new Map<string, number>();
  codes.forEach((code, i) => {
    const dep = departementOf(code);
    if (!start.has(dep)) start.set(dep, i);
  });
  return start;
}

/**
 * Postal code → the one département whose postal prefix it starts with (`13100` → `13`,
 * `97200` → `972`); undefined when none or several (`20xxx`: Corse-du-Sud or Haute-Corse).
 */
function homeDepartements(departements: readonly string[]): (postalCode: string) => string | undefined {
  const byPrefix = new Map<string, string | null>();
  for (const dep of departements) {
    const prefix = postalPrefixOf(dep);
    byPrefix.set(prefix, byPrefix.has(prefix) ? null : dep);
  }
  return (postalCode) => byPrefix.get(postalCode.slice(0, 3)) ?? byPrefix.get(postalCode.slice(0, 2)) ?? undefined;
}

/** Encodes the geography of sorted, decoded reference data; throws when a value does not fit the format. */
export function encodeGeo(data: ReferenceData): EncodedGeo {
  const communes = [...data.communes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  // Per département, its EPCI most frequent first (the column then compresses best), `''` for none.
  const counts = new Map<string, Map<string, number>>();
  for (const c of communes) {
    const perDep = counts.get(c.departement) ?? new Map<string, number>();
    perDep.set(c.epci ?? '', (perDep.get(c.epci ?? '') ?? 0) + 1);
    counts.set(c.departement, perDep);
  }
  const epciLists: Record<string, string[]> = {};
  for (const [dep, perDep] of counts) {
    epciLists[dep] = [...perDep].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([siren]) => siren);
    if (epciLists[dep].length > 36) throw new Error(`Département ${dep}: more than 36 EPCI for a one-digit index.`);
  }
  const regions: Record<string, string> = {};
  const parents: Record<string, string> = {};
  let epcis = '';
  for (const c of communes) {
    epcis += epciLists[c.departement]!.indexOf(c.epci ?? '').toString(36);
    if (regions[c.departement] !== undefined && regions[c.departement] !== c.region) throw new Error(`Département ${c.departement} in two regions.`);
    regions[c.departement] = c.region;
    if (c.parent) parents[c.code] = c.parent;
  }
  if (communes.length > 36 ** GEO_POSITION_WIDTH) throw new Error(`Too many communes for a ${GEO_POSITION_WIDTH}-digit position: ${communes.length}.`);
  const position = new Map(communes.map((c, i) => [c, i]));
  const start = departementStarts(communes.map((c) => c.code));
  const homeOf = homeDepartements(Object.keys(regions));
  const { byPostalCode } = indexByPostalCode(communes);
  let postal = '';
  let previous = 0;
  for (const pc of [...byPostalCode.keys()].sort()) {
    const list = byPostalCode.get(pc)!;
    const shared = (get: (c: Commune) => string | null) => list.every((c) => get(c) === get(list[0]!));
    const mask =
      (shared((c) => c.parent ?? c.code) ? GEO_SHARED.city : 0) |
      (shared((c) => c.epci) ? GEO_SHARED.epci : 0) |
      (shared((c) => c.departement) ? GEO_SHARED.departement : 0) |
      (shared((c) => c.region) ? GEO_SHARED.region : 0);
    const first = list.reduce((a, b) => (position.get(b)! < position.get(a)! ? b : a));
    const home = homeOf(pc);
    // The short forms read the département from the postal code; anything else names a commune.
    let payload: string | undefined;
    if (home !== undefined && (!(mask & GEO_SHARED.departement) || first.departement === home) && (!(mask & GEO_SHARED.region) || first.region === regions[home])) {
      if (mask & GEO_SHARED.city) {
        const offset = first.departement === home ? position.get(first)! - start.get(home)! : -1;
        if (offset >= 0 && offset < 36 ** GEO_OFFSET_WIDTH) payload = offset.toString(36).padStart(GEO_OFFSET_WIDTH, '0');
      } else if (mask & GEO_SHARED.epci) {
        const k = epciLists[home]!.indexOf(first.epci ?? '');
        if (k >= 0) payload = k.toString(36);
      } else payload = '';
    }
    payload ??= GEO_ANY_COMMUNE + position.get(first)!.toString(36).padStart(GEO_POSITION_WIDTH, '0');
    postal += (Number(pc) - previous).toString(36) + String.fromCharCode(GEO_MASK_BASE + mask) + payload;
    previous = Number(pc);
  }
  const columns: GeoColumns = { codes: encodeCodes(communes.map((c) => c.code)), parents, epcis, epciLists, regions, postal };
  return { format: REFERENCE_FORMAT, source: data.source, count: communes.length, packed: pack(JSON.stringify(columns)) };
}

/** The decoded geography: per commune (in code order) and per postal code. */
export interface GeoTables {
  source: string;
  /** INSEE code → the commune's geography (every level set, `epci` null when it has none). */
  byCode: ReadonlyMap<string, Readonly<Geography>>;
  /** Postal code → the levels its communes share (arrondissements standing for their city). */
  byPostalCode: ReadonlyMap<string, Readonly<Geography>>;
}

/** Unpacks and decodes `geo.json`; throws (asking for `npm run prepare`) on a file of another format. */
export function decodeGeo(file: string, encoded: EncodedGeo): GeoTables {
  checkFormat(file, encoded?.format);
  const col = JSON.parse(unpack(encoded.packed)) as GeoColumns;
  const codes = decodeCodes(col.codes, encoded.count);
  if (col.epcis.length !== codes.length) throw new Error(`Reference data is corrupt: ${col.epcis.length} EPCI for ${codes.length} communes.`);
  const places = codes.map((code, i): Readonly<Geography> => {
    const departement = departementOf(code);
    const epci = col.epciLists[departement]?.[parseInt(col.epcis.charAt(i), 36)];
    const region = col.regions[departement];
    if (epci === undefined || region === undefined) throw new Error(`Reference data is corrupt: no EPCI or region for ${code}.`);
    return Object.freeze({ city: col.parents[code] ?? code, epci: epci === '' ? null : epci, departement, region });
  });
  const start = departementStarts(codes);
  const homeOf = homeDepartements(Object.keys(col.regions));
  const byPostalCode = new Map<string, Readonly<Geography>>();
  const isMask = (i: number) => col.postal.charCodeAt(i) >= GEO_MASK_BASE && col.postal.charCodeAt(i) <= GEO_MASK_BASE + 15;
  const corrupt = () => new Error('Reference data is corrupt: bad postal code entry.');
  let number = 0;
  for (let i = 0; i < col.postal.length; ) {
    let j = i;
    while (j < col.postal.length && !isMask(j)) j += 1;
    number += parseInt(col.postal.slice(i, j), 36);
    const postalCode = String(number).padStart(5, '0');
    const mask = col.postal.charCodeAt(j) - GEO_MASK_BASE;
    const home = homeOf(postalCode);
    let first: Readonly<Geography> | undefined;
    i = j + 1;
    if (col.postal.charAt(i) === GEO_ANY_COMMUNE) {
      first = places[parseInt(col.postal.slice(i + 1, i + 1 + GEO_POSITION_WIDTH), 36)];
      i += 1 + GEO_POSITION_WIDTH;
    } else if (home === undefined) {
      throw corrupt();
    } else if (mask & GEO_SHARED.city) {
      first = places[start.get(home)! + parseInt(col.postal.slice(i, i + GEO_OFFSET_WIDTH), 36)];
      i += GEO_OFFSET_WIDTH;
    } else {
      let epci: string | null = null;
      if (mask & GEO_SHARED.epci) {
        const siren = col.epciLists[home]?.[parseInt(col.postal.charAt(i), 36)];
        if (siren === undefined) throw corrupt();
        epci = siren === '' ? null : siren;
        i += 1;
      }
      first = { city: null, epci, departement: home, region: col.regions[home]! };
    }
    if (!first || Number.isNaN(number)) throw corrupt();
    byPostalCode.set(
      postalCode,
      Object.freeze({
        city: mask & GEO_SHARED.city ? first.city : null,
        epci: mask & GEO_SHARED.epci ? first.epci : null,
        departement: mask & GEO_SHARED.departement ? first.departement : null,
        region: mask & GEO_SHARED.region ? first.region : null,
      }),
    );
  }
  return { source: encoded.source, byCode: new Map(codes.map((code, i) => [code, places[i]!])), byPostalCode };
}

// ---------------------------------------------------------------------------------------------
// Area names (`area-names.json`): the names of EPCI, départements and regions, without the
// communes' (which weigh 200 KB): what matching explanations name.
// ---------------------------------------------------------------------------------------------

/** A generated area names file (`area-names.json`). */
export interface EncodedAreaNames {
  format: number;
  /** Same as the full file's. */
  source: string;
  /** The JSON {@link AreaNameColumns}, {@link pack}ed. */
  packed: string;
}

/**
 * The columns of `area-names.json`: EPCI sorted by SIREN, as the base-36 steps between SIRENs
 * joined by `,` and their names joined by `|`; départements and regions as `[code, name]`.
 */
export interface AreaNameColumns {
  epciCodes: string;
  epciNames: string;
  departements: [code: string, name: string][];
  regions: [code: string, name: string][];
}

export interface AreaNames {
  source: string;
  epcis: ReadonlyMap<string, string>;
  departements: ReadonlyMap<string, string>;
  regions: ReadonlyMap<string, string>;
}

/** Encodes the names of the EPCI, départements and regions of decoded reference data. */
export function encodeAreaNames(data: ReferenceData): EncodedAreaNames {
  const byCode = <T extends { code: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.code < b.code ? -1 : 1));
  const epcis = byCode(data.epcis);
  let previous = 0;
  const steps = epcis.map((e) => {
    if (!/^\d{9}$/.test(e.code) || Number(e.code) <= previous) throw new Error(`EPCI ${e.code}: not a SIREN in increasing order.`);
    const step = Number(e.code) - previous;
    previous = Number(e.code);
    return step.toString(36);
  });
  if (epcis.some((e) => e.name.includes(NAME_SEP))) throw new Error(`An EPCI name contains "${NAME_SEP}".`);
  const columns: AreaNameColumns = {
    epciCodes: steps.join(','),
    epciNames: epcis.map((e) => e.name).join(NAME_SEP),
    departements: byCode(data.departements).map((d) => [d.code, d.name]),
    regions: byCode(data.regions).map((r) => [r.code, r.name]),
  };
  return { format: REFERENCE_FORMAT, source: data.source, packed: pack(JSON.stringify(columns)) };
}

/** Unpacks `area-names.json`; throws (asking for `npm run prepare`) on a file of another format. */
export function decodeAreaNames(file: string, encoded: EncodedAreaNames): AreaNames {
  checkFormat(file, encoded?.format);
  const col = JSON.parse(unpack(encoded.packed)) as AreaNameColumns;
  const names = col.epciNames.split(NAME_SEP);
  let siren = 0;
  const codes = col.epciCodes.split(',').map((step) => String((siren += parseInt(step, 36))).padStart(9, '0'));
  if (codes.length !== names.length) throw new Error(`Reference data is corrupt: ${codes.length} EPCI for ${names.length} names.`);
  return {
    source: encoded.source,
    epcis: new Map(codes.map((code, i) => [code, names[i]!])),
    departements: new Map(col.departements),
    regions: new Map(col.regions),
  };
}
