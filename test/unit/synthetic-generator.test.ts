import { describe, expect, it } from 'vitest';
import type { MenteeProfile, MentorProfile } from '../../shared/domain/people';
import { CONSENT_VERSION, UNVERIFIED_RETENTION_SECONDS } from '../../shared/domain/people';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import {
  AIX_MARSEILLE_PROVENCE,
  MENTEE_STATUS_MIX,
  MENTOR_STATUS_MIX,
  apportion,
  generateProgramme,
  seededRandom,
} from '../../shared/synthetic/generator';
import { getCommune } from '../../shared/reference/communes';

/** The sign-up body a profile was made from: its sign-up fields, with the consent box ticked. */
function mentorSignUp(m: MentorProfile) {
  const { id: _i, role: _r, status: _s, locale: _l, createdAt: _c, consentAt: _ca, consentVersion: _cv, verifiedAt: _v, activeMentees: _a, ...body } = m;
  return { ...body, consent: true };
}
function menteeSignUp(m: MenteeProfile) {
  const { id: _i, role: _r, status: _s, locale: _l, createdAt: _c, consentAt: _ca, consentVersion: _cv, verifiedAt: _v, ...body } = m;
  return { ...body, consent: true };
}

const share = <T>(list: readonly T[], test: (t: T) => boolean) => list.filter(test).length / list.length;
const countBy = <T>(list: readonly T[], key: (t: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};
const isMarseille = (communeCode: string | undefined) => /^132(0[1-9]|1[0-6])$/.test(communeCode ?? '');

// One large round shared by the distribution checks (5 000 draws each side).
const large = generateProgramme({ seed: 7, mentors: 5000, mentees: 5000, lifecycle: 'cohort' });

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    // Arrange
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);

    // Act
    const first = Array.from({ length: 20 }, () => a.next());
    const second = Array.from({ length: 20 }, () => b.next());
    const other = Array.from({ length: 20 }, () => c.next());

    // Assert
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws integers within the bounds, both included', () => {
    // Arrange
    const r = seededRandom(1);

    // Act
    const draws = Array.from({ length: 2000 }, () => r.int(1, 5));

    // Assert
    expect(new Set(draws)).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('draws distinct elements with some, within the count bounds', () => {
    // Arrange
    const r = seededRandom(2);
    const list = ['a', 'b', 'c', 'd', 'e', 'f'];

    // Act
    const draws = Array.from({ length: 200 }, () => r.some(list, 2, 4));

    // Assert
    for (const d of draws) {
      expect(d.length).toBeGreaterThanOrEqual(2);
      expect(d.length).toBeLessThanOrEqual(4);
      expect(new Set(d).size).toBe(d.length);
      expect(d.every((x) => list.includes(x))).toBe(true);
    }
  });

  it('draws in proportion to the weights and never an item of weight zero', () => {
    // Arrange
    const r = seededRandom(3);
    const draw = r.weighted(['a', 'b', 'zero', 'c'] as const, (x) => ({ a: 1, b: 3, zero: 0, c: 6 })[x]);

    // Act
    const counts = countBy(Array.from({ length: 10_000 }, draw), (x) => x);

    // Assert
    expect(counts.zero).toBeUndefined();
    expect(counts.a! / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.b! / 10_000).toBeCloseTo(0.3, 1);
    expect(counts.c! / 10_000).toBeCloseTo(0.6, 1);
  });

  it('refuses weights that cannot be drawn from', () => {
    const r = seededRandom(4);
    expect(() => r.weighted(['a'], () => 0)).toThrow(RangeError);
    expect(() => r.weighted(['a', 'b'], (x) => (x === 'a' ? -1 : 2))).toThrow(RangeError);
  });
});

describe('apportion', () => {
  it('gives the mix itself for its own total, and a proportional split summing to the total otherwise', () => {
    // Act
    const same = apportion(MENTOR_STATUS_MIX, 250);
    const scaled = apportion(MENTOR_STATUS_MIX, 1000);
    const tiny = apportion(MENTEE_STATUS_MIX, 7);

    // Assert
    expect(same).toEqual(MENTOR_STATUS_MIX);
    expect(scaled).toEqual([['pending_verification', 32], ['pending_validation', 88], ['active', 780], ['paused', 68], ['inactive', 32]]);
    expect(tiny.reduce((s, [, n]) => s + n, 0)).toBe(7);
  });
});

describe('generateProgramme: determinism', () => {
  it('gives the same programme, byte for byte, for the same spec', () => {
    // Arrange
    const spec = { seed: 11, mentors: 300, mentees: 300 };

    // Act
    const a = generateProgramme(spec);
    const b = generateProgramme(spec);

    // Assert
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives another programme for another seed', () => {
    // Act
    const a = generateProgramme({ seed: 11, mentors: 100, mentees: 100 });
    const b = generateProgramme({ seed: 12, mentors: 100, mentees: 100 });

    // Assert
    expect(b.mentors).not.toEqual(a.mentors);
    expect(b.mentees).not.toEqual(a.mentees);
    expect(b.partners).toEqual(a.partners);
  });

  it('moves only the dates when only `now` changes', () => {
    // Arrange
    const base = { seed: 5, mentors: 50, mentees: 50 };
    const withoutDates = (p: { createdAt: string; consentAt: string; verifiedAt?: string }) => {
      const { createdAt: _c, consentAt: _ca, verifiedAt: _v, ...rest } = p;
      return rest;
    };

    // Act
    const a = generateProgramme(base);
    const b = generateProgramme({ ...base, now: new Date('2030-01-01T00:00:00Z') });

    // Assert
    expect(b.mentors.map(withoutDates)).toEqual(a.mentors.map(withoutDates));
    expect(b.mentees.map(withoutDates)).toEqual(a.mentees.map(withoutDates));
    expect(b.mentors[0]!.createdAt).not.toBe(a.mentors[0]!.createdAt);
  });
});

describe('generateProgramme: demo life cycle', () => {
  it('has the demo status counts for 250 mentors and 420 mentees', () => {
    // Act
    const p = generateProgramme({ seed: 20261126, mentors: 250, mentees: 420 });

    // Assert
    expect(p.partners).toHaveLength(34);
    expect(p.mentors).toHaveLength(250);
    expect(p.mentees).toHaveLength(420);
    expect(countBy(p.mentors, (m) => m.status)).toEqual(Object.fromEntries(MENTOR_STATUS_MIX));
    expect(countBy(p.mentees, (m) => m.status)).toEqual(Object.fromEntries(MENTEE_STATUS_MIX));
  });

  it('scales the status mix for other sizes', () => {
    // Act
    const p = generateProgramme({ seed: 1, mentors: 1000, mentees: 210 });

    // Assert
    expect(countBy(p.mentors, (m) => m.status)).toEqual({ pending_verification: 32, pending_validation: 88, active: 780, paused: 68, inactive: 32 });
    // Half the demo mix: 12.5 pending_verification and 12.5 unmatched, the tie going to the first listed.
    expect(countBy(p.mentees, (m) => m.status)).toEqual({ pending_verification: 13, awaiting_match: 4, unmatched: 12, matching_failed: 1, in_tandem: 135, closed: 45 });
  });

  it('gives fixed partner ids p01..p34 with one dedicated pool, at the fixed base date by default', () => {
    // Act
    const { partners } = generateProgramme({ seed: 1, mentors: 0, mentees: 0 });

    // Assert
    expect(partners.map((p) => p.id)).toEqual(Array.from({ length: 34 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`));
    expect(partners.filter((p) => p.dedicatedPool).map((p) => p.name)).toEqual(['Programme Ambition Cadres (6 semaines)']);
    expect(partners[0]!.createdAt).toBe(new Date(Date.parse('2026-11-01T00:00:00Z') - 1400 * 86400_000).toISOString());
    // Demo contact addresses on a reserved domain, one per partner.
    expect(partners[1]!.contactEmail).toBe('contact@mission-locale-du-pays-d-aix.example.org');
    expect(new Set(partners.map((p) => p.contactEmail)).size).toBe(34);
    expect(partners.every((p) => /^contact@[a-z0-9-]+\.example\.org$/.test(p.contactEmail ?? ''))).toBe(true);
  });

  it('keeps non-active mentors at zero mentees and active ones within capacity', () => {
    // Act
    const p = generateProgramme({ seed: 3, mentors: 500, mentees: 0 });

    // Assert
    for (const m of p.mentors) {
      if (m.status === 'active') expect(m.activeMentees).toBeLessThanOrEqual(m.capacity);
      else expect(m.activeMentees).toBe(0);
      expect(m.activeMentees).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(p.mentors.map((m) => m.capacity))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('dates every sign-up in the past of now, confirmed after sign-up, unconfirmed ones still within retention', () => {
    // Arrange
    const now = new Date('2026-11-01T00:00:00Z');

    // Act
    const p = generateProgramme({ seed: 9, mentors: 500, mentees: 500, now });

    // Assert
    for (const person of [...p.mentors, ...p.mentees]) {
      const created = Date.parse(person.createdAt);
      expect(created).toBeLessThan(now.getTime());
      expect(person.consentAt).toBe(person.createdAt);
      expect(person.consentVersion).toBe(CONSENT_VERSION);
      if (person.status === 'pending_verification') {
        expect(person.verifiedAt).toBeUndefined();
        expect(now.getTime() - created).toBeLessThan(UNVERIFIED_RETENTION_SECONDS * 1000);
      } else {
        const verified = Date.parse(person.verifiedAt!);
        expect(verified).toBeGreaterThan(created);
        expect(verified).toBeLessThan(now.getTime());
      }
    }
  });
});

describe('generateProgramme: cohort life cycle', () => {
  it('makes every mentor active with a free place and every mentee awaiting a match', () => {
    // Act
    const p = generateProgramme({ seed: 21, mentors: 1000, mentees: 800, lifecycle: 'cohort' });

    // Assert
    expect(p.mentors).toHaveLength(1000);
    expect(p.mentees).toHaveLength(800);
    expect(p.mentors.every((m) => m.status === 'active')).toBe(true);
    expect(p.mentees.every((m) => m.status === 'awaiting_match')).toBe(true);
    expect(p.mentors.every((m) => m.capacity >= 1 && m.capacity <= 3)).toBe(true);
    expect(p.mentors.every((m) => m.activeMentees >= 0 && m.activeMentees < m.capacity)).toBe(true);
    expect(share(p.mentors, (m) => m.activeMentees === 0)).toBeGreaterThanOrEqual(0.65);
    expect(share(p.mentors, (m) => m.activeMentees > 0)).toBeGreaterThan(0.1);
  });

  it('draws capacity within the range asked for', () => {
    // Act
    const p = generateProgramme({ seed: 22, mentors: 400, mentees: 0, lifecycle: 'cohort', capacity: [4, 5] });

    // Assert
    expect(new Set(p.mentors.map((m) => m.capacity))).toEqual(new Set([4, 5]));
    expect(p.mentors.every((m) => m.activeMentees < m.capacity)).toBe(true);
  });

  it('refuses a spec it cannot honour', () => {
    expect(() => generateProgramme({ seed: 1, mentors: -1, mentees: 0 })).toThrow(RangeError);
    expect(() => generateProgramme({ seed: 1, mentors: 1.5, mentees: 0 })).toThrow(RangeError);
    expect(() => generateProgramme({ seed: 1, mentors: 1, mentees: 0, capacity: [0, 3] })).toThrow(RangeError);
    expect(() => generateProgramme({ seed: 1, mentors: 1, mentees: 0, capacity: [3, 2] })).toThrow(RangeError);
    expect(() => generateProgramme({ seed: 1, mentors: 1, mentees: 0, capacity: [1, 6] })).toThrow(RangeError);
  });
});

describe('generateProgramme: valid profiles', () => {
  it.each(['demo', 'cohort'] as const)('passes the sign-up schemas for every %s profile, unchanged by parsing', (lifecycle) => {
    // Arrange
    const p = generateProgramme({ seed: 31, mentors: 1500, mentees: 1500, lifecycle });

    // Act
    const mentors = p.mentors.map((m) => [mentorSignUp(m), mentorSignUpSchema.safeParse(mentorSignUp(m))] as const);
    const mentees = p.mentees.map((m) => [menteeSignUp(m), menteeSignUpSchema.safeParse(menteeSignUp(m))] as const);

    // Assert
    for (const [body, result] of [...mentors, ...mentees]) {
      expect(result.error?.issues, JSON.stringify(body)).toBeUndefined();
      expect(result.data).toEqual(body);
    }
  });

  it('carries the bounds the schemas do not check, and unique ids and addresses', () => {
    // Arrange
    const { mentors, mentees, partners } = large;
    const partnerIds = new Set(partners.map((p) => p.id));

    // Assert
    expect(mentors.every((m) => m.sectors.length >= 1 && m.sectors.length <= 3)).toBe(true);
    expect(mentors.every((m) => m.expertise.length >= 2 && m.expertise.length <= 8)).toBe(true);
    expect(mentors.every((m) => m.languages[0] === 'fr' && m.languages.length <= 3)).toBe(true);
    expect(mentees.every((m) => m.needs.length >= 1 && m.needs.length <= 4)).toBe(true);
    expect(mentees.every((m) => m.partnerId === undefined || partnerIds.has(m.partnerId))).toBe(true);
    const people = [...mentors, ...mentees];
    expect(people.every((p) => p.email === p.email.toLowerCase() && p.email.endsWith('@demo.tandem.local'))).toBe(true);
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(mentors[42]!.id).toBe('mentor-0042-demo');
    expect(mentees[0]!.id).toBe('mentee-0000-demo');
    expect(people.every((p) => p.locale === 'fr' || p.locale === 'en')).toBe(true);
    expect(mentees.filter((m) => !m.languages.includes('fr')).every((m) => m.locale === 'en')).toBe(true);
  });
});

describe('generateProgramme: distributions on 5 000 draws', () => {
  it('places people by population, Marseille first, mentees all in the metropolis', () => {
    // Arrange
    const { mentees } = large;

    // Act
    const byPlace = countBy(mentees, (m) => (isMarseille(m.communeCode) ? 'Marseille' : m.communeCode!));
    const [first, second] = Object.entries(byPlace).sort((a, b) => b[1] - a[1]);

    // Assert
    expect(first![0]).toBe('Marseille');
    expect(second![0]).toBe('13001'); // Aix-en-Provence
    expect(first![1] / mentees.length).toBeGreaterThan(0.4); // about 46 % of the metropolis
    expect(first![1] / mentees.length).toBeLessThan(0.52);
    expect(mentees.every((m) => getCommune(m.communeCode!)?.epci === AIX_MARSEILLE_PROVENCE)).toBe(true);
  });

  it('places about 8 % of mentors elsewhere in the Bouches-du-Rhône or the Var', () => {
    // Arrange
    const { mentors } = large;

    // Act
    const outside = mentors.filter((m) => getCommune(m.communeCode!)?.epci !== AIX_MARSEILLE_PROVENCE);

    // Assert
    expect(outside.length / mentors.length).toBeGreaterThan(0.06);
    expect(outside.length / mentors.length).toBeLessThan(0.1);
    expect(outside.every((m) => ['13', '83'].includes(getCommune(m.communeCode!)!.departement))).toBe(true);
    expect(outside.some((m) => getCommune(m.communeCode!)!.departement === '83')).toBe(true);
  });

  it('gives mentees the specified tracks, sectors, languages, modes and referrals', () => {
    // Arrange
    const { mentees } = large;

    // Act
    const sectors = countBy(mentees, (m) => m.sector);

    // Assert
    expect(share(mentees, (m) => m.track === 'job_search')).toBeGreaterThan(0.57);
    expect(share(mentees, (m) => m.track === 'job_search')).toBeLessThan(0.67);
    expect(Object.entries(sectors).sort((a, b) => b[1] - a[1])[0]![0]).toBe('G');
    expect(sectors.G! / mentees.length).toBeGreaterThan(0.14);
    expect(sectors.G! / mentees.length).toBeLessThan(0.22);
    expect(share(mentees, (m) => m.languages.length === 1 && m.languages[0] === 'fr')).toBeGreaterThan(0.82);
    expect(share(mentees, (m) => m.languages.length === 1 && m.languages[0] === 'fr')).toBeLessThan(0.88);
    expect(share(mentees, (m) => !m.languages.includes('fr'))).toBeGreaterThan(0.005);
    expect(share(mentees, (m) => !m.languages.includes('fr'))).toBeLessThan(0.03);
    expect(share(mentees, (m) => m.meetingModes.length === 2)).toBeGreaterThan(0.46);
    expect(share(mentees, (m) => m.meetingModes.length === 2)).toBeLessThan(0.54);
    expect(share(mentees, (m) => m.meetingModes.length === 1 && m.meetingModes[0] === 'remote')).toBeGreaterThan(0.17);
    expect(share(mentees, (m) => m.meetingModes.length === 1 && m.meetingModes[0] === 'remote')).toBeLessThan(0.23);
    expect(share(mentees, (m) => m.partnerId !== undefined)).toBeGreaterThan(0.77);
    expect(share(mentees, (m) => m.partnerId !== undefined)).toBeLessThan(0.83);
  });

  it('draws mentee needs from their track', () => {
    // Arrange
    const { mentees } = large;
    const jobSeekers = mentees.filter((m) => m.track === 'job_search');
    const founders = mentees.filter((m) => m.track === 'business_creation');

    // Assert
    expect(share(jobSeekers, (m) => m.needs.includes('cv_interview'))).toBeGreaterThan(share(founders, (m) => m.needs.includes('cv_interview')));
    expect(share(founders, (m) => m.needs.includes('business_plan'))).toBeGreaterThan(0.4);
    expect(jobSeekers.some((m) => m.needs.includes('business_plan'))).toBe(false);
  });

  it('gives mentors the specified profiles, tracks per profile, expertise and modes', () => {
    // Arrange
    const { mentors } = large;
    const entrepreneurs = mentors.filter((m) => m.profile === 'entrepreneur');
    const executives = mentors.filter((m) => m.profile === 'executive');

    // Assert
    expect(entrepreneurs.length / mentors.length).toBeGreaterThan(0.37);
    expect(entrepreneurs.length / mentors.length).toBeLessThan(0.43);
    expect(share(entrepreneurs, (m) => m.tracks.length === 1 && m.tracks[0] === 'business_creation')).toBeGreaterThan(0.4);
    expect(share(entrepreneurs, (m) => m.tracks.length === 1 && m.tracks[0] === 'business_creation')).toBeLessThan(0.5);
    expect(executives.some((m) => m.tracks.length === 1 && m.tracks[0] === 'business_creation')).toBe(false);
    expect(share(executives, (m) => m.tracks.length === 1)).toBeGreaterThan(0.65);
    expect(share(executives, (m) => m.tracks.length === 1)).toBeLessThan(0.75);
    expect(share(entrepreneurs, (m) => m.expertise.includes('business_plan'))).toBeGreaterThan(share(executives, (m) => m.expertise.includes('business_plan')));
    expect(share(executives, (m) => m.expertise.includes('management'))).toBeGreaterThan(share(entrepreneurs, (m) => m.expertise.includes('management')));
    // Broad mentors list 6–8; only they list more than 6 (about two thirds of 15 %).
    expect(share(mentors, (m) => m.expertise.length > 6)).toBeGreaterThan(0.07);
    expect(share(mentors, (m) => m.expertise.length > 6)).toBeLessThan(0.13);
    expect(share(mentors, (m) => m.meetingModes.length === 2)).toBeGreaterThan(0.56);
    expect(share(mentors, (m) => m.meetingModes.length === 2)).toBeLessThan(0.64);
  });
});

describe('generateProgramme: dedicated pools', () => {
  it('lists about 4 % of the active mentors in each dedicated pool, and only them', () => {
    // Arrange
    const p = generateProgramme({ seed: 20261126, mentors: 2000, mentees: 10 });
    const active = new Set(p.mentors.filter((m) => m.status === 'active').map((m) => m.id));
    const dedicated = p.partners.filter((x) => x.dedicatedPool).map((x) => x.id);

    // Act
    const pools = Object.entries(p.poolMembers);

    // Assert
    expect(Object.keys(p.poolMembers)).toEqual(dedicated);
    for (const [, members] of pools) {
      expect(members).toHaveLength(Math.round(0.04 * active.size));
      expect(new Set(members).size).toBe(members.length);
      expect(members.every((id) => active.has(id))).toBe(true);
    }
  });

  it('keeps at least three members, or every active mentor when there are fewer', () => {
    // Act
    const small = generateProgramme({ seed: 1, mentors: 20, mentees: 0, lifecycle: 'cohort' });
    const tiny = generateProgramme({ seed: 1, mentors: 2, mentees: 0, lifecycle: 'cohort' });

    // Assert
    expect(Object.values(small.poolMembers).map((m) => m.length)).toEqual([3]);
    expect(Object.values(tiny.poolMembers)).toEqual([['mentor-0000-demo', 'mentor-0001-demo']]);
  });
});
