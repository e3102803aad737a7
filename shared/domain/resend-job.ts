/**
 * A request to send the verification e-mail again, as the public request recorded it: the role and
 * the address typed on the success page (normalised like the sign-up's). The jobs consumer looks
 * the address up and, if someone holds it, records the same notice a repeated sign-up would.
 */
import { enum as enumOf, literal, strictObject } from 'zod';
import type { z } from 'zod';
import { jobBase } from './outbox';
import { ROLES } from './people';
import { emailSchema } from './sign-up-fields';

export const resendJobSchema = strictObject({ ...jobBase, kind: literal('resend'), role: enumOf(ROLES), email: emailSchema });
export type ResendJob = z.infer<typeof resendJobSchema>;

/**
 * How long the same resend request (role and address) is remembered: a double click or a quick
 * retry has one effect. Short, because the owner's notice has its own 15-minute window.
 */
export const RESEND_MEMORY_SECONDS = 60;
