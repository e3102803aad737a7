/**
 * API schemas that need no reference data: link confirmation, communes query, and the response
 * shapes published in the OpenAPI document. Sign-up schemas are in sign-up-schemas.ts.
 */
import { enum as enumOf, literal, object, record, strictObject, string } from 'zod';
import type { z } from 'zod';
import { ROLES } from './people';
import { emailSchema } from './sign-up-fields';

export const confirmEmailSchema = strictObject({ token: string().min(10).max(2048) }).meta({ id: 'ConfirmEmail' });
export type ConfirmEmailRequest = z.infer<typeof confirmEmailSchema>;

/** "Send the e-mail again" from the success page: the role and the address the person signed up with. */
export const resendVerificationSchema = strictObject({ role: enumOf(ROLES), email: emailSchema }).meta({ id: 'ResendVerification' });
export type ResendVerificationRequest = z.infer<typeof resendVerificationSchema>;

export const communesQuerySchema = strictObject({ postalCode: string().trim().regex(/^\d{5}$/) });

/** Answer of both sign-up routes: the same whether or not the address was already known. */
export const signUpAcceptedSchema = object({ status: literal('verification_sent'), message: string() })
  .meta({ id: 'SignUpAccepted' });

/** Answer of the resend route: the same whether or not anyone signed up with the address. */
export const resendAcceptedSchema = object({ status: literal('verification_resent'), message: string() })
  .meta({ id: 'ResendAccepted' });

export const confirmEmailResultSchema = object({
    status: literal('verified'),
    role: enumOf(['mentor', 'mentee']),
    personStatus: enumOf(['pending_validation', 'awaiting_match']),
  })
  .meta({ id: 'ConfirmEmailResult' });

export const errorResponseSchema = object({
    error: object({
      code: string(),
      message: string(),
      fields: record(string(), string()).optional(),
    }),
  })
  .meta({ id: 'Error' });
