import { describe, expect, it } from 'vitest';
import { LANGUAGES, PROFILE_CODES, PROFILES, SECTORS, TRACK_CODES } from '../../shared/domain/reference';
import { mentorSignUpFields } from '../../shared/domain/sign-up-fields';
import { DEFAULT_MATCHING_CONFIG, explainPair } from '../../shared/matching';
import type { MenteeRequest, MentorCandidate } from '../../shared/matching';

const place = { city: '13055', epci: '200054807', departement: '13', region: '93' };
const mentee: MenteeRequest = { id: 'e', track: 'business_creation', sector: 'M', needs: ['legal'], languages: ['fr'], meetingModes: ['in_person'], place };
const mentor = (profile: MentorCandidate['profile']): MentorCandidate => ({
  id: 'm',
  status: 'active',
  profile,
  tracks: ['business_creation'],
  sectors: ['M'],
  expertise: ['legal'],
  languages: ['fr'],
  meetingModes: ['in_person'],
  place,
  capacity: 2,
  activeMentees: 0,
});

describe('mentor profiles', () => {
  it('include retired mentors and independent professions, with French and English labels', () => {
    expect(PROFILE_CODES).toEqual(expect.arrayContaining(['retired', 'independent']));
    expect(PROFILES.find((p) => p.code === 'retired')?.label).toEqual({ fr: 'Retraité·e', en: 'Retired' });
    expect(PROFILES.map((p) => p.code)).toEqual([...PROFILE_CODES]);
  });

  it('each have a fit with each track, and a retired mentor signs up like any other', () => {
    for (const track of TRACK_CODES) for (const code of PROFILE_CODES) expect(DEFAULT_MATCHING_CONFIG.profileFit[track][code]).toBeGreaterThan(0);
    const parsed = mentorSignUpFields.shape.profile.safeParse('retired');
    expect(parsed.success).toBe(true);
  });

  it('are scored by their fit: an independent professional above an employee for a business creation', () => {
    const independent = explainPair(mentee, mentor('independent'));
    const employee = explainPair(mentee, mentor('employee'));
    expect(independent.compatible && employee.compatible).toBe(true);
    if (independent.compatible && employee.compatible) expect(independent.score).toBeGreaterThan(employee.score);
  });
});

describe('the curated sector list', () => {
  it('folds exactly the sections rare in the programme, keeping every official code', () => {
    expect(SECTORS.filter((s) => s.rare).map((s) => s.code)).toEqual(['B', 'D', 'E', 'O', 'T', 'U']);
    expect(SECTORS).toHaveLength(21);
  });

  it('folds the languages less spoken among the programme’s people under "Autres langues", French and the common ones first', () => {
    expect(LANGUAGES.filter((l) => !l.rare).map((l) => l.code)).toEqual(['fr', 'en', 'ar', 'es', 'it']);
    expect(LANGUAGES).toHaveLength(14);
  });
});

describe('zod’s own French messages', () => {
  it('follow French typography like the rest of the API', async () => {
    const { validate } = await import('../../shared/domain/validation');
    const { strictObject, string } = await import('zod');
    let fields: Record<string, string> = {};
    try {
      validate(strictObject({ code: string().min(3) }), { code: 'a' }, 'fr');
    } catch (error) {
      fields = (error as { fields: Record<string, string> }).fields;
    }
    expect(fields.code).toMatch(/\u00a0:/);
    expect(fields.code).not.toMatch(/ :|'/);
  });
});

describe('partner names', () => {
  it('are stored with typographic apostrophes, as the pages and mails show them', async () => {
    const { createPartnerSchema, updatePartnerSchema } = await import('../../shared/domain/back-office-schemas');
    expect(createPartnerSchema.parse({ name: "Mission locale du Pays d'Aix", kind: 'youth_mission' }).name).toBe('Mission locale du Pays d’Aix');
    expect(updatePartnerSchema.parse({ name: "Initiative Pays d'Aix" }).name).toBe('Initiative Pays d’Aix');
  });
});
