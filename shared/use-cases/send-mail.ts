/**
 * A recorded mail, sent by the mail consumer (after-commit).
 * Input: the mail job. Output: what happened (for logs and tests).
 * Course: read the recipient (the job names a role and an id, never an address), render the
 * template in the recipient's language — signing a fresh link when the template has one — and
 * send it, once per job (effect ledger): a replayed or retried record finds the job done. A
 * recipient who is gone (expired, erased) gets nothing; a verification link for an address
 * confirmed meanwhile is not sent. Inside the effect, the mail is first counted against the
 * address's daily cap (MAILS_PER_ADDRESS_PER_DAY, every kind together): past it, the job is done
 * without a mail ('capped', never an error, so never retried). A send that fails after counting
 * frees the effect; its retry finds its job counted and does not count it again. A replay of a
 * done job reports 'sent' (the ledger knows it done, not how).
 */
import { hashEmail } from '../domain/fingerprints';
import { MAILS_PER_ADDRESS_PER_DAY, mailDay, type MailJob } from '../domain/mail-job';
import { VERIFICATION_LINK_TTL_SECONDS, type Person } from '../domain/people';
import type { LinkSigner } from '../links/signed-links';
import { alreadyRegisteredMail, verificationMail, type MailOperator } from '../mail/templates';
import type { EffectLedger } from '../ports/effect-ledger';
import type { MailQuota } from '../ports/mail-quota';
import type { Mailer, OutgoingMail } from '../ports/mailer';
import type { PersonDirectory } from '../ports/person-directory';

export type SendMailOutcome = 'sent' | 'recipient_gone' | 'obsolete' | 'capped';

export interface SendMailDeps {
  people: PersonDirectory;
  mailer: Mailer;
  links: LinkSigner;
  ledger: EffectLedger;
  /** The per-address daily cap's counter. */
  quota: MailQuota;
  /** Public origin of the site; the verification page lives at `${siteUrl}/verify.html`. */
  siteUrl: string;
  /** Who sends the mails (named in every footer), from the `mail` configuration group. */
  operator: MailOperator;
}

/** The verification page takes the token from the URL fragment, which browsers never send to a server. */
export function verificationLink(siteUrl: string, token: string): string {
  return `${siteUrl}/verify.html#token=${token}`;
}

export function makeSendMail({ people, mailer, links, ledger, quota, siteUrl, operator }: SendMailDeps) {
  async function render(job: MailJob, person: Person): Promise<OutgoingMail> {
    switch (job.template) {
      case 'verify_email': {
        const { token } = await links.sign('verify_email', `${person.role}:${person.id}`, VERIFICATION_LINK_TTL_SECONDS);
        const mail = verificationMail({
          firstName: person.firstName,
          role: person.role,
          link: verificationLink(siteUrl, token),
          locale: person.locale,
          validHours: VERIFICATION_LINK_TTL_SECONDS / 3600,
          reminder: job.reminder,
          operator,
          siteUrl,
        });
        return { ...mail, to: person.email };
      }
      case 'already_registered':
        return { ...alreadyRegisteredMail({ role: person.role, locale: person.locale, operator, siteUrl }), to: person.email };
    }
  }

  return async function sendMail(job: MailJob): Promise<SendMailOutcome> {
    const person = await people.get(job.to.role, job.to.personId);
    if (!person) return 'recipient_gone';
    if (job.template === 'verify_email' && person.status !== 'pending_verification') return 'obsolete';
    let outcome: SendMailOutcome = 'sent';
    await ledger.once(job.id, async () => {
      const count = { emailHash: hashEmail(person.email), day: mailDay(job), jobId: job.id, cap: MAILS_PER_ADDRESS_PER_DAY };
      if ((await quota.take(count)) === 'capped') outcome = 'capped';
      else await mailer.send(await render(job, person));
    });
    return outcome;
  };
}
