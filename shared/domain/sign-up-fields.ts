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

// Control characters and angle brackets have no place in a name or a short text field.
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f<>]/;
// Multi-line text (bio, project) may contain line breaks, not other control characters.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const keyed = (key: string) => ({ params: { key } });

const shortText = (max: number) =>
  string().trim().min(1).max(max).refine((v) => !FORBIDDEN_CHARACTERS.test(v), keyed('invalid_characters'));
const optionalShortText = (max: number) =>
  string().trim().max(max).refine((v) => !FORBIDDEN_CHARACTERS.test(v), keyed('invalid_characters')).optional();
const longText = (max: number) =>
  string().trim().max(max).refine((v) => !FORBIDDEN_IN_TEXT.test(v), keyed('invalid_characters')).optional();

/** A list of codes, each once. */
const codeSet = <T extends readonly [string, ...string[]]>(codes: T, min: number, max: number) =>
  array(enumOf(codes))
    .min(min)
    .max(max)
    .refine((values) => new Set(values).size === values.length, keyed('duplicate_values'));

export const emailSchema = string().trim().toLowerCase().max(254).pipe(email());
/** Five digits; whether the code exists is checked against the reference data in sign-up-schemas.ts. */
export const postalCodeFormat = string().trim().regex(/^\d{5}$/);
const communeCodeSchema = string().trim().regex(/^(\d{5}|2[AB]\d{3})$/);
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
