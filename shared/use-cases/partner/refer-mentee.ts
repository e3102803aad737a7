/**
 * A partner adviser refers a mentee (the partners' space).
 * Input: the adviser's partner (from the verified token, never from the body), the sign-up form's
 * fields, the caller's language. Output: nothing (the route answers 202 like the public sign-up).
 * Course: the public sign-up path (submit-sign-up: one write of the sign-up job, the partner
 * checked active in the same write), with `partnerId` forced to the adviser's partner: a
 * `partnerId` in the body is ignored and replaced, so a referral always lands with the adviser's
 * own partner (choosing another is not a thing an adviser can do; ignoring rather than refusing
 * lets the console send the public form's body as it is). The person still confirms the address
 * from the verification e-mail before anything else happens. An inactive partner's adviser is
 * refused as the form refuses an unknown partner (400 on `partnerId`).
 */
import type { Locale } from '../../domain/locale';
import type { MenteeSignUp } from '../../domain/sign-up-schemas';
import { logger } from '../../observability/logger';
import type { makeSubmitSignUp } from '../submit-sign-up';

export function makeReferMentee({ submitSignUp }: { submitSignUp: ReturnType<typeof makeSubmitSignUp> }) {
  return async function referMentee(input: { partnerId: string; signUp: MenteeSignUp; locale: Locale }): Promise<void> {
    const { partnerId, signUp, locale } = input;
    if (signUp.partnerId !== undefined && signUp.partnerId !== partnerId) logger.info('Referral: the body named another partner; the adviser’s own is used', { partnerId });
    await submitSignUp({ role: 'mentee', signUp: { ...signUp, partnerId }, locale });
  };
}
