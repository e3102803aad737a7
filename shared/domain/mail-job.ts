/**
 * An e-mail to send, recorded in the transaction of the change it follows. It names its recipient
 * by role and id — never by address — and the template; the mail consumer reads the person,
 * renders the mail in the person's language, signs a link if the template has one, and sends it
 * once. Every later capability's mails (proposals, introductions, check-ins) are more templates.
 */
import { boolean, discriminatedUnion, enum as enumOf, literal, strictObject, uuid } from 'zod';
import type { z } from 'zod';
import { jobBase } from './outbox';
import { ROLES } from './people';

const recipient = strictObject({ role: enumOf(ROLES), personId: uuid() });

export const mailJobSchema = discriminatedUnion('template', [
  /** The double opt-in link; `reminder` for a repeated sign-up of an unverified address. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('verify_email'), to: recipient, reminder: boolean() }),
  /** A repeated sign-up of a confirmed address: a note, no link. */
  strictObject({ ...jobBase, kind: literal('mail'), template: literal('already_registered'), to: recipient }),
]);
export type MailJob = z.infer<typeof mailJobSchema>;
