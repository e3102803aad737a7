/**
 * One wording per error: each validation message the sign-up form shows (web/assets/i18n.js) that
 * has a server counterpart (shared/domain/messages.ts) is the same text, in French and English, so
 * a person reads the same sentence whether the browser or the API caught the mistake.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ValidationFailedError } from '../../shared/domain/errors';
import type { Locale } from '../../shared/domain/locale';
import { message, type MessageKey } from '../../shared/domain/messages';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { validMentee, validMentor } from '../fixtures/sign-ups';

type FormMessages = Record<Locale, Record<string, string>>;
let form: FormMessages;

beforeAll(async () => {
  // i18n.js reads the page's address and storage when it loads: give it a bare browser.
  vi.stubGlobal('location', { search: '' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  const path = '../../web/assets/i18n.js'; // a browser module: loaded, not type-checked
  form = ((await import(/* @vite-ignore */ path)) as { MESSAGES: FormMessages }).MESSAGES;
  vi.unstubAllGlobals();
});

/** Form key → server key, for every message both sides can show for the same mistake. */
const COUNTERPARTS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['err.required', 'required'],
  ['err.email', 'invalid_email'],
  ['err.phone', 'invalid_phone'],
  ['err.postalCode', 'invalid_postal_code'],
  ['commune.none', 'unknown_postal_code'],
  ['err.commune', 'commune_required'],
  ['err.characters', 'invalid_characters'],
  ['err.invisible', 'invisible_characters'],
  ['err.tooLong', 'too_long'],
  ['err.consent', 'consent_required'],
];

/** The form's `t()`: `{name}` placeholders, numbers written the locale's way. */
const formText = (locale: Locale, key: string, params: Record<string, number> = {}) =>
  form[locale][key]!.replace(/\{(\w+)\}/g, (_m, name: string) => new Intl.NumberFormat(locale).format(params[name]!));

function serverFields(schema: Parameters<typeof validate>[0], input: unknown, locale: Locale) {
  try {
    validate(schema, input, locale);
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.fields;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('form and API messages', () => {
  it.each(COUNTERPARTS.flatMap(([formKey, serverKey]) => (['fr', 'en'] as const).map((locale) => [locale, formKey, serverKey] as const)))(
    '%s: the form’s %s is the API’s %s',
    (locale, formKey, serverKey) => {
      expect(form[locale][formKey], `${formKey} is missing from i18n.js`).toBeDefined();
      expect(message(serverKey, locale)).toBe(form[locale][formKey]);
    },
  );

  it.each(['fr', 'en'] as const)('the API answers each mistake with the form’s sentence (%s)', (locale) => {
    const { communeCode: _c, ...menteeWithoutCommune } = validMentee();
    const cases: Array<[Parameters<typeof validate>[0], unknown, string, string]> = [
      [mentorSignUpSchema, { ...validMentor(), email: 'pas-une-adresse' }, 'email', formText(locale, 'err.email')],
      [mentorSignUpSchema, { ...validMentor(), phone: 'abc' }, 'phone', formText(locale, 'err.phone')],
      [mentorSignUpSchema, { ...validMentor(), postalCode: '130' }, 'postalCode', formText(locale, 'err.postalCode')],
      [mentorSignUpSchema, { ...validMentor(), postalCode: '00000', communeCode: undefined }, 'postalCode', formText(locale, 'commune.none')],
      [menteeSignUpSchema, menteeWithoutCommune, 'communeCode', formText(locale, 'err.commune')],
      [mentorSignUpSchema, { ...validMentor(), company: 'A <b>' }, 'company', formText(locale, 'err.characters')],
      [mentorSignUpSchema, { ...validMentor(), lastName: 'Dur\u202eand' }, 'lastName', formText(locale, 'err.invisible')],
      [menteeSignUpSchema, { ...validMentee(), project: 'x'.repeat(1001) }, 'project', formText(locale, 'err.tooLong', { max: 1000 })],
      [mentorSignUpSchema, { ...validMentor(), consent: false }, 'consent', formText(locale, 'err.consent')],
      [mentorSignUpSchema, { ...validMentor(), jobTitle: undefined, profile: undefined }, 'profile', formText(locale, 'err.required')],
    ];
    for (const [schema, input, field, expected] of cases) {
      expect(serverFields(schema, input, locale)[field], field).toBe(expected);
    }
  });
});
