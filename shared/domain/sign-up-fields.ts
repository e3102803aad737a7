/**
 * The fields of a sign-up and their formats, without the checks against reference data (does this
 * postal code exist, does it serve this commune). The request validates with the full schemas of
 * sign-up-schemas.ts; the after-commit consumer re-checks a recorded sign-up's shape with these,
 * so it does not carry the postal-code data for a check already made at the door.
 * Objects are strict: unknown fields are rejected. Refinements carry a message key in
 * `params.key`, translated per request (see validation.ts).
 */
import { array, email, enum as enumOf, literal, number, strictObject, string } from 'zod';
import {
  EXPERTISE_CODES,
  LANGUAGE_CODES,
  MEETING_MODE_CODES,
  PROFILE_CODES,
  SECTOR_CODES,
  TRACK_CODES,
} from './reference';

// Angle brackets have no place in a name or a short text field.
const ANGLE_BRACKETS = /[<>]/;
/**
 * Characters a person cannot see but that change how a text reads or compares: control
 * characters, bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF), line and paragraph separators (U+2028, U+2029) and
 * lone surrogates (with the `u` flag, a surrogate pair is one code point outside that range).
 * They would be echoed into e-mails and listings, where a U+202E turns a name around.
 */
const INVISIBLE_IN_LINE = /[\u0000-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029\ud800-\udfff]/u;
/** The same in multi-line text (bio, project), where tabs and ordinary line breaks (CR, LF) are kept. */
const INVISIBLE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029\ud800-\udfff]/u;

const keyed = (key: string) => ({ params: { key } });

/** Trimmed and NFC-normalised (so "é" typed two ways is one text), then measured and checked. */
const lineText = (max: number) =>
  string()
    .trim()
    .normalize('NFC')
    .max(max)
    .refine((v) => !INVISIBLE_IN_LINE.test(v), keyed('invisible_characters'))
    .refine((v) => !ANGLE_BRACKETS.test(v), keyed('invalid_characters'));
export const shortText = (max: number) => lineText(max).min(1);
export const optionalShortText = (max: number) => lineText(max).optional();
export const longText = (max: number) =>
  string().trim().normalize('NFC').max(max).refine((v) => !INVISIBLE_IN_TEXT.test(v), keyed('invisible_characters')).optional();

/** A list of codes, each once. */
export const codeSet = <T extends readonly [string, ...string[]]>(codes: T, min: number, max: number) =>
  array(enumOf(codes))
    .min(min)
    .max(max)
    .refine((values) => new Set(values).size === values.length, keyed('duplicate_values'));

export const emailSchema = string().trim().toLowerCase().max(254).pipe(email());
/** Five digits; whether the code exists is checked against the reference data in sign-up-schemas.ts. */
export const postalCodeFormat = string().trim().regex(/^\d{5}$/);
const communeCodeSchema = string()
  .trim()
  .regex(/^(\d{5}|2[AB]\d{3})$/)
  .meta({ description: 'INSEE code of the commune, from GET /api/reference/communes. Required when the postal code serves several communes; recorded by the server when it serves one.' });
const phoneSchema = string()
  .trim()
  .refine((v) => /^\+?[0-9 .\-()]{6,20}$/.test(v), keyed('invalid_phone'))
  .optional();
const consentSchema = literal(true, { error: () => ({ message: 'consent_required' }) }).meta({
  description: 'The person agrees that the CCI processes these data to run the mentoring programme (GDPR).',
});

const identity = {
  firstName: shortText(80),
  lastName: shortText(80),
  email: emailSchema,
  phone: phoneSchema,
};

const place = {
  postalCode: postalCodeFormat,
  communeCode: communeCodeSchema.optional(),
  meetingModes: codeSet(MEETING_MODE_CODES, 1, 2),
};

export const mentorSignUpFields = strictObject({
    ...identity,
    company: optionalShortText(120),
    jobTitle: optionalShortText(120),
    profile: enumOf(PROFILE_CODES),
    tracks: codeSet(TRACK_CODES, 1, 2),
    sectors: codeSet(SECTOR_CODES, 1, 5),
    expertise: codeSet(EXPERTISE_CODES, 1, 8),
    languages: codeSet(LANGUAGE_CODES, 1, LANGUAGE_CODES.length),
    ...place,
    capacity: number().int().min(1).max(5).meta({ description: 'How many mentees at once (1–5).' }),
    bio: longText(1000),
    consent: consentSchema,
  });

export const menteeSignUpFields = strictObject({
    ...identity,
    track: enumOf(TRACK_CODES),
    sector: enumOf(SECTOR_CODES),
    needs: codeSet(EXPERTISE_CODES, 1, 5),
    languages: codeSet(LANGUAGE_CODES, 1, LANGUAGE_CODES.length),
    ...place,
    partnerId: string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().meta({ description: 'The referring partner, from GET /api/partners.' }),
    project: longText(1000),
    consent: consentSchema,
  });
