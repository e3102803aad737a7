/**
 * Sign-up request schemas (mentors and mentees): the fields of sign-up-fields.ts plus the checks
 * against the communes data, which only the functions that need it should bundle. They validate
 * every sign-up body, and the OpenAPI document is generated from them (shared/http/openapi.ts).
 */
import type { z } from 'zod';
import { communeMatchesPostalCode, isKnownPostalCode } from '../reference/postal-codes';
import { menteeSignUpFields, mentorSignUpFields, postalCodeFormat } from './sign-up-fields';

export { emailSchema } from './sign-up-fields';

export const postalCodeSchema = postalCodeFormat.refine(isKnownPostalCode, { params: { key: 'unknown_postal_code' } });

/** The commune, when given, must be served by the postal code. */
function communeMatches(value: { postalCode: string; communeCode?: string | undefined }, ctx: z.RefinementCtx<unknown>) {
  if (value.communeCode && !communeMatchesPostalCode(value.communeCode, value.postalCode)) {
    ctx.addIssue({ code: 'custom', path: ['communeCode'], params: { key: 'commune_mismatch' }, input: value.communeCode });
  }
}

export const mentorSignUpSchema = mentorSignUpFields.extend({ postalCode: postalCodeSchema }).superRefine(communeMatches).meta({ id: 'MentorSignUp' });
export type MentorSignUp = z.infer<typeof mentorSignUpSchema>;

export const menteeSignUpSchema = menteeSignUpFields.extend({ postalCode: postalCodeSchema }).superRefine(communeMatches).meta({ id: 'MenteeSignUp' });
export type MenteeSignUp = z.infer<typeof menteeSignUpSchema>;
