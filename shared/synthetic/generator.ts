/**
 * A seeded synthetic programme: the partners, mentors and mentees of a mentoring programme in the
 * Aix-Marseille-Provence metropolis, for the local demo, the matching tests and the benchmark.
 *
 * Pure: no I/O, no clock, no `Math.random()`. Everything comes from `spec.seed` through one PRNG
 * stream drawn in a fixed order, so the same spec gives the same programme, byte for byte.
 * Profiles are valid per the domain types and the sign-up schemas. Places are official communes,
 * weighted by their legal population. Every distribution is a named constant below, to tune.
 */
import { CONSENT_VERSION, type MenteeProfile, type MenteeStatus, type MentorProfile, type MentorStatus, type Partner } from '../domain/people';
import type { ExpertiseCode, LanguageCode, MeetingModeCode, ProfileCode, SectorCode, TrackCode } from '../domain/reference';
import { type Commune, communeMatchesPostalCode, communesOfEpci, getCommune, isKnownPostalCode } from '../reference/communes';

/** SIREN of the Métropole d'Aix-Marseille-Provence. */
export const AIX_MARSEILLE_PROVENCE = '200054807';

// ---------------------------------------------------------------------------------------------
// Tuning. Weights are relative (they need not add up to 100); shares are probabilities.
// ---------------------------------------------------------------------------------------------

/** Items and their relative weights. */
export type Weights<T> = readonly (readonly [T, number])[];

/** Default reference instant: every date is in its past. */
export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

/** Demo mentor statuses for 250 mentors (3 / 9 / 78 / 7 / 3 %); other sizes are scaled from it. */
export const MENTOR_STATUS_MIX: Weights<MentorStatus> = [
  ['pending_verification', 8],
  ['pending_validation', 22],
  ['active', 195],
  ['paused', 17],
  ['inactive', 8],
];
/**
 * Demo mentee statuses for 420 mentees (6 / 2 / 6 / 1 / 64 / 21 %); other sizes are scaled from it.
 * Few wait for a match: each one waiting starts a matching workflow (and a proposal mail) when the
 * local hub starts.
 */
export const MENTEE_STATUS_MIX: Weights<MenteeStatus> = [
  ['pending_verification', 25],
  ['awaiting_match', 8],
  ['unmatched', 25],
  ['matching_failed', 2],
  ['in_tandem', 270],
  ['closed', 90],
];

/** Sign-up age, in days before `now`, per mentor status [min, max] (unverified sign-ups expire after 7 days). */
export const MENTOR_AGE_DAYS: Record<MentorStatus, readonly [number, number]> = {
  pending_verification: [0, 6],
  pending_validation: [2, 45],
  active: [2, 1400],
  paused: [30, 1400],
  inactive: [90, 1400],
  erased: [90, 1400],
};
/** Sign-up age, in days before `now`, per mentee status [min, max]. */
export const MENTEE_AGE_DAYS: Record<MenteeStatus, readonly [number, number]> = {
  pending_verification: [0, 6],
  awaiting_match: [2, 30],
  // Below 335 days (unmatchedRetentionDays − retentionNoticeDays): no retention notice is due at
  // the demo's start (the demo seed ages two of them on purpose to show one).
  unmatched: [30, 330],
  matching_failed: [2, 30],
  in_tandem: [14, 400],
  // At most ~1000 days: a closed tandem's retention entry (3 years after its end) is still to come.
  closed: [90, 1000],
  erased: [90, 1400],
};
/** Delay between sign-up and e-mail confirmation, in seconds [min, max] (links last 48 h). */
export const VERIFICATION_DELAY_SECONDS = [60, 47 * 3600] as const;
/** Share of French speakers who chose the English form (people with no French always do). */
export const ENGLISH_LOCALE_SHARE = 0.07;

/** Demo mentor capacity: drawn from this list (1–5, mostly 2). */
export const DEMO_CAPACITY_MIX: readonly number[] = [1, 1, 2, 2, 2, 3, 3, 4, 5];
/** Default capacity range of a matching round ('cohort'). */
export const COHORT_CAPACITY: readonly [number, number] = [1, 3];
/** 'cohort': share of mentors following nobody yet (the others follow 1 … capacity − 1). */
export const COHORT_IDLE_MENTOR_SHARE = 0.7;

/** Share of mentors living in the Bouches-du-Rhône or the Var outside the metropolis. */
export const MENTOR_OUTSIDE_METROPOLIS_SHARE = 0.08;
/** Départements those mentors come from. */
export const OUTSIDE_DEPARTEMENTS = ['13', '83'] as const;

/** Mentee tracks. */
export const MENTEE_TRACK_WEIGHTS: Weights<TrackCode> = [
  ['job_search', 62],
  ['business_creation', 38],
];
/** Mentee sectors (NAF sections). */
export const MENTEE_SECTOR_WEIGHTS: Weights<SectorCode> = [
  ['G', 18], ['I', 12], ['M', 12], ['N', 10], ['Q', 10], ['J', 8], ['F', 8], ['H', 6], ['C', 6], ['S', 5], ['R', 3], ['P', 2],
];
/** How many needs a mentee states. */
export const MENTEE_NEED_COUNT_WEIGHTS: Weights<number> = [[1, 20], [2, 35], [3, 30], [4, 15]];
/** Mentee needs, per track. */
export const MENTEE_NEED_WEIGHTS: Record<TrackCode, Weights<ExpertiseCode>> = {
  job_search: [
    ['cv_interview', 12], ['networking', 9], ['career_change', 7], ['confidence', 7], ['digital', 4],
    ['management', 2], ['sales', 2], ['hr', 1], ['international', 1],
  ],
  business_creation: [
    ['business_plan', 12], ['funding', 9], ['finance', 6], ['legal', 6], ['marketing', 6], ['sales', 5],
    ['digital', 4], ['networking', 2], ['management', 2], ['operations', 1], ['hr', 1], ['international', 1],
  ],
};
/** Mentees speaking French only. */
export const MENTEE_FRENCH_ONLY_SHARE = 0.85;
/** Mentees speaking no French at all (the rest speak French and one other language). */
export const MENTEE_NO_FRENCH_SHARE = 0.015;
/** The other language of a bilingual mentee. */
export const MENTEE_SECOND_LANGUAGE_WEIGHTS: Weights<LanguageCode> = [
  ['ar', 35], ['en', 25], ['es', 10], ['tr', 10], ['wo', 8], ['it', 6], ['pt', 6],
];
/** Languages of a mentee who speaks no French. */
export const MENTEE_NO_FRENCH_LANGUAGES: Weights<readonly LanguageCode[]> = [
  [['en'], 40], [['ar', 'en'], 30], [['ar'], 15], [['es', 'en'], 15],
];
/** Mentee meeting modes: both, in person only, remote only. */
export const MENTEE_MEETING_MODE_WEIGHTS: Weights<readonly MeetingModeCode[]> = [
  [['in_person', 'remote'], 50], [['in_person'], 30], [['remote'], 20],
];
/** Mentees referred by a partner (the others came by themselves). */
export const MENTEE_REFERRED_SHARE = 0.8;
/** Partner kinds that mostly refer each track (weight ×3 for them, ×1 for the others). */
export const PARTNER_KINDS_BY_TRACK: Record<TrackCode, readonly string[]> = {
  job_search: ['youth_employment', 'public_employment', 'executive_employment', 'integration', 'disability_employment'],
  business_creation: ['entrepreneurship_network', 'microcredit', 'business_incubator', 'student_entrepreneurship'],
};
/** Weight of a partner whose kind matches the mentee's track, against 1 for the others. */
export const PARTNER_TRACK_AFFINITY = 3;

/**
 * Mentor profiles. Independent professionals and retired mentors (codes added after the demo
 * programme was tuned) are not drawn yet, so that the demo data and the benchmark's instances stay
 * the same; their track and expertise weights below are ready for when they are.
 */
export const MENTOR_PROFILE_WEIGHTS: Weights<ProfileCode> = [
  ['entrepreneur', 40],
  ['executive', 35],
  ['employee', 25],
];
/** Tracks a mentor offers, per profile: one track, or both. */
export const MENTOR_TRACK_WEIGHTS: Record<ProfileCode, Weights<readonly TrackCode[]>> = {
  entrepreneur: [[['business_creation'], 45], [['job_search', 'business_creation'], 35], [['job_search'], 20]],
  executive: [[['job_search'], 70], [['job_search', 'business_creation'], 30]],
  employee: [[['job_search'], 70], [['job_search', 'business_creation'], 30]],
  independent: [[['business_creation'], 40], [['job_search', 'business_creation'], 40], [['job_search'], 20]],
  retired: [[['job_search', 'business_creation'], 50], [['job_search'], 30], [['business_creation'], 20]],
};
/** Mentor sectors: the mentees' weighting, plus finance, industry and digital where mentors come from. */
export const MENTOR_SECTOR_WEIGHTS: Weights<SectorCode> = [
  ['G', 14], ['M', 14], ['J', 11], ['K', 9], ['C', 9], ['I', 8], ['N', 8], ['Q', 8], ['F', 7], ['H', 6],
  ['S', 4], ['R', 3], ['P', 3], ['L', 2], ['D', 1], ['E', 1], ['O', 1], ['A', 1],
];
/** How many sectors a mentor lists. */
export const MENTOR_SECTOR_COUNT_WEIGHTS: Weights<number> = [[1, 45], [2, 35], [3, 20]];
/** How many areas of expertise an ordinary mentor lists [min, max]. */
export const MENTOR_EXPERTISE_COUNT = [2, 6] as const;
/** "Broad" mentors: 6–8 areas of expertise, good for many mentees (a quality shared across pairs). */
export const BROAD_MENTOR_SHARE = 0.15;
/** How many areas of expertise a broad mentor lists [min, max]. */
export const BROAD_MENTOR_EXPERTISE_COUNT = [6, 8] as const;
/** Mentor expertise, per profile. */
export const MENTOR_EXPERTISE_WEIGHTS: Record<ProfileCode, Weights<ExpertiseCode>> = {
  entrepreneur: [
    ['business_plan', 12], ['funding', 10], ['sales', 9], ['marketing', 8], ['legal', 7], ['finance', 6], ['management', 4],
    ['digital', 4], ['operations', 3], ['networking', 3], ['international', 2], ['hr', 2], ['confidence', 2], ['career_change', 1], ['cv_interview', 1],
  ],
  executive: [
    ['management', 12], ['finance', 9], ['hr', 8], ['international', 7], ['networking', 7], ['operations', 5], ['sales', 4],
    ['business_plan', 4], ['funding', 3], ['career_change', 3], ['cv_interview', 3], ['legal', 2], ['marketing', 2], ['digital', 2], ['confidence', 2],
  ],
  employee: [
    ['cv_interview', 12], ['networking', 9], ['career_change', 8], ['digital', 7], ['confidence', 7], ['hr', 4], ['marketing', 3],
    ['sales', 3], ['management', 3], ['operations', 2], ['finance', 1], ['international', 1], ['business_plan', 1], ['legal', 1], ['funding', 1],
  ],
  independent: [
    ['legal', 12], ['finance', 10], ['business_plan', 9], ['funding', 7], ['sales', 6], ['marketing', 6], ['digital', 5], ['networking', 5],
    ['management', 3], ['hr', 3], ['confidence', 2], ['career_change', 2], ['cv_interview', 1], ['operations', 1], ['international', 1],
  ],
  retired: [
    ['management', 9], ['networking', 9], ['business_plan', 7], ['cv_interview', 7], ['finance', 6], ['confidence', 6], ['career_change', 6],
    ['hr', 5], ['sales', 5], ['operations', 4], ['funding', 4], ['international', 3], ['legal', 3], ['marketing', 3], ['digital', 1],
  ],
};
/** How many languages a mentor speaks besides French. */
export const MENTOR_EXTRA_LANGUAGE_COUNT_WEIGHTS: Weights<number> = [[0, 45], [1, 40], [2, 15]];
/** Languages a mentor speaks besides French. */
export const MENTOR_EXTRA_LANGUAGE_WEIGHTS: Weights<LanguageCode> = [
  ['en', 40], ['es', 12], ['ar', 12], ['it', 10], ['de', 6], ['pt', 4], ['tr', 3], ['hy', 3], ['ro', 2], ['ru', 2], ['zh', 2], ['wo', 2], ['vi', 1],
];
/** Mentor meeting modes: both, in person only, remote only. */
export const MENTOR_MEETING_MODE_WEIGHTS: Weights<readonly MeetingModeCode[]> = [
  [['in_person', 'remote'], 60], [['in_person'], 28], [['remote'], 12],
];
/** Share of active mentors in each dedicated pool (at least {@link POOL_MIN_MEMBERS}). */
export const POOL_SHARE = 0.04;
/** Smallest dedicated pool, when there are that many active mentors. */
export const POOL_MIN_MEMBERS = 3;

const FIRST_NAMES = ['Camille', 'Léa', 'Inès', 'Sarah', 'Manon', 'Chloé', 'Yasmine', 'Nadia', 'Sophie', 'Julie', 'Amina', 'Lucie', 'Marie', 'Fatima', 'Élodie', 'Aïcha', 'Hélène', 'Nathalie', 'Karima', 'Anaïs', 'Lucas', 'Hugo', 'Karim', 'Mehdi', 'Thomas', 'Nicolas', 'Julien', 'Yanis', 'Mohamed', 'Antoine', 'Pierre', 'Rayan', 'Sofiane', 'Olivier', 'Marc', 'Bilal', 'Laurent', 'Théo', 'Franck', 'Adrien'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Garcia', 'Martinez', 'Benali', 'Rossi', 'Ferrari', 'Mansouri', 'Nguyen', 'Durand', 'Lopez', 'Fabre', 'Giraud', 'Chabert', 'Roux', 'Blanc', 'Haddad', 'Bouzid', 'Esposito', 'Mercier', 'Arnaud', 'Sanchez', 'Meyer', 'Petit', 'Moreau', 'Ricci', 'Brun', 'Gauthier', 'Amrani', 'Aubert', 'Barthélemy', 'Olivier', 'Castellan', 'Marchetti', 'Sarkissian', 'Diallo', 'Ndiaye', 'Perrin', 'Rey'];
const COMPANIES = ['Provence Conseil', 'Calanques Digital', 'Méditerranée Logistique', 'Savonnerie du Vieux-Port', 'Banque Populaire Méditerranée', 'CMA CGM', 'Airbus Helicopters', 'Cabinet Giraud & associés', 'La Table d’Aix', 'Sud Bâtiment', 'Indépendant', 'Port de Marseille Fos', 'Hôpital Européen', 'Studio Joliette'];
const JOB_TITLES = ['Directrice générale', 'Directeur commercial', 'Gérant', 'Responsable RH', 'Expert-comptable', 'Cheffe de projet', 'DAF', 'Responsable marketing', 'Ingénieur', 'Consultante', 'Fondateur'];

/** The programme's partners, in id order (p01, p02, …): name and kind. */
const PARTNERS: ReadonlyArray<readonly [string, string]> = [
  ['Mission locale de Marseille', 'youth_employment'],
  ['Mission locale du Pays d’Aix', 'youth_employment'],
  ['Mission locale Est Étang de Berre', 'youth_employment'],
  ['Mission locale Ouest Provence', 'youth_employment'],
  ['Mission locale de La Ciotat', 'youth_employment'],
  ['France Travail Marseille Joliette', 'public_employment'],
  ['France Travail Marseille Saint-Charles', 'public_employment'],
  ['France Travail Aix-en-Provence', 'public_employment'],
  ['France Travail Aubagne', 'public_employment'],
  ['France Travail Martigues', 'public_employment'],
  ['France Travail Vitrolles', 'public_employment'],
  ['Apec Marseille', 'executive_employment'],
  ['Apec Aix-en-Provence', 'executive_employment'],
  ['Initiative Marseille Métropole', 'entrepreneurship_network'],
  ['Initiative Pays d’Aix', 'entrepreneurship_network'],
  ['Initiative Pays de Martigues', 'entrepreneurship_network'],
  ['Réseau Entreprendre Provence', 'entrepreneurship_network'],
  ['BGE Sud', 'entrepreneurship_network'],
  ['Adie Provence', 'microcredit'],
  ['Couveuse Interface', 'business_incubator'],
  ['Pépinière Marseille Innovation', 'business_incubator'],
  ['Cité des entrepreneurs Aix', 'business_incubator'],
  ['Entreprise de travail temporaire d’insertion Sud Intérim', 'integration'],
  ['Association Intermédiaire Pays d’Aubagne', 'integration'],
  ['Chantier d’insertion Calanques Nature', 'integration'],
  ['École de la deuxième chance de Marseille', 'integration'],
  ['EPIDE Marseille', 'integration'],
  ['Cap Emploi 13', 'disability_employment'],
  ['Maison de l’emploi de Marseille', 'public_employment'],
  ['Cité des métiers de Marseille', 'public_employment'],
  ['Programme Ambition Cadres (6 semaines)', 'executive_employment'],
  ['Club des entrepreneurs des quartiers Nord', 'entrepreneurship_network'],
  ['Université Aix-Marseille — Pépite', 'student_entrepreneurship'],
  ['Centre d’information sur les droits des femmes 13', 'integration'],
];

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

export interface ProgrammeSpec {
  /** Same seed, same programme (byte for byte). Only its low 32 bits count. */
  seed: number;
  mentors: number;
  mentees: number;
  /**
   * 'demo': statuses spread over the whole life cycle, as the local demo shows (mentor mix roughly
   *   pending_verification 3 %, pending_validation 9 %, active 78 %, paused 7 %, inactive 3 %;
   *   mentee mix pending_verification 6 %, awaiting_match 2 %, unmatched 6 %, matching_failed 0.5 %, in_tandem 64 %, closed 21 %;
   *   exactly {@link MENTOR_STATUS_MIX} / {@link MENTEE_STATUS_MIX} for 250 / 420, scaled otherwise);
   * 'cohort': every mentor `active` with free capacity and every mentee `awaiting_match` (a matching round).
   * @default 'demo'
   */
  lifecycle?: 'demo' | 'cohort';
  /** Inclusive range of mentor capacity. @default [1, 3] for 'cohort', the demo's mix 1–5 for 'demo' */
  capacity?: readonly [number, number];
  /** Reference instant for createdAt/verifiedAt (ISO strings in the past of it). @default 2026-11-01T00:00:00Z */
  now?: Date;
}

export interface SyntheticProgramme {
  /** The programme's 34 partners, fixed ids p01..p34 (created 410 to 1400 days before `now`). */
  partners: Partner[];
  /** Ids `mentor-0000-demo`, `mentor-0001-demo`, … */
  mentors: MentorProfile[];
  /** Ids `mentee-0000-demo`, … */
  mentees: MenteeProfile[];
  /** Members of each dedicated pool: partner id → mentor ids (only partners with dedicatedPool). */
  poolMembers: Record<string, string[]>;
}

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element, uniformly. */
  pick<T>(l: readonly T[]): T;
  /** Between min and max distinct elements (as many as the list has at most), in random order. */
  some<T>(l: readonly T[], min: number, max: number): T[];
  /** A picker drawing elements in proportion to their (non-negative) weight; O(log n) per draw. */
  weighted<T>(items: readonly T[], weight: (t: T) => number): () => T;
}

/** The seeded PRNG (mulberry32) and its helpers, exported for tests and benchmarks. */
export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new RangeError('pick: empty list');
    return list[Math.floor(next() * list.length)]!;
  };
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    const n = Math.min(pool.length, int(min, max));
    while (out.length < n) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  const weighted = <T>(items: readonly T[], weight: (t: T) => number) => {
    // Cumulative weights, then a binary search per draw: the first item whose cumulative weight exceeds r.
    const cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach((item, i) => {
      const w = weight(item);
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weighted: bad weight ${w}`);
      total += w;
      cumulative[i] = total;
    });
    if (!(total > 0)) throw new RangeError('weighted: no positive weight');
    return () => {
      const r = next() * total;
      let lo = 0;
      let hi = items.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      return items[lo]!;
    };
  };
  return { next, int, pick, some, weighted };
}

/** The 34 partners of the programme, created 410 to 1400 days before `now`. */
export function syntheticPartners(now: Date = DEFAULT_NOW): Partner[] {
  return PARTNERS.map(([name, kind], i) => ({
    id: `p${String(i + 1).padStart(2, '0')}`,
    name,
    kind,
    status: 'active',
    // The six-week executive programme brings its own mentors.
    dedicatedPool: kind === 'executive_employment' && name.includes('Programme'),
    createdAt: new Date(now.getTime() - (1400 - i * 30) * 86400_000).toISOString(),
    // A demo address (reserved domain): introductions and reports to the partner land in the local mailbox.
    contactEmail: `contact@${partnerSlug(name)}.example.org`,
  }));
}

/** `Mission locale du Pays d’Aix` → `mission-locale-du-pays-d-aix`. */
const partnerSlug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Demo id: `mentor-0042-demo`. */
export const seededId = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}-demo`;

/**
 * Splits `total` over the mix in proportion to its weights (largest remainder, ties in list
 * order): the mix itself when `total` is the sum of its weights.
 */
export function apportion<T>(mix: Weights<T>, total: number): Array<[T, number]> {
  const sum = mix.reduce((s, [, w]) => s + w, 0);
  const exact = mix.map(([, w]) => (w * total) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => [e - counts[i]!, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return mix.map(([item], i) => [item, counts[i]!]);
}

/** Communes of the metropolis usable in an address, and mentors' communes elsewhere in 13 and 83. */
interface Places {
  metropolis: readonly Commune[];
  outside: readonly Commune[];
}
let places: Places | undefined;

/**
 * Communes of a département usable in an address, by code. The reference module lists communes
 * per EPCI only, so this walks the département's INSEE codes (`13001` … `13999`) with getCommune.
 */
function communesOfDepartement(departement: string): Commune[] {
  const found: Commune[] = [];
  for (let n = 1; n <= 999; n++) {
    const commune = getCommune(departement + String(n).padStart(3, '0'));
    if (commune) found.push(commune);
  }
  const parents = new Set(found.map((c) => c.parent).filter((p) => p !== undefined));
  return found.filter((c) => !parents.has(c.code));
}

/** A commune a sign-up may name: every postal code known and served by it, and people live there. */
const addressable = (c: Commune) =>
  c.population > 0 && c.postalCodes.length > 0 && c.postalCodes.every((pc) => isKnownPostalCode(pc) && communeMatchesPostalCode(c.code, pc));

/**
 * Communes of a département a sign-up may name (every postal code known and served by it, people
 * live there), for programmes reaching beyond the metropolis (the demo's history).
 */
export function addressableCommunesOf(departement: string): Commune[] {
  return communesOfDepartement(departement).filter(addressable);
}

function loadPlaces(): Places {
  if (places) return places;
  const metropolis = communesOfEpci(AIX_MARSEILLE_PROVENCE).filter(addressable);
  const outside = OUTSIDE_DEPARTEMENTS.flatMap(communesOfDepartement).filter((c) => c.epci !== AIX_MARSEILLE_PROVENCE && addressable(c));
  if (metropolis.length === 0) throw new Error('No commune of Aix-Marseille-Provence in the reference data.');
  places = { metropolis, outside };
  return places;
}

const slug = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, '');
const DAY_SECONDS = 86400;

/** Distinct items drawn in proportion to their weights, without replacement (for short lists). */
function drawDistinct<T>(r: SeededRandom, weights: Weights<T>, count: number): T[] {
  const left = weights.map(([, w]) => w);
  const out: T[] = [];
  const n = Math.min(count, left.filter((w) => w > 0).length);
  while (out.length < n) {
    let x = r.next() * left.reduce((s, w) => s + w, 0);
    let chosen = -1;
    for (let i = 0; i < left.length; i++) {
      if (left[i]! <= 0) continue;
      chosen = i; // the last positive one when rounding runs off the end of the scale
      x -= left[i]!;
      if (x < 0) break;
    }
    out.push(weights[chosen]![0]);
    left[chosen] = 0;
  }
  return out;
}

function checkSpec(spec: ProgrammeSpec): void {
  const count = (n: number, what: string) => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  };
  if (!Number.isFinite(spec.seed)) throw new RangeError(`seed must be a finite number, got ${spec.seed}`);
  count(spec.mentors, 'mentors');
  count(spec.mentees, 'mentees');
  if (spec.capacity) {
    const [min, max] = spec.capacity;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 5 || min > max) {
      throw new RangeError(`capacity must be a range of integers within 1–5, got [${min}, ${max}]`);
    }
  }
  if (spec.now && Number.isNaN(spec.now.getTime())) throw new RangeError('now is not a valid date');
}

/** Shuffles in place (Fisher–Yates) with the stream. */
function shuffle<T>(r: SeededRandom, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** `total` statuses, shuffled: the mix's proportions, so ids do not come grouped by status. */
function statusSequence<S>(r: SeededRandom, mix: Weights<S>, total: number): S[] {
  return shuffle(
    r,
    apportion(mix, total).flatMap(([status, n]) => new Array<S>(n).fill(status)),
  );
}

const picker = <T>(r: SeededRandom, weights: Weights<T>) => {
  const draw = r.weighted(weights, ([, w]) => w);
  return () => draw()[0];
};

/** A synthetic programme, entirely determined by the spec. */
export function generateProgramme(spec: ProgrammeSpec): SyntheticProgramme {
  checkSpec(spec);
  const lifecycle = spec.lifecycle ?? 'demo';
  const now = (spec.now ?? DEFAULT_NOW).getTime();
  const cohort = lifecycle === 'cohort';
  const capacityRange = spec.capacity ?? (cohort ? COHORT_CAPACITY : undefined);
  const r = seededRandom(spec.seed);
  const partners = syntheticPartners(spec.now ?? DEFAULT_NOW);
  const { metropolis, outside } = loadPlaces();

  // Pickers, built once (cumulative weights + binary search).
  const metropolisPlace = r.weighted(metropolis, (c) => c.population);
  const outsidePlace = outside.length > 0 ? r.weighted(outside, (c) => c.population) : metropolisPlace;
  const menteeTrack = picker(r, MENTEE_TRACK_WEIGHTS);
  const menteeSector = picker(r, MENTEE_SECTOR_WEIGHTS);
  const menteeNeedCount = picker(r, MENTEE_NEED_COUNT_WEIGHTS);
  const secondLanguage = picker(r, MENTEE_SECOND_LANGUAGE_WEIGHTS);
  const noFrench = picker(r, MENTEE_NO_FRENCH_LANGUAGES);
  const menteeModes = picker(r, MENTEE_MEETING_MODE_WEIGHTS);
  const referrer = {
    job_search: r.weighted(partners, (p) => (PARTNER_KINDS_BY_TRACK.job_search.includes(p.kind) ? PARTNER_TRACK_AFFINITY : 1)),
    business_creation: r.weighted(partners, (p) => (PARTNER_KINDS_BY_TRACK.business_creation.includes(p.kind) ? PARTNER_TRACK_AFFINITY : 1)),
  } satisfies Record<TrackCode, () => Partner>;
  const mentorProfile = picker(r, MENTOR_PROFILE_WEIGHTS);
  const mentorTracks = {
    entrepreneur: picker(r, MENTOR_TRACK_WEIGHTS.entrepreneur),
    executive: picker(r, MENTOR_TRACK_WEIGHTS.executive),
    employee: picker(r, MENTOR_TRACK_WEIGHTS.employee),
    independent: picker(r, MENTOR_TRACK_WEIGHTS.independent),
    retired: picker(r, MENTOR_TRACK_WEIGHTS.retired),
  } satisfies Record<ProfileCode, () => readonly TrackCode[]>;
  const mentorSectorCount = picker(r, MENTOR_SECTOR_COUNT_WEIGHTS);
  const extraLanguageCount = picker(r, MENTOR_EXTRA_LANGUAGE_COUNT_WEIGHTS);
  const mentorModes = picker(r, MENTOR_MEETING_MODE_WEIGHTS);

  const instant = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  /** Sign-up and confirmation instants for someone who signed up [min, max] days ago. */
  const dates = (ageDays: readonly [number, number], verified: boolean) => {
    // At least the confirmation delay ago when verified, so that confirmation is in the past too.
    const floor = verified ? VERIFICATION_DELAY_SECONDS[1] + 60 : 60;
    const age = Math.max(floor, r.int(ageDays[0] * DAY_SECONDS, ageDays[1] * DAY_SECONDS));
    const createdAt = instant(age);
    const verifiedAt = verified ? instant(age - r.int(VERIFICATION_DELAY_SECONDS[0], VERIFICATION_DELAY_SECONDS[1])) : undefined;
    return { createdAt, verifiedAt };
  };
  const identity = (n: number, role: 'mentor' | 'mentee') => {
    const firstName = r.pick(FIRST_NAMES);
    const lastName = r.pick(LAST_NAMES);
    return { firstName, lastName, email: `${slug(firstName)}.${slug(lastName)}.${role}${n}@demo.tandem.local` };
  };
  const where = (c: Commune) => ({ postalCode: r.pick(c.postalCodes), communeCode: c.code });
  const locale = (languages: readonly LanguageCode[]): 'fr' | 'en' => {
    const english = r.next() < ENGLISH_LOCALE_SHARE; // drawn for everyone: one draw per person
    return languages.includes('fr') && !english ? 'fr' : 'en';
  };

  /** What every person record carries (the locale draw keeps its place in the stream). */
  const person = <R extends 'mentor' | 'mentee', S>(role: R, n: number, status: S, who: ReturnType<typeof identity>, languages: readonly LanguageCode[], createdAt: string, verifiedAt: string | undefined) => ({
    id: seededId(role, n),
    role,
    status,
    email: who.email,
    locale: locale(languages),
    createdAt,
    consentAt: createdAt,
    consentVersion: CONSENT_VERSION,
    ...(verifiedAt ? { verifiedAt } : {}),
    firstName: who.firstName,
    lastName: who.lastName,
  });

  const mentors: MentorProfile[] = [];
  const mentorStatuses: MentorStatus[] = cohort ? new Array<MentorStatus>(spec.mentors).fill('active') : statusSequence(r, MENTOR_STATUS_MIX, spec.mentors);
  mentorStatuses.forEach((status, n) => {
    const who = identity(n, 'mentor');
    const verified = status !== 'pending_verification';
    const { createdAt, verifiedAt } = dates(MENTOR_AGE_DAYS[status], verified);
    const profile = mentorProfile();
    const tracks = [...mentorTracks[profile]()];
    const sectors = drawDistinct(r, MENTOR_SECTOR_WEIGHTS, mentorSectorCount());
    const broad = r.next() < BROAD_MENTOR_SHARE;
    const [eMin, eMax] = broad ? BROAD_MENTOR_EXPERTISE_COUNT : MENTOR_EXPERTISE_COUNT;
    const expertise = drawDistinct(r, MENTOR_EXPERTISE_WEIGHTS[profile], r.int(eMin, eMax));
    const languages: LanguageCode[] = ['fr', ...drawDistinct(r, MENTOR_EXTRA_LANGUAGE_WEIGHTS, extraLanguageCount())];
    const home = r.next() < MENTOR_OUTSIDE_METROPOLIS_SHARE ? outsidePlace() : metropolisPlace();
    const place = where(home);
    const meetingModes = [...mentorModes()];
    const company = r.pick(COMPANIES);
    const jobTitle = r.pick(JOB_TITLES);
    const capacity = capacityRange ? r.int(capacityRange[0], capacityRange[1]) : r.pick(DEMO_CAPACITY_MIX);
    let activeMentees = 0;
    if (cohort) activeMentees = r.next() < COHORT_IDLE_MENTOR_SHARE || capacity === 1 ? 0 : r.int(1, capacity - 1);
    else if (status === 'active') activeMentees = r.int(0, capacity);
    mentors.push({
      ...person('mentor', n, status, who, languages, createdAt, verifiedAt),
      company,
      jobTitle,
      profile,
      tracks,
      sectors,
      expertise,
      languages,
      ...place,
      meetingModes,
      capacity,
      activeMentees,
    });
  });

  const mentees: MenteeProfile[] = [];
  const menteeStatuses: MenteeStatus[] = cohort ? new Array<MenteeStatus>(spec.mentees).fill('awaiting_match') : statusSequence(r, MENTEE_STATUS_MIX, spec.mentees);
  menteeStatuses.forEach((status, n) => {
    const who = identity(n, 'mentee');
    const verified = status !== 'pending_verification';
    const { createdAt, verifiedAt } = dates(MENTEE_AGE_DAYS[status], verified);
    const track = menteeTrack();
    const sector = menteeSector();
    const needs = drawDistinct(r, MENTEE_NEED_WEIGHTS[track], menteeNeedCount());
    const spoken = r.next();
    const languages: LanguageCode[] =
      spoken < MENTEE_NO_FRENCH_SHARE ? [...noFrench()] : spoken < MENTEE_NO_FRENCH_SHARE + MENTEE_FRENCH_ONLY_SHARE ? ['fr'] : ['fr', secondLanguage()];
    const place = where(metropolisPlace());
    const meetingModes = [...menteeModes()];
    const partner = r.next() < MENTEE_REFERRED_SHARE ? referrer[track]() : undefined;
    mentees.push({
      ...person('mentee', n, status, who, languages, createdAt, verifiedAt),
      track,
      sector,
      needs,
      languages,
      ...place,
      meetingModes,
      ...(partner ? { partnerId: partner.id } : {}),
    });
  });

  const active = mentors.filter((m) => m.status === 'active').map((m) => m.id);
  const poolMembers: Record<string, string[]> = {};
  for (const partner of partners) {
    if (!partner.dedicatedPool) continue;
    const size = Math.min(active.length, Math.max(POOL_MIN_MEMBERS, Math.round(POOL_SHARE * active.length)));
    // Partial Fisher–Yates: the first `size` of a seeded permutation, listed in id order.
    const ids = [...active];
    for (let i = 0; i < size; i++) {
      const j = r.int(i, ids.length - 1);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    poolMembers[partner.id] = ids.slice(0, size).sort();
  }

  return { partners, mentors, mentees, poolMembers };
}
