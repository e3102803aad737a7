/**
 * Sign-up request schemas (mentors and mentees): the fields of sign-up-fields.ts plus the checks
 * against the communes data, which only the functions that need it should bundle. They validate
 * every sign-up body, and the OpenAPI document is generated from them (shared/http/openapi.ts).
 */
import type { z } from 'zod';
import { communeMatchesPostalCode, communesOfPostalCode, isKnownPostalCode } from '../reference/postal-codes';
import { menteeSignUpFields, mentorSignUpFields, postalCodeFormat } from './sign-up-fields';

export { emailSchema } from './sign-up-fields';

export const postalCodeSchema = postalCodeFormat.refine(isKnownPostalCode, { params: { key: 'unknown_postal_code' } });

interface Place {
  postalCode: string;
  communeCode?: string | undefined;
}

/**
 * The commune must be served by the postal code, and must be chosen when the postal code serves
 * several: otherwise the profile would have no commune, and geography would never match.
 */
function communeMatches(value: Place, ctx: z.RefinementCtx<unknown>) {
  if (value.communeCode) {
    if (!communeMatchesPostalCode(value.communeCode, value.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['communeCode'], params: { key: 'commune_mismatch' }, input: value.communeCode });
    }
  } else if (communesOfPostalCode(value.postalCode).length > 1) {
    ctx.addIssue({ code: 'custom', path: ['communeCode'], params: { key: 'commune_required' }, input: value.communeCode });
  }
}

/**
 * Records the only commune of the postal code when none was sent, so every new profile has one.
 * An overwrite keeps the schema's type and its JSON Schema (the OpenAPI document) unchanged.
 */
function withCommune<T extends Place>(value: T): T {
  if (value.communeCode) return value;
  const communes = communesOfPostalCode(value.postalCode);
  return communes.length === 1 ? { ...value, communeCode: communes[0] } : value;
}

export const mentorSignUpSchema = mentorSignUpFields
  .extend({ postalCode: postalCodeSchema })
  .superRefine(communeMatches)
  .overwrite(withCommune)
  .meta({ id: 'MentorSignUp' });
export type MentorSignUp = z.infer<typeof mentorSignUpSchema>;

export const menteeSignUpSchema = menteeSignUpFields
  .extend({ postalCode: postalCodeSchema })
  .superRefine(communeMatches)
  .overwrite(withCommune)
  .meta({ id: 'MenteeSignUp' });
export type MenteeSignUp = z.infer<typeof menteeSignUpSchema>;
