/**
 * A recorded sign-up, processed by the stream consumer (after-commit).
 * Input: the sign-up job. Output: what happened (for logs and tests).
 * Course: one transaction claims the address for the role and writes the unverified profile, then
 * the verification e-mail is sent once. If another person holds the address, its owner gets one
 * e-mail instead — a fresh verification link while still unverified, otherwise a note that the
 * address is already registered — at most one per address and role every 15 minutes.
 * A replayed job (same id) does nothing twice: the transaction recognises its own profile and the
 * e-mails go through the effect ledger. A failed e-mail throws, so the consumer retries the job;
 * the repeat-notice reservation is given back first.
 */
import { hashEmail } from '../domain/fingerprints';
import type { SignUpJob } from '../domain/outbox';
import {
  personFromSignUp,
  REPEAT_NOTICE_COOLDOWN_SECONDS,
  UNVERIFIED_RETENTION_SECONDS,
  VERIFICATION_LINK_TTL_SECONDS,
  type Person,
} from '../domain/people';
import { RegistrationRaceError } from '../domain/errors';
import type { LinkSigner } from '../links/signed-links';
import { alreadyRegisteredMail, verificationMail } from '../mail/templates';
import { logger } from '../observability/logger';
import type { Clock } from '../ports/clock';
import type { EffectLedger } from '../ports/effect-ledger';
import type { Mailer } from '../ports/mailer';
import type { RegistrationStore } from '../ports/registration-store';

export type ProcessSignUpOutcome = 'created' | 'already_created' | 'notified' | 'notice_suppressed';

export interface ProcessSignUpDeps {
  store: RegistrationStore;
  mailer: Mailer;
  links: LinkSigner;
  ledger: EffectLedger;
  clock: Clock;
  /** Public origin of the site; the verification page lives at `${siteUrl}/verify.html`. */
  siteUrl: string;
}

/** The verification page takes the token from the URL fragment, which browsers never send to a server. */
export function verificationLink(siteUrl: string, token: string): string {
  return `${siteUrl}/verify.html#token=${token}`;
}

export function makeProcessSignUp(deps: ProcessSignUpDeps) {
  const { store, mailer, links, ledger, clock, siteUrl } = deps;

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

  return async function processSignUp(job: SignUpJob): Promise<ProcessSignUpOutcome> {
    const now = clock.now();
    const person = personFromSignUp(job);
    const emailHash = hashEmail(person.email);
    const created = await store.create({ person, emailHash, now, retentionSeconds: UNVERIFIED_RETENTION_SECONDS });
    if (created !== 'email_taken') {
      await ledger.once(`${job.id}:verification`, () => sendVerification(person, false));
      return created;
    }

    const existing = await store.findByEmail(job.role, emailHash, now);
    // The claim expired between the transaction and this read: the retry will find the address free.
    if (!existing) throw new RegistrationRaceError('address claim vanished');
    const notice = { role: job.role, emailHash, noticeId: job.id };
    if (!(await store.takeRepeatNotice({ ...notice, now, cooldownSeconds: REPEAT_NOTICE_COOLDOWN_SECONDS }))) {
      logger.info('Repeat notice suppressed (cooldown)', { role: job.role });
      return 'notice_suppressed';
    }
    try {
      const stillUnverified =
        existing.status === 'pending_verification' &&
        (await store.extendUnverified({ role: existing.role, id: existing.id, emailHash, now, retentionSeconds: UNVERIFIED_RETENTION_SECONDS }));
      await ledger.once(`${job.id}:notice`, () =>
        stillUnverified
          ? sendVerification(existing, true)
          : mailer.send({ ...alreadyRegisteredMail({ role: existing.role, locale: existing.locale }), to: existing.email }),
      );
    } catch (error) {
      await store.releaseRepeatNotice(notice);
      throw error;
    }
    return 'notified';
  };
}
