import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../shared/domain/errors';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { communesOfPostalCode } from '../../shared/reference/postal-codes';
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
    expect(fields.email).toBe('Enter a valid e\u2011mail address, such as name@example.com.');
  });

  it('rejects unknown fields', () => {
    const fields = fieldsOf(mentorSignUpSchema, { ...validMentor(), isAdmin: true });
    expect(fields.isAdmin).toBe('Ce champ n’est pas accepté.');
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
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), postalCode: '00000' }).postalCode).toBe('Nous ne connaissons pas ce code postal. Vérifiez-le.');
  });

  it('rejects a commune that the postal code does not serve', () => {
    const fields = fieldsOf(mentorSignUpSchema, { ...validMentor(), postalCode: '13002', communeCode: '13201' });
    expect(fields.communeCode).toBe('Cette commune ne correspond pas au code postal.');
  });

  it('explains the missing consent', () => {
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), consent: false }).consent).toBe('Vous devez accepter l’utilisation de vos données pour vous inscrire.');
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

describe('commune (issue 8)', () => {
  it('requires a commune when the postal code serves several, in French and English', () => {
    // Arrange: 13100 serves Aix-en-Provence and four other communes
    const { communeCode: _c, ...noCommune } = validMentee();

    // Act / Assess
    expect(fieldsOf(menteeSignUpSchema, noCommune).communeCode).toBe('Choisissez votre commune\u00a0: ce code postal en dessert plusieurs.');
    expect(fieldsOf(menteeSignUpSchema, noCommune, 'en').communeCode).toBe('Choose your town: this postal code serves several.');
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), postalCode: '13100', communeCode: undefined }).communeCode).toBeDefined();
  });

  it('keeps the chosen commune of a shared postal code', () => {
    expect(validate(menteeSignUpSchema, validMentee(), 'fr').communeCode).toBe('13001');
    expect(validate(menteeSignUpSchema, { ...validMentee(), communeCode: '13095' }, 'fr').communeCode).toBe('13095');
  });

  it('records the only commune of the postal code when none is sent', () => {
    const { communeCode: _c, ...mentor } = validMentor();
    expect(validate(mentorSignUpSchema, mentor, 'fr')).toMatchObject({ postalCode: '13001', communeCode: '13201' });
    expect(validate(menteeSignUpSchema, { ...validMentee(), postalCode: '13090', communeCode: undefined }, 'fr').communeCode).toBe('13001');
  });

  it('still refuses a commune the postal code does not serve, and an unknown postal code without a commune', () => {
    expect(fieldsOf(menteeSignUpSchema, { ...validMentee(), communeCode: '13201' }).communeCode).toBe('Cette commune ne correspond pas au code postal.');
    const fields = fieldsOf(menteeSignUpSchema, { ...validMentee(), postalCode: '00000', communeCode: undefined });
    expect(Object.keys(fields)).toEqual(['postalCode']);
  });

  it('communesOfPostalCode lists the communes the lookup offers', () => {
    expect(communesOfPostalCode('13100')).toHaveLength(5);
    expect(communesOfPostalCode('13100')).toContain('13001');
    expect(communesOfPostalCode('13001')).toEqual(['13201']);
    expect(communesOfPostalCode('00000')).toEqual([]);
  });
});

describe('names and texts (issue 8)', () => {
  const INVISIBLE_FR = 'Ce champ contient des caractères invisibles ou de contrôle (par exemple une marque de sens d’écriture ou un espace sans largeur). Retapez-le plutôt que de le coller.';
  const REFUSED = {
    'U+061C arabic letter mark': '\u061c',
    'U+200B zero-width space': '\u200b',
    'U+200C zero-width non-joiner': '\u200c',
    'U+200D zero-width joiner': '\u200d',
    'U+200E left-to-right mark': '\u200e',
    'U+200F right-to-left mark': '\u200f',
    'U+202A left-to-right embedding': '\u202a',
    'U+202E right-to-left override': '\u202e',
    'U+2060 word joiner': '\u2060',
    'U+2066 left-to-right isolate': '\u2066',
    'U+2069 pop directional isolate': '\u2069',
    'U+FEFF zero-width no-break space': '\ufeff',
    'U+2028 line separator': '\u2028',
    'U+2029 paragraph separator': '\u2029',
    'a lone high surrogate': '\ud800',
    'a lone low surrogate': '\udfff',
  };

  it.each(Object.entries(REFUSED))('refuses %s in a name and in a long text', (_name, char) => {
    const mentor = { ...validMentor(), firstName: `Ca${char}mille`, bio: `Vingt ans${char} dans le commerce.` };
    const fields = fieldsOf(mentorSignUpSchema, mentor);
    expect(fields.firstName).toBe(INVISIBLE_FR);
    expect(fields.bio).toBe(INVISIBLE_FR);
  });

  it('refuses control characters in a name but keeps ordinary line breaks and tabs in a long text', () => {
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), lastName: 'Du\trand' }).lastName).toBe(INVISIBLE_FR);
    const parsed = validate(menteeSignUpSchema, { ...validMentee(), project: 'Ligne 1\r\nLigne 2\n\tLigne 3' }, 'fr');
    expect(parsed.project).toBe('Ligne 1\r\nLigne 2\n\tLigne 3');
  });

  it('names every offending field', () => {
    const fields = fieldsOf(mentorSignUpSchema, {
      ...validMentor(),
      firstName: 'A\u202eB',
      lastName: 'C\u200bD',
      company: 'E\u2066F',
      jobTitle: 'G<H>',
      bio: 'I\u2028J',
    });
    expect(Object.keys(fields).sort()).toEqual(['bio', 'company', 'firstName', 'jobTitle', 'lastName']);
    expect(fields.jobTitle).toBe('Les caractères < et > ne sont pas acceptés.');
  });

  it('names any unknown field, even one called __proto__, constructor or toString', () => {
    const body = JSON.parse(`{"__proto__":{"admin":true},"constructor":1,"toString":2,${JSON.stringify(validMentor()).slice(1)}`) as unknown;
    const fields = fieldsOf(mentorSignUpSchema, body);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(JSON.parse(JSON.stringify(fields))).toEqual(JSON.parse('{"__proto__":"Ce champ n’est pas accepté.","constructor":"Ce champ n’est pas accepté.","toString":"Ce champ n’est pas accepté."}'));
  });

  it('normalises names and texts to NFC', () => {
    const parsed = validate(mentorSignUpSchema, { ...validMentor(), firstName: 'E\u0301lodie', lastName: 'Le\u0301ger', company: 'Cafe\u0301', bio: 'Re\u0301sume\u0301' }, 'fr');
    expect(parsed.firstName).toBe('\u00c9lodie');
    expect(parsed.lastName).toBe('L\u00e9ger');
    expect(parsed.company).toBe('Caf\u00e9');
    expect(parsed.bio).toBe('R\u00e9sum\u00e9');
  });

  it('accepts names outside the basic plane (a surrogate pair is one character)', () => {
    expect(validate(mentorSignUpSchema, { ...validMentor(), firstName: '\u{20000}\u{1f600}' }, 'fr').firstName).toBe('\u{20000}\u{1f600}');
  });

  it('says how long a text may be, with the form’s wording', () => {
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), firstName: 'x'.repeat(81) }).firstName).toBe('80 caractères au plus.');
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), bio: 'x'.repeat(1001) }, 'en').bio).toBe('At most 1,000 characters.');
    expect(fieldsOf(mentorSignUpSchema, { ...validMentor(), bio: 'x'.repeat(1001) }).bio).toBe('1\u202f000 caractères au plus.');
  });
});
