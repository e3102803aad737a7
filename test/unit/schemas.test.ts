import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../shared/domain/errors';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { validMentee, validMentor } from '../fixtures/sign-ups';

function fieldsOf(schema: Parameters<typeof validate>[0], input: unknown, locale: 'fr' | 'en' = 'fr') {
  try {
    validate(schema, input, locale);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).fields;
  }
  throw new Error('expected a validation failure');
}

describe('mentor sign-up schema', () => {
  it('accepts a complete sign-up and normalizes the address', () => {
    const parsed = validate(mentorSignUpSchema, validMentor(), 'fr');
    expect(parsed.email).toBe('camille.durand@example.org');
    expect(parsed.capacity).toBe(2);
  });

  it('accepts a minimal sign-up without optional fields', () => {
    const { phone: _p, company: _c, jobTitle: _j, bio: _b, communeCode: _cc, ...minimal } = validMentor();
    expect(() => validate(mentorSignUpSchema, minimal, 'fr')).not.toThrow();
  });

  it('names each missing required field in French', () => {
    const fields = fieldsOf(mentorSignUpSchema, {});
    for (const f of ['firstName', 'lastName', 'email', 'profile', 'tracks', 'sectors', 'expertise', 'languages', 'postalCode', 'meetingModes', 'capacity', 'consent']) {
      expect(fields[f], f).toBeTruthy();
    }
    expect(fields.firstName).toBe('Ce champ est obligatoire.');
  });

  it('answers in English when asked', () => {
    const fields = fieldsOf(mentorSignUpSchema, { ...validMentor(), email: 'not-an-address' }, 'en');
    expect(fields.email).toBe('Invalid e-mail address.');
  });

  it('rejects unknown fields', () => {
    const fields = fieldsOf(mentorSignUpSchema, { ...validMentor(), isAdmin: true });
    expect(fields.isAdmin).toBe("Ce champ n'est pas accepté.");
  });

  it.each([
    ['capacity', 0],
    ['capacity', 6],
    ['capacity', 2.5],
    ['profile', 'astronaut'],
    ['tracks', []],
    ['tracks', ['job_search', 'job_search']],
    ['sectors', ['Z']],
    ['sectors', ['A', 'B', 'C', 'D', 'E', 'F']],
    ['expertise', ['knitting']],
    ['languages', []],
    ['meetingModes', ['telepathy']],
    ['phone', 'call me maybe'],
    ['firstName', ''],
    ['firstName', 'x'.repeat(81)],
    ['firstName', '<script>'],
    ['bio', 'x'.repeat(1001)],
    ['postalCode', '1300'],
    ['postalCode', '00000'],
    ['consent', false],
  ])('rejects %s = %j', (field, value) => {
    const fields = fieldsOf(mentorSignUpSchema, { ...validMentor(), [field]: value });
    const key = Object.keys(fields).find((k) => k === field || k.startsWith(`${field}.`));
    expect(key, JSON.stringify(fields)).toBeDefined();
  });

  it('says a postal code is unknown when it has the right shape', () => {
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), postalCode: '00000' }).postalCode).toBe('Code postal inconnu.');
  });

  it('rejects a commune that the postal code does not serve', () => {
    const fields = fieldsOf(mentorSignUpSchema, { ...validMentor(), postalCode: '13002', communeCode: '13201' });
    expect(fields.communeCode).toBe('Cette commune ne correspond pas au code postal.');
  });

  it('explains the missing consent', () => {
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), consent: false }).consent).toBe('Votre accord est nécessaire pour vous inscrire.');
  });
});

describe('mentee sign-up schema', () => {
  it('accepts a complete sign-up', () => {
    expect(validate(menteeSignUpSchema, { ...validMentee(), partnerId: 'p-01' }, 'fr').partnerId).toBe('p-01');
  });

  it.each([
    ['track', 'both'],
    ['sector', 'G1'],
    ['needs', []],
    ['needs', ['finance', 'finance']],
    ['project', 'x'.repeat(1001)],
    ['partnerId', 'not a valid id!'],
    ['tracks', ['job_search']],
  ])('rejects %s = %j', (field, value) => {
    const fields = fieldsOf(menteeSignUpSchema, { ...validMentee(), [field]: value });
    expect(Object.keys(fields).some((k) => k === field || k.startsWith(`${field}.`)), JSON.stringify(fields)).toBe(true);
  });
});
