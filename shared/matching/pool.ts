/**
 * Mentors compiled once into flat typed arrays (bit sets for code lists, interned place codes),
 * so that checking and scoring a pair costs a few integer operations. Build a pool once per
 * list of mentors and reuse it for every mentee; `rank` and `assign` also accept a plain array
 * and compile it on the spot.
 */
import { EXPERTISE_CODES, LANGUAGE_CODES, MEETING_MODE_CODES, PROFILE_CODES, SECTOR_CODES, TRACK_CODES } from '../domain/reference';
import type { MatchPlace, MenteeRequest, MentorCandidate } from './types';

const bitIndex = (codes: readonly string[]) => new Map(codes.map((c, i) => [c, i]));
const SECTOR_BIT = bitIndex(SECTOR_CODES);
const EXPERTISE_BIT = bitIndex(EXPERTISE_CODES);
const LANGUAGE_BIT = bitIndex(LANGUAGE_CODES);
const TRACK_BIT = bitIndex(TRACK_CODES);
const MODE_BIT = bitIndex(MEETING_MODE_CODES);
export const PROFILE_INDEX = bitIndex(PROFILE_CODES);
export const TRACK_INDEX = TRACK_BIT;

export const IN_PERSON = 1 << MODE_BIT.get('in_person')!;
export const REMOTE = 1 << MODE_BIT.get('remote')!;

/** Bit set of known codes (unknown codes are ignored: they can match nothing). */
export function mask(codes: readonly string[] | undefined, bits: ReadonlyMap<string, number>): number {
  let m = 0;
  if (codes) for (const c of codes) {
    const b = bits.get(c);
    if (b !== undefined) m |= 1 << b;
  }
  return m >>> 0;
}
export const masks = {
  sectors: (c: readonly string[] | undefined) => mask(c, SECTOR_BIT),
  expertise: (c: readonly string[] | undefined) => mask(c, EXPERTISE_BIT),
  languages: (c: readonly string[] | undefined) => mask(c, LANGUAGE_BIT),
  tracks: (c: readonly string[] | undefined) => mask(c, TRACK_BIT),
  modes: (c: readonly string[] | undefined) => mask(c, MODE_BIT),
};

/** Population count of a 32-bit integer. */
export function bitCount(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Code → small integer, per pool. Unknown codes on the mentee side map to -2, never equal to a mentor's. */
class Interner {
  private readonly ids = new Map<string, number>();
  add(code: string | null | undefined): number {
    if (code === null || code === undefined || code === '') return -1;
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(code, id);
    }
    return id;
  }
  find(code: string | null | undefined): number {
    if (code === null || code === undefined || code === '') return -2;
    return this.ids.get(code) ?? -2;
  }
}

export interface MentorPool {
  readonly kind: 'MentorPool';
  readonly size: number;
  /** Mentors sorted by id; index i of every array below is `mentors[i]`. */
  readonly mentors: readonly MentorCandidate[];
  readonly indexById: ReadonlyMap<string, number>;
  readonly active: Uint8Array;
  /** Free places: capacity − active mentees, at least 0. */
  readonly remaining: Int32Array;
  readonly capacity: Int32Array;
  readonly activeMentees: Int32Array;
  readonly tracks: Uint8Array;
  readonly modes: Uint8Array;
  readonly profile: Uint8Array;
  readonly sectors: Uint32Array;
  readonly expertise: Uint32Array;
  readonly languages: Uint32Array;
  readonly city: Int32Array;
  readonly epci: Int32Array;
  readonly departement: Int32Array;
  readonly region: Int32Array;
  readonly organisation: Int32Array;
  /** Partner id → membership flag per mentor. */
  readonly pools: ReadonlyMap<string, Uint8Array>;
  /** Code → small integer for each place level and for organisations. */
  readonly codes: { city: Interner; epci: Interner; departement: Interner; region: Interner; organisation: Interner };
}

export function isMentorPool(value: unknown): value is MentorPool {
  return typeof value === 'object' && value !== null && (value as MentorPool).kind === 'MentorPool';
}

/** Ascending by code unit: the same order on every machine and locale. */
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Thrown when the input breaks the engine's contract (duplicate ids, unknown ids in fixed pairs…). */
export class MatchingInputError extends Error {
  override readonly name = 'MatchingInputError';
}

/**
 * Compiles mentors into a pool. Throws {@link MatchingInputError} on duplicate ids or an unknown
 * profile; unknown codes in lists (sectors, languages…) are ignored: they can match nothing.
 */
export function prepareMentors(list: readonly MentorCandidate[]): MentorPool {
  const mentors = [...list].sort(byId);
  const n = mentors.length;
  const codes = { city: new Interner(), epci: new Interner(), departement: new Interner(), region: new Interner(), organisation: new Interner() };
  const pool = {
    kind: 'MentorPool' as const,
    size: n,
    mentors,
    indexById: new Map<string, number>(),
    active: new Uint8Array(n),
    remaining: new Int32Array(n),
    capacity: new Int32Array(n),
    activeMentees: new Int32Array(n),
    tracks: new Uint8Array(n),
    modes: new Uint8Array(n),
    profile: new Uint8Array(n),
    sectors: new Uint32Array(n),
    expertise: new Uint32Array(n),
    languages: new Uint32Array(n),
    city: new Int32Array(n),
    epci: new Int32Array(n),
    departement: new Int32Array(n),
    region: new Int32Array(n),
    organisation: new Int32Array(n),
    pools: new Map<string, Uint8Array>(),
    codes,
  };
  for (let i = 0; i < n; i++) {
    const m = mentors[i]!;
    if (pool.indexById.has(m.id)) throw new MatchingInputError(`Duplicate mentor id ${m.id}`);
    pool.indexById.set(m.id, i);
    const capacity = Math.max(0, Math.trunc(m.capacity));
    const activeMentees = Math.max(0, Math.trunc(m.activeMentees));
    pool.active[i] = m.status === 'active' ? 1 : 0;
    pool.capacity[i] = capacity;
    pool.activeMentees[i] = activeMentees;
    pool.remaining[i] = Math.max(0, capacity - activeMentees);
    pool.tracks[i] = masks.tracks(m.tracks);
    pool.modes[i] = masks.modes(m.meetingModes);
    const profile = PROFILE_INDEX.get(m.profile);
    if (profile === undefined) throw new MatchingInputError(`Mentor ${m.id}: unknown profile ${String(m.profile)}`);
    pool.profile[i] = profile;
    pool.sectors[i] = masks.sectors(m.sectors);
    pool.expertise[i] = masks.expertise(m.expertise);
    pool.languages[i] = masks.languages(m.languages);
    pool.city[i] = codes.city.add(m.place.city);
    pool.epci[i] = codes.epci.add(m.place.epci);
    pool.departement[i] = codes.departement.add(m.place.departement);
    pool.region[i] = codes.region.add(m.place.region);
    pool.organisation[i] = codes.organisation.add(m.organisation);
    for (const p of m.pools ?? []) {
      let members = pool.pools.get(p);
      if (!members) pool.pools.set(p, (members = new Uint8Array(n)));
      members[i] = 1;
    }
  }
  return pool;
}

/** A mentee compiled against one pool. */
export interface CompiledMentee {
  readonly request: MenteeRequest;
  readonly track: number;
  readonly trackIndex: number;
  readonly sector: number;
  readonly needs: number;
  readonly needsCount: number;
  readonly languages: number;
  readonly modes: number;
  readonly city: number;
  readonly epci: number;
  readonly departement: number;
  readonly region: number;
  /** Membership of the required dedicated pool; an empty pool when the partner has none. */
  readonly pool: Uint8Array | null;
  readonly conflicts: ReadonlySet<number>;
  readonly declined: ReadonlySet<number>;
  readonly ended: ReadonlySet<number>;
}

const NO_MEMBERS = new Uint8Array(0);

function indexes(pool: MentorPool, ids: readonly string[] | undefined): Set<number> {
  const out = new Set<number>();
  for (const id of ids ?? []) {
    const i = pool.indexById.get(id);
    if (i !== undefined) out.add(i);
  }
  return out;
}

/** Throws {@link MatchingInputError} for an unknown track (other unknown codes simply match nothing). */
export function compileMentee(pool: MentorPool, mentee: MenteeRequest): CompiledMentee {
  const trackIndex = TRACK_INDEX.get(mentee.track);
  if (trackIndex === undefined) throw new MatchingInputError(`Mentee ${mentee.id}: unknown track ${String(mentee.track)}`);
  const place: MatchPlace = mentee.place;
  const conflicts = new Set<number>();
  for (const o of mentee.conflictingOrganisations ?? []) {
    const id = pool.codes.organisation.find(o);
    if (id >= 0) conflicts.add(id);
  }
  return {
    request: mentee,
    track: masks.tracks([mentee.track]),
    trackIndex,
    sector: masks.sectors([mentee.sector]),
    needs: masks.expertise(mentee.needs),
    needsCount: bitCount(masks.expertise(mentee.needs)),
    languages: masks.languages(mentee.languages),
    modes: masks.modes(mentee.meetingModes),
    city: pool.codes.city.find(place.city),
    epci: pool.codes.epci.find(place.epci),
    departement: pool.codes.departement.find(place.departement),
    region: pool.codes.region.find(place.region),
    pool: mentee.dedicatedPool === undefined ? null : (pool.pools.get(mentee.dedicatedPool) ?? NO_MEMBERS),
    conflicts,
    declined: indexes(pool, mentee.history?.declinedBy),
    ended: indexes(pool, mentee.history?.endedWith),
  };
}
