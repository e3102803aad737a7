import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION, type MenteeProfile } from '../../shared/domain/people';
import {
  DEFAULT_MATCHING_CONFIG,
  assign,
  EXCLUSION_CODES,
  MatchingConfigError,
  MatchingInputError,
  POINTS_SCALE,
  REASON_CODES,
  explainPair,
  matchingConfig,
  matchingInputs,
  menteeRequest,
  organisationKey,
  placeOf,
  prepareMentors,
  rank,
  type Criterion,
  type ExclusionCode,
  type ExclusionCounts,
  type MatchingConfigInput,
  type MenteeRequest,
  type MentorCandidate,
  type RankedCandidate,
  type ReasonCode,
} from '../../shared/matching';
import { generateProgramme } from '../../shared/synthetic/generator';
import { findCommunesByPostalCode } from '../../shared/reference/communes';

// Real places (official codes): Marseille arrondissements are one city, Aix and Marseille share
// a metropolis, Tarascon and Boulbon another EPCI of the Bouches-du-Rhône, Toulon and Nice the
// region only, Lyon nothing.
const MARSEILLE = placeOf('13001', '13201');
const MARSEILLE_8 = placeOf('13008', '13208');
const AIX = placeOf('13100', '13001');
const AUBAGNE = placeOf('13400', '13005');
const TARASCON = placeOf('13150', '13108');
const BOULBON = placeOf('13150', '13017');
const TOULON = placeOf('83000');
const NICE = placeOf('06000');
const LYON = placeOf('69001', '69381');
const NOWHERE = placeOf('99999');

const { weights: W, geography: G, profileFit: FIT } = DEFAULT_MATCHING_CONFIG;
/** Sum of the default weights: each part of the score is weight × component / TOTAL. */
const TOTAL = W.sector + W.needs + W.geography + W.profile + W.load;
/** A share of the score, rounded as the engine shows it (four decimals). */
const pts = (x: number) => Math.round(x * POINTS_SCALE) / POINTS_SCALE;

function mentor(overrides: Partial<MentorCandidate> = {}): MentorCandidate {
  return {
    id: 'mentor-a',
    status: 'active',
    profile: 'executive',
    tracks: ['job_search', 'business_creation'],
    sectors: ['G'],
    expertise: ['business_plan'],
    languages: ['fr'],
    meetingModes: ['in_person', 'remote'],
    place: MARSEILLE,
    capacity: 2,
    activeMentees: 0,
    ...overrides,
  };
}

function mentee(overrides: Partial<MenteeRequest> = {}): MenteeRequest {
  return {
    id: 'mentee-1',
    track: 'business_creation',
    sector: 'G',
    needs: ['business_plan'],
    languages: ['fr'],
    meetingModes: ['in_person', 'remote'],
    place: MARSEILLE,
    ...overrides,
  };
}

/** A stored mentee profile, for the `menteeRequest` conversion. */
function menteeProfile(overrides: Partial<MenteeProfile> = {}): MenteeProfile {
  return {
    id: 'mentee-1',
    role: 'mentee',
    status: 'awaiting_match',
    email: 'ines.martin@example.org',
    locale: 'fr',
    createdAt: '2026-10-01T09:00:00.000Z',
    consentAt: '2026-10-01T09:00:00.000Z',
    consentVersion: CONSENT_VERSION,
    firstName: 'Inès',
    lastName: 'Martin',
    track: 'business_creation',
    sector: 'G',
    needs: ['business_plan'],
    languages: ['fr'],
    postalCode: '13001',
    communeCode: '13201',
    meetingModes: ['in_person', 'remote'],
    ...overrides,
  };
}

const counts = (code?: ExclusionCode): ExclusionCounts =>
  Object.fromEntries(EXCLUSION_CODES.map((c) => [c, c === code ? 1 : 0])) as ExclusionCounts;

/** How `rank` treats one pair: 'allowed', or the exclusion it counted. */
function outcome(e: MenteeRequest, m: MentorCandidate): ExclusionCode | 'allowed' {
  const result = rank(e, [m]);
  if (result.compatible === 1) return 'allowed';
  return EXCLUSION_CODES.find((c) => result.excluded[c] === 1)!;
}

/** Reasons add up to the score (each is rounded on its own) and come largest share first. */
function expectConsistent(candidate: Pick<RankedCandidate, 'score' | 'reasons'>) {
  const sum = candidate.reasons.reduce((total, r) => total + r.points, 0);
  expect(Math.abs(sum - candidate.score)).toBeLessThanOrEqual(0.0001 * candidate.reasons.length);
  const points = candidate.reasons.map((r) => r.points);
  expect(points).toEqual([...points].sort((a, b) => b - a));
}

/** The only candidate for one pair, checked for consistency. */
function onlyCandidate(e: MenteeRequest, m: MentorCandidate): RankedCandidate {
  const result = rank(e, [m]);
  expect(result.candidates).toHaveLength(1);
  expectConsistent(result.candidates[0]!);
  return result.candidates[0]!;
}

describe('rank: hard constraints', () => {
  const fromProfile = menteeRequest(menteeProfile(), { conflictingOrganisations: ['Provence Conseil'] });
  const cases: [ExclusionCode, Partial<MentorCandidate>, Partial<MenteeRequest>][] = [
    ['mentor_not_active', { status: 'paused' }, {}],
    ['no_capacity', { capacity: 2, activeMentees: 2 }, {}],
    ['track_not_offered', { tracks: ['job_search'] }, { track: 'business_creation' }],
    ['no_shared_language', { languages: ['en', 'es'] }, { languages: ['fr', 'ar'] }],
    ['meeting_mode_incompatible', { meetingModes: ['in_person'] }, { meetingModes: ['remote'] }],
    ['too_far_for_in_person', { meetingModes: ['in_person'], place: TOULON }, { meetingModes: ['in_person'] }],
    ['declined_before', {}, { history: { declinedBy: ['mentor-bad'] } }],
    ['ended_before', {}, { history: { endedWith: ['mentor-bad'] } }],
    ['conflict_of_interest', { organisation: organisationKey('PROVENCE  Conseil ') }, { conflictingOrganisations: fromProfile.conflictingOrganisations }],
    ['outside_dedicated_pool', {}, { dedicatedPool: 'p31' }],
  ];

  it('has one case per code that rank can produce (all but forbidden_pair, which is for assign)', () => {
    expect(cases.map(([code]) => code)).toEqual(EXCLUSION_CODES.filter((c) => c !== 'forbidden_pair'));
  });

  it.each(cases)('%s: leaves out the mentor that breaks only this rule, and counts it once', (code, bad, request) => {
    // Arrange: the other mentor is in pool p31, which matters only to a dedicated-pool mentee
    const e = mentee(request);
    const mentors = [mentor({ id: 'mentor-bad', ...bad }), mentor({ id: 'mentor-ok', pools: ['p31'] })];

    // Act
    const result = rank(e, mentors);
    const explained = explainPair(e, mentors[0]!);

    // Assert
    expect(result.candidates.map((c) => c.mentorId)).toEqual(['mentor-ok']);
    expect(result.compatible).toBe(1);
    expect(result.excluded).toEqual(counts(code));
    expect(explained).toEqual({ compatible: false, exclusion: { code, text: { fr: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) } } });
    if (!explained.compatible) expect(explained.exclusion.text.fr).not.toBe(explained.exclusion.text.en);
  });

  it('counts a mentor under the first rule it breaks only: inactive and no shared language is mentor_not_active', () => {
    const result = rank(mentee(), [mentor({ status: 'inactive', languages: ['de'] })]);

    expect(result.excluded).toEqual(counts('mentor_not_active'));
    expect(result.compatible).toBe(0);
  });

  it('also refuses a mentor whose mentees exceed the capacity, or with no capacity at all', () => {
    expect(outcome(mentee(), mentor({ capacity: 2, activeMentees: 3 }))).toBe('no_capacity');
    expect(outcome(mentee(), mentor({ capacity: 0 }))).toBe('no_capacity');
    expect(outcome(mentee(), mentor({ capacity: 2, activeMentees: 1 }))).toBe('allowed');
  });

  it('ignores history entries about mentors who are not in the pool', () => {
    const e = mentee({ history: { declinedBy: ['someone-else'], endedWith: ['another'] } });

    expect(outcome(e, mentor())).toBe('allowed');
  });

  describe('meeting modes and distance', () => {
    const IN = ['in_person'] as const;
    const REMOTE = ['remote'] as const;
    const BOTH = ['in_person', 'remote'] as const;
    it.each([
      ['remote-only mentee, in-person-only mentor', REMOTE, IN, MARSEILLE, 'meeting_mode_incompatible'],
      ['both in person only, Marseille and Toulon', IN, IN, TOULON, 'too_far_for_in_person'],
      ['both in person only, Marseille and Aix (same département)', IN, IN, AIX, 'allowed'],
      ['in-person-only mentee, mentor both, same département', IN, BOTH, TARASCON, 'allowed'],
      ['in-person-only mentee, mentor both, Nice', IN, BOTH, NICE, 'too_far_for_in_person'],
      ['mentee both, in-person-only mentor, Aubagne', BOTH, IN, AUBAGNE, 'allowed'],
      ['mentee both, in-person-only mentor, Toulon', BOTH, IN, TOULON, 'too_far_for_in_person'],
      ['remote-only mentee, mentor both, Lyon', REMOTE, BOTH, LYON, 'allowed'],
      ['both sides both, Lyon', BOTH, BOTH, LYON, 'allowed'],
    ] as const)('%s → %s', (_label, menteeModes, mentorModes, mentorPlace, expected) => {
      const e = mentee({ meetingModes: menteeModes, place: MARSEILLE });
      const m = mentor({ meetingModes: mentorModes, place: mentorPlace });

      expect(outcome(e, m)).toBe(expected);
    });
  });

  describe('conflicts of interest', () => {
    it('normalises organisation names: accents, case, spaces, & → et; "Indépendant" is no organisation', () => {
      expect(organisationKey('PROVENCE  Conseil ')).toBe('provence conseil');
      expect(organisationKey('Cabinet Giraud & Associés ')).toBe(organisationKey('cabinet giraud et associes'));
      expect(organisationKey('Société Générale')).toBe('societe generale');
      expect(organisationKey('Indépendant')).toBeUndefined();
      expect(organisationKey('indépendante')).toBeUndefined();
      expect(organisationKey(' & ')).toBe('et');
      expect(organisationKey('  ')).toBeUndefined();
      expect(organisationKey(undefined)).toBeUndefined();
    });

    it('excludes the mentor of a conflicting organisation named as typed, through menteeRequest', () => {
      // Arrange
      const e = menteeRequest(menteeProfile(), { conflictingOrganisations: ['Provence Conseil', 'Indépendant'] });
      const same = mentor({ id: 'same', organisation: organisationKey('PROVENCE  Conseil ') });
      const other = mentor({ id: 'other', organisation: organisationKey('Provence Audit') });
      const independent = mentor({ id: 'independent', organisation: organisationKey('Indépendant') });

      // Act
      const result = rank(e, [same, other, independent]);

      // Assert
      expect(e.conflictingOrganisations).toEqual(['provence conseil']);
      expect(result.candidates.map((c) => c.mentorId).sort()).toEqual(['independent', 'other']);
      expect(result.excluded.conflict_of_interest).toBe(1);
    });
  });

  describe('dedicated pools', () => {
    it("keeps only the partner's pool members for a dedicated-pool mentee", () => {
      const e = mentee({ dedicatedPool: 'p31' });

      expect(outcome(e, mentor({ pools: undefined }))).toBe('outside_dedicated_pool');
      expect(outcome(e, mentor({ pools: ['p07'] }))).toBe('outside_dedicated_pool');
      expect(outcome(e, mentor({ pools: ['p07', 'p31'] }))).toBe('allowed');
      expect(outcome(mentee(), mentor({ pools: ['p31'] }))).toBe('allowed');
    });

    it('excludes everyone when nobody belongs to the required pool', () => {
      const result = rank(mentee({ dedicatedPool: 'p99' }), [mentor({ id: 'a', pools: ['p31'] }), mentor({ id: 'b' })]);

      expect(result.candidates).toEqual([]);
      expect(result.compatible).toBe(0);
      expect(result.excluded.outside_dedicated_pool).toBe(2);
    });

    it('takes the pool from the referring partner only when the partner has one (menteeRequest)', () => {
      const profile = menteeProfile({ partnerId: 'p31' });

      expect(menteeRequest(profile, { partnerHasDedicatedPool: true }).dedicatedPool).toBe('p31');
      expect(menteeRequest(profile).dedicatedPool).toBeUndefined();
    });

    it('builds a whole programme: mentors carry their pools, referred mentees their partner\'s pool, extras kept (matchingInputs)', () => {
      const programme = generateProgramme({ seed: 7, mentors: 200, mentees: 300 });
      const dedicated = programme.partners.find((p) => p.dedicatedPool)!;
      const members = new Set(programme.poolMembers[dedicated.id]);

      const { mentors, mentees } = matchingInputs(programme, (profile) => (profile.partnerId === dedicated.id ? { history: { declinedBy: ['x'] } } : {}));

      expect(members.size).toBeGreaterThan(0);
      for (const m of mentors) expect(m.pools?.includes(dedicated.id) ?? false).toBe(members.has(m.id));
      const referred = mentees.filter((m, k) => programme.mentees[k]!.partnerId === dedicated.id);
      expect(referred.length).toBeGreaterThan(0);
      for (const m of referred) expect(m).toMatchObject({ dedicatedPool: dedicated.id, history: { declinedBy: ['x'] } });
      for (const m of mentees.filter((m) => !referred.includes(m))) expect(m.dedicatedPool).toBeUndefined();
    });
  });
});

describe('rank: reasons', () => {
  interface ReasonCase {
    code: ReasonCode;
    mentor?: Partial<MentorCandidate>;
    mentee?: Partial<MenteeRequest>;
    criterion: Criterion;
    points: number;
    fr: string;
    en?: string;
  }
  const threeNeeds: Partial<MenteeRequest> = { needs: ['business_plan', 'funding', 'legal'] };
  const cases: ReasonCase[] = [
    { code: 'same_sector', mentor: { sectors: ['C', 'G'] }, criterion: 'sector', points: pts(W.sector / TOTAL), fr: 'Même secteur\u00a0: commerce', en: 'Same sector: wholesale and retail trade' },
    { code: 'other_sector', mentor: { sectors: ['C'] }, criterion: 'sector', points: 0, fr: 'Pas du même secteur (personne accompagnée\u00a0: commerce)' },
    { code: 'need_covered', mentee: threeNeeds, criterion: 'needs', points: pts(W.needs / 3 / TOTAL), fr: 'Besoin ↔ expertise\u00a0: business plan et modèle économique' },
    { code: 'needs_not_covered', mentee: threeNeeds, criterion: 'needs', points: 0, fr: 'Besoins non couverts\u00a0: financement et levée de fonds, juridique et statuts' },
    { code: 'same_commune', mentor: { place: MARSEILLE_8 }, criterion: 'geography', points: pts((W.geography * G.commune) / TOTAL), fr: 'Même commune', en: 'Same commune' },
    { code: 'same_epci', mentee: { place: AIX }, criterion: 'geography', points: pts((W.geography * G.epci) / TOTAL), fr: 'Même métropole\u00a0: Métropole d’Aix-Marseille-Provence', en: 'Same metropolis: Métropole d’Aix-Marseille-Provence' },
    { code: 'same_epci', mentee: { place: TARASCON }, mentor: { place: BOULBON }, criterion: 'geography', points: pts((W.geography * G.epci) / TOTAL), fr: "Même intercommunalité\u00a0: CA d’Arles-Crau-Camargue-Montagnette" },
    { code: 'same_departement', mentor: { place: TARASCON }, criterion: 'geography', points: pts((W.geography * G.departement) / TOTAL), fr: 'Même département\u00a0: Bouches-du-Rhône' },
    { code: 'same_region', mentor: { place: NICE }, criterion: 'geography', points: pts((W.geography * G.region) / TOTAL), fr: "Même région\u00a0: Provence-Alpes-Côte d’Azur" },
    { code: 'far_away', mentor: { place: LYON }, criterion: 'geography', points: pts((W.geography * G.elsewhere) / TOTAL), fr: 'Éloignés\u00a0: rencontres à distance', en: 'Far apart: remote meetings' },
    { code: 'profile_fit', mentor: { profile: 'entrepreneur' }, criterion: 'profile', points: pts((W.profile * FIT.business_creation.entrepreneur) / TOTAL), fr: 'Chef·fe d’entreprise ou entrepreneur·e pour un projet de création ou de reprise' },
    { code: 'profile_fit', mentor: { profile: 'employee' }, criterion: 'profile', points: pts((W.profile * FIT.business_creation.employee) / TOTAL), fr: 'Salarié·e pour un projet de création ou de reprise' },
    { code: 'profile_fit', mentee: { track: 'job_search' }, criterion: 'profile', points: pts((W.profile * FIT.job_search.executive) / TOTAL), fr: 'Cadre de direction pour une recherche d’emploi', en: 'Executive for a job search' },
    { code: 'load', mentor: { activeMentees: 1, capacity: 2 }, criterion: 'load', points: pts((W.load * 1) / 2 / TOTAL), fr: 'Déjà 1 personne accompagnée sur 2', en: 'Already 1 mentee out of 2' },
    { code: 'load', mentor: { activeMentees: 2, capacity: 3 }, criterion: 'load', points: pts((W.load * 1) / 3 / TOTAL), fr: 'Déjà 2 personnes accompagnées sur 3' },
    { code: 'load', mentor: { activeMentees: 0, capacity: 2 }, criterion: 'load', points: pts(W.load / TOTAL), fr: 'Aucune personne accompagnée en ce moment (2 places)', en: 'No mentee yet (2 places)' },
    { code: 'load', mentor: { activeMentees: 0, capacity: 1 }, criterion: 'load', points: pts(W.load / TOTAL), fr: 'Aucune personne accompagnée en ce moment (1 place)' },
  ];

  it('covers every reason code', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(REASON_CODES));
  });

  it.each(cases)('$code: $fr', ({ code, mentor: m, mentee: e, criterion, points, fr, en }) => {
    // Act
    const candidate = onlyCandidate(mentee(e), mentor(m));

    // Assert
    const reason = candidate.reasons.find((r) => r.code === code && r.text.fr === fr);
    expect(reason, candidate.reasons.map((r) => r.text.fr).join(' / ')).toBeDefined();
    expect(reason!.criterion).toBe(criterion);
    expect(reason!.points).toBeCloseTo(points, 10);
    expect(reason!.text.en).toMatch(/\S/);
    if (en !== undefined) expect(reason!.text.en).toBe(en);
  });

  it('gives one reason per criterion, one per covered need, and one for the missing needs', () => {
    const candidate = onlyCandidate(mentee({ needs: ['business_plan', 'funding', 'legal'] }), mentor({ expertise: ['legal', 'business_plan'] }));

    expect(candidate.reasons.map((r) => r.code).sort()).toEqual(['load', 'need_covered', 'need_covered', 'needs_not_covered', 'profile_fit', 'same_commune', 'same_sector']);
    expect(candidate.reasons.find((r) => r.code === 'needs_not_covered')!.params).toEqual({ needs: 'funding' });
  });

  it('explainPair gives the same score and reasons as rank', () => {
    const e = mentee({ place: AIX, needs: ['business_plan', 'funding'] });
    const m = mentor({ activeMentees: 1 });

    const { score, reasons } = onlyCandidate(e, m);

    expect(explainPair(e, m)).toEqual({ compatible: true, score, reasons });
  });
});

describe('rank: scores', () => {
  it('follows the documented formula with the default weights', () => {
    // Arrange: same sector, 2 of 3 needs, same metropolis, executive for a creation, 1 of 2 places used
    const e = mentee({ place: AIX, needs: ['business_plan', 'funding', 'legal'] });
    const m = mentor({ place: MARSEILLE, sectors: ['G'], expertise: ['business_plan', 'funding', 'marketing'], profile: 'executive', capacity: 2, activeMentees: 1 });
    const expected = (W.sector * 1 + W.needs * (2 / 3) + W.geography * G.epci + W.profile * FIT.business_creation.executive + W.load * (1 / 2)) / TOTAL;

    // Act
    const candidate = onlyCandidate(e, m);

    // Assert
    expect(candidate.score).toBe(pts(expected));
    expect(candidate.score).toBe(0.7333);
  });

  it('scores a perfect pair 1 and keeps every score within [0, 1]', () => {
    const perfect = mentor({ id: 'perfect', profile: 'entrepreneur' });
    const others = [mentor({ id: 'far', place: LYON, sectors: ['A'], expertise: ['hr'] }), mentor({ id: 'busy', activeMentees: 1, profile: 'employee', place: TOULON })];

    const result = rank(mentee(), [perfect, ...others]);

    expect(result.candidates[0]).toMatchObject({ mentorId: 'perfect', score: 1 });
    for (const c of result.candidates) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expectConsistent(c);
    }
  });

  it('gives a compatible pair worth nothing the floor of 0.0001', () => {
    // Arrange: no free place means no_capacity, so the load part is weighted 0 to reach a zero sum
    const config = { weights: { load: 0 }, profileFit: { business_creation: { employee: 0 } } };
    const e = mentee({ needs: ['funding'] });
    const m = mentor({ sectors: ['A'], expertise: ['hr'], place: LYON, profile: 'employee' });

    // Act
    const result = rank(e, [m], { config });

    // Assert
    expect(result.candidates[0]!.score).toBe(0.0001);
    expect(result.candidates[0]!.reasons.every((r) => r.points === 0)).toBe(true);
    expectConsistent(result.candidates[0]!);
  });

  it('changes the order when the weights change', () => {
    // Arrange: 'sector' shares the sector but lives in Lyon; 'nearby' is in Marseille, another sector
    const mentors = [mentor({ id: 'sector', place: LYON }), mentor({ id: 'nearby', sectors: ['C'] })];

    // Act
    const byDefault = rank(mentee(), mentors);
    const geographyFirst = rank(mentee(), mentors, { config: { weights: { geography: 1 } } });

    // Assert
    expect(byDefault.candidates.map((c) => c.mentorId)).toEqual(['sector', 'nearby']);
    expect(geographyFirst.candidates.map((c) => c.mentorId)).toEqual(['nearby', 'sector']);
  });

  it.each([
    ['a negative weight', { weights: { sector: -0.1 } }],
    ['a weight above 100', { weights: { needs: 101 } }],
    ['all weights zero', { weights: { sector: 0, needs: 0, geography: 0, profile: 0, load: 0 } }],
    ['geography not decreasing', { geography: { commune: 0.7, epci: 0.75 } }],
    ['a profile fit above 1', { profileFit: { job_search: { employee: 1.5 } } }],
    ['an unknown weight', { weights: { seniority: 0.1 } }],
    ['an unknown top-level key', { bonus: 1 }],
  ])('refuses %s with MatchingConfigError', (_label, input) => {
    const config = input as MatchingConfigInput;

    expect(() => matchingConfig(config)).toThrow(MatchingConfigError);
    expect(() => rank(mentee(), [mentor()], { config })).toThrow(MatchingConfigError);
  });
});

describe('rank: ordering and limits', () => {
  /** Twelve compatible mentors with distinct scores (load and sector vary), ids m00…m11. */
  const twelve = Array.from({ length: 12 }, (_, k) =>
    mentor({ id: `m${String(k).padStart(2, '0')}`, capacity: 12, activeMentees: k, sectors: k % 2 === 0 ? ['G'] : ['C'] }),
  );
  const shuffled = [...twelve.slice(5), ...twelve.slice(0, 5).reverse()];

  it('returns the best first', () => {
    const result = rank(mentee(), shuffled, { limit: 12 });

    const scores = result.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.candidates[0]!.mentorId).toBe('m00');
    expect(new Set(scores).size).toBe(12);
  });

  it('breaks ties by mentor id ascending (code-unit order), whatever the input order', () => {
    // Arrange
    const ids = ['m9', 'm-b', 'm10', 'm-a', 'M-z', 'm-c'];
    const orders = [ids, [...ids].reverse(), [...ids.slice(3), ...ids.slice(0, 3)]];

    // Act
    const results = orders.map((order) => rank(mentee(), order.map((id) => mentor({ id }))));

    // Assert
    for (const result of results) {
      expect(result.candidates.map((c) => c.mentorId)).toEqual(['M-z', 'm-a', 'm-b', 'm-c', 'm10', 'm9']);
      expect(new Set(result.candidates.map((c) => c.score)).size).toBe(1);
    }
  });

  it('keeps the lowest ids when the limit cuts through a tie', () => {
    const tied = ['t5', 't3', 't1', 't4', 't2', 't0'].map((id) => mentor({ id }));

    const result = rank(mentee(), tied, { limit: 2 });

    expect(result.candidates.map((c) => c.mentorId)).toEqual(['t0', 't1']);
  });

  it('returns 10 by default, none with limit 0, and the whole pool with a larger limit', () => {
    const byDefault = rank(mentee(), shuffled);
    const none = rank(mentee(), shuffled, { limit: 0 });
    const all = rank(mentee(), shuffled, { limit: 50 });

    expect(byDefault.candidates).toHaveLength(10);
    expect(none.candidates).toEqual([]);
    expect(all.candidates).toHaveLength(12);
    for (const result of [byDefault, none, all]) {
      expect(result.compatible).toBe(12);
      expect(result.excluded).toEqual(counts());
    }
  });

  it('returns every compatible mentor with limit Infinity, and rejects a limit that is not a number', () => {
    const all = rank(mentee(), shuffled, { limit: Infinity });

    expect(all.candidates).toHaveLength(12);
    expect(() => rank(mentee(), shuffled, { limit: Number.NaN })).toThrow(MatchingInputError);
    expect(() => rank(mentee(), shuffled, { limit: -1 })).toThrow(MatchingInputError);
  });

  it('keeps the same top candidates whatever the limit', () => {
    const all = rank(mentee(), shuffled, { limit: 50 }).candidates;

    for (const limit of [1, 3, 7, 10]) {
      expect(rank(mentee(), shuffled, { limit }).candidates).toEqual(all.slice(0, limit));
    }
  });

  it('counts every compatible mentor, also those beyond the limit, apart from the excluded', () => {
    const mentors = [...shuffled, mentor({ id: 'paused', status: 'paused' }), mentor({ id: 'full', activeMentees: 2 })];

    const result = rank(mentee(), mentors, { limit: 2 });

    expect(result.candidates.map((c) => c.mentorId)).toEqual(['m00', 'm02']);
    expect(result.compatible).toBe(12);
    expect(result.excluded).toEqual({ ...counts(), mentor_not_active: 1, no_capacity: 1 });
    expect(result.menteeId).toBe('mentee-1');
  });

  it('gives the same result from a plain array and from a prepared pool', () => {
    const e = mentee({ needs: ['business_plan', 'funding'], place: AIX });
    const mentors = [...shuffled, mentor({ id: 'paused', status: 'paused' })];

    expect(rank(e, prepareMentors(mentors), { limit: 5 })).toEqual(rank(e, mentors, { limit: 5 }));
  });

  it('refuses duplicate mentor ids with MatchingInputError', () => {
    const mentors = [mentor({ id: 'same' }), mentor({ id: 'other' }), mentor({ id: 'same', place: LYON })];

    expect(() => rank(mentee(), mentors)).toThrow(MatchingInputError);
    expect(() => prepareMentors(mentors)).toThrow(MatchingInputError);
  });

  it('refuses an unknown mentor profile or mentee track, and ignores unknown codes in lists', () => {
    const odd = mentor({ id: 'odd', profile: 'astronaut' as never });
    const lost = mentee({ track: 'space_travel' as never });
    const polyglot = mentor({ id: 'poly', languages: ['fr', 'klingon' as never] });

    expect(() => prepareMentors([odd])).toThrow(MatchingInputError);
    expect(() => rank(lost, [mentor()])).toThrow(MatchingInputError);
    expect(rank(mentee(), [polyglot]).compatible).toBe(1);
    expect(rank(mentee({ languages: ['klingon' as never] }), [polyglot]).excluded.no_shared_language).toBe(1);
  });

  it('prefers the mentor with more free places, other things equal', () => {
    // Arrange: 'a' would win the tie-break, but one of its two places is taken
    const mentors = [mentor({ id: 'a', activeMentees: 1 }), mentor({ id: 'b' })];

    // Act
    const [first, second] = rank(mentee(), mentors).candidates;

    // Assert
    expect([first!.mentorId, second!.mentorId]).toEqual(['b', 'a']);
    expect(first!.score - second!.score).toBeCloseTo((W.load * 0.5) / TOTAL, 4);
  });
});

describe('placeOf', () => {
  it('resolves a commune code, arrondissements to their city', () => {
    expect(MARSEILLE).toEqual({ city: '13055', epci: '200054807', departement: '13', region: '93' });
    expect(MARSEILLE_8).toEqual(MARSEILLE);
    expect(AIX).toEqual({ city: '13001', epci: '200054807', departement: '13', region: '93' });
    expect(TOULON).toMatchObject({ departement: '83', region: '93' });
    expect(LYON).toMatchObject({ city: '69123', departement: '69', region: '84' });
  });

  it('keeps only the levels shared by all the communes of a postal code', () => {
    // 13100 serves Aix-en-Provence and four villages, all in the Aix-Marseille metropolis
    expect(findCommunesByPostalCode('13100').length).toBeGreaterThan(1);
    expect(placeOf('13100')).toEqual({ city: null, epci: '200054807', departement: '13', region: '93' });
    // 13780 serves Cuges-les-Pins (13) and Riboux (83): only the region is certain
    expect(placeOf('13780')).toEqual({ city: null, epci: null, departement: null, region: '93' });
  });

  it('knows nothing of an unknown or missing postal code', () => {
    const unknown = { city: null, epci: null, departement: null, region: null };

    expect(NOWHERE).toEqual(unknown);
    expect(placeOf(undefined)).toEqual(unknown);
  });

  it('never matches an unknown place with another unknown place', () => {
    // Arrange
    const e = mentee({ place: NOWHERE });
    const m = mentor({ place: NOWHERE });

    // Act
    const candidate = onlyCandidate(e, m);

    // Assert
    expect(candidate.reasons.map((r) => r.code)).toContain('far_away');
    expect(candidate.reasons.map((r) => r.code)).not.toContain('same_commune');
    expect(onlyCandidate(mentee(), m).reasons.map((r) => r.code)).toContain('far_away');
    expect(outcome(mentee({ place: NOWHERE, meetingModes: ['in_person'] }), mentor({ place: NOWHERE, meetingModes: ['in_person'] }))).toBe('too_far_for_in_person');
  });

  it('matches a postal code alone at the levels it is sure of', () => {
    const candidate = onlyCandidate(mentee({ place: placeOf('13100') }), mentor({ place: AIX }));

    expect(candidate.reasons.find((r) => r.criterion === 'geography')!.code).toBe('same_epci');
  });
});

describe('assign: why a mentee is left out', () => {
  it('names the most frequent exclusion when no mentor is compatible', () => {
    // Arrange: two mentors do not offer the track, one speaks no shared language
    const mentors = [
      mentor({ id: 'a', tracks: ['job_search'] }),
      mentor({ id: 'b', tracks: ['job_search'] }),
      mentor({ id: 'c', languages: ['it'] }),
    ];

    // Act
    const result = assign([mentee()], mentors);

    // Assert
    expect(result.pairs).toEqual([]);
    expect(result.unassigned).toEqual([
      {
        menteeId: 'mentee-1',
        reason: 'no_compatible_mentor',
        compatibleMentors: 0,
        excluded: { ...counts(), track_not_offered: 2, no_shared_language: 1 },
        text: {
          fr: 'Aucun mentor compatible\u202f; motif le plus fréquent\u00a0: Le mentor n’accompagne pas ce parcours',
          en: 'No compatible mentor; most frequent reason: The mentor does not offer this track',
        },
      },
    ]);
  });

  it('says the compatible mentors went to others when the optimum gives their places away', () => {
    // Arrange: one place; mentee-2 fits it better (same sector)
    const place = mentor({ id: 'a', capacity: 1 });
    const mentees = [mentee({ id: 'mentee-1', sector: 'F' }), mentee({ id: 'mentee-2' })];

    // Act
    const result = assign(mentees, [place]);

    // Assert
    expect(result.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual([['mentee-2', 'a']]);
    expect(result.unassigned).toHaveLength(1);
    expect(result.unassigned[0]).toMatchObject({
      menteeId: 'mentee-1',
      reason: 'lost_to_better_assignment',
      compatibleMentors: 1,
      text: {
        fr: '1 mentor compatible, dont les places vont à d’autres personnes dans la meilleure répartition d’ensemble',
        en: '1 compatible mentor, whose places go to other mentees in the best overall assignment',
      },
    });
  });
});
