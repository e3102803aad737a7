/**
 * Registers a mentor or a mentee (double opt-in).
 * Input: the validated sign-up and the caller's language. Output: nothing — the caller always
 * answers 202 with the same body, so nobody can learn whether an address is known.
 * Course: one transaction remembers the submission, claims the address for the role and writes
 * the unverified profile; then a verification e-mail is sent. A retried submission does nothing.
 * An address already claimed gets an e-mail instead: a fresh verification link if it is still
 * unverified, otherwise a note that it is already registered — at most one such e-mail per
 * address and role every 15 minutes.
 */
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError, ValidationFailedError } from '../domain/errors';
import { fingerprintSubmission, hashEmail } from '../domain/fingerprints';
import { message } from '../domain/messages';
import { CONSENT_VERSION, REPEAT_NOTICE_COOLDOWN_SECONDS, VERIFICATION_LINK_TTL_SECONDS, type MenteeProfile, type MentorProfile, type Person } from '../domain/people';
import type { MenteeSignUp, MentorSignUp } from '../domain/sign-up-schemas';
import type { Locale } from '../domain/locale';
import type { LinkSigner } from '../links/signed-links';
import { alreadyRegisteredMail, verificationMail } from '../mail/templates';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { Mailer } from '../ports/mailer';
import type { RegistrationStore } from '../ports/registration-store';

export type RegisterPersonInput =
  | { role: 'mentor'; signUp: MentorSignUp; locale: Locale }
  | { role: 'mentee'; signUp: MenteeSignUp; locale: Locale };

export interface RegisterPersonDeps {
  store: RegistrationStore;
  mailer: Mailer;
  links: LinkSigner;
  clock: Clock;
  /** Public origin of the site; the verification page lives at `${siteUrl}/verify.html`. */
  siteUrl: string;
  newId?: () => string;
}

/** The verification page takes the token from the URL fragment, which browsers never send to a server. */
export function verificationLink(siteUrl: string, token: string): string {
  return `${siteUrl}/verify.html#token=${token}`;
}

export function makeRegisterPerson(deps: RegisterPersonDeps) {
  const { store, mailer, links, clock, siteUrl } = deps;
  const newId = deps.newId ?? randomUUID;

  async function sendVerification(person: Person, reminder: boolean) {
    const { token } = await links.sign('verify_email', `${person.role}:${person.id}`, VERIFICATION_LINK_TTL_SECONDS);
    const mail = verificationMail({
      firstName: person.firstName,
      role: person.role,
      link: verificationLink(siteUrl, token),
      locale: person.locale,
      validHours: VERIFICATION_LINK_TTL_SECONDS / 3600,
      reminder,
    });
    await mailer.send({ ...mail, to: person.email });
  }

  return async function registerPerson(input: RegisterPersonInput): Promise<void> {
    const now = clock.now();
    const { consent: _consent, ...signUp } = input.signUp;
    const emailHash = hashEmail(signUp.email);
    const submission = fingerprintSubmission(input.role, input.signUp);
    const base = {
      id: newId(),
      locale: input.locale,
      createdAt: now.toISOString(),
      consentAt: now.toISOString(),
      consentVersion: CONSENT_VERSION,
      status: 'pending_verification' as const,
    };
    const person: Person =
      input.role === 'mentor'
        ? ({ ...(signUp as Omit<MentorSignUp, 'consent'>), ...base, role: 'mentor', activeMentees: 0 } satisfies MentorProfile)
        : ({ ...(signUp as Omit<MenteeSignUp, 'consent'>), ...base, role: 'mentee' } satisfies MenteeProfile);

    const outcome = await store.create({ person, emailHash, submission, now });
    logger.info('Sign-up received', { role: input.role, outcome });

    switch (outcome) {
      case 'repeated_submission':
        return;
      case 'unknown_partner':
        throw new ValidationFailedError(message('validation_failed', input.locale), { partnerId: message('unknown_partner', input.locale) });
      case 'created':
        return deliver(submission, () => sendVerification(person, false));
      case 'email_taken': {
        if (!(await store.rememberSubmission(submission, now))) return;
        const existing = await store.findByEmail(input.role, emailHash, now);
        if (!existing) return;
        const mayNotify = await store.takeRepeatNotice({ role: existing.role, emailHash, now, cooldownSeconds: REPEAT_NOTICE_COOLDOWN_SECONDS });
        if (!mayNotify) return;
        const stillUnverified =
          existing.status === 'pending_verification' &&
          (await store.extendUnverified({ role: existing.role, id: existing.id, emailHash, now }));
        return deliver(submission, () =>
          stillUnverified
            ? sendVerification(existing, true)
            : mailer.send({ ...alreadyRegisteredMail({ role: existing.role, locale: existing.locale }), to: existing.email }),
        );
      }
    }
  };

  /** A failed e-mail forgets the submission, so that a retry by the person sends it again. */
  async function deliver(submission: string, send: () => Promise<void>) {
    try {
      await send();
    } catch (error) {
      logger.error('Sign-up e-mail not sent', { error: error instanceof Error ? error.name : 'unknown' });
      await store.forgetSubmission(submission);
      throw new ServiceUnavailableError('mail unavailable');
    }
  }
}
