/**
 * A recorded mail, sent by the mail consumer (after-commit).
 * Input: the mail job. Output: what happened (for logs and tests).
 * Course: resolve the recipient (the job names a person by role and id, a partner by id, or the
 * programme — never an address): a person is read, a partner's contact address is read, the
 * programme's address is configured. Read what the template shows (a proposal, a tandem, a
 * mentee), render it in the recipient's language — signing fresh links when the template has
 * some — and send it, once per job (effect ledger): a replayed or retried record finds the job
 * done. A recipient who is gone (expired, erased, a partner without an address) gets nothing; a
 * mail whose reason is gone ('obsolete': a verification for an address confirmed meanwhile, a
 * proposal or its reminder no longer pending) is not sent. Inside the effect, a mail to a person
 * is first counted against the address's daily cap (MAILS_PER_ADDRESS_PER_DAY, every kind
 * together): past it, the job is done without a mail ('capped', never an error, so never
 * retried); configured addresses (partners, the programme) are not capped. A send that fails
 * after counting frees the effect; its retry finds its job counted and does not count it again.
 * A replay of a done job reports 'sent' (the ledger knows it done, not how).
 */
import { hashEmail } from '../domain/fingerprints';
import { isConfiguredRecipient, MAILS_PER_ADDRESS_PER_DAY, mailDay, type MailJob } from '../domain/mail-job';
import { MAX_PROPOSAL_LIFETIME_SECONDS, REACTIVATION_LINK_TTL_SECONDS } from '../domain/matching-terms';
import { VERIFICATION_LINK_TTL_SECONDS, type MenteeProfile, type Person } from '../domain/people';
import { proposalPageLink, proposalSubject, reactivationPageLink, reactivationSubject } from '../links/matching-links';
import type { LinkSigner } from '../links/signed-links';
import {
  alreadyRegisteredMail,
  introductionMail,
  matchingFailedMail,
  mentorRefusedMail,
  mentorValidatedMail,
  proposalMail,
  unmatchedReportMail,
  verificationMail,
  type MailOperator,
} from '../mail/templates';
import type { Clock } from '../ports/clock';
import type { EffectLedger } from '../ports/effect-ledger';
import type { MailQuota } from '../ports/mail-quota';
import type { Mailer, OutgoingMail } from '../ports/mailer';
import type { MatchingStore } from '../ports/matching-store';
import type { PersonDirectory } from '../ports/person-directory';

export type SendMailOutcome = 'sent' | 'recipient_gone' | 'obsolete' | 'capped';

/** What the mail consumer reads of matching: the proposal, the tandem, its people and partner. */
export type MatchingReads = Pick<MatchingStore, 'getMentee' | 'getProposal' | 'getMentor' | 'getTandem' | 'getPartner'>;

export interface SendMailDeps {
  people: PersonDirectory;
  matching: MatchingReads;
  mailer: Mailer;
  links: LinkSigner;
  ledger: EffectLedger;
  /** The per-address daily cap's counter. */
  quota: MailQuota;
  clock: Clock;
  /** Public origin of the site; the verification page lives at `${siteUrl}/verify.html`. */
  siteUrl: string;
  /** Who sends the mails (named in every footer) and its programme mailbox, from the `mail` configuration group. */
  operator: MailOperator;
}

/** The verification page takes the token from the URL fragment, which browsers never send to a server. */
export function verificationLink(siteUrl: string, token: string): string {
  return `${siteUrl}/verify.html#token=${token}`;
}

/** A mail ready to render once the effect is taken, and its address. */
interface Prepared {
  to: string;
  render: () => Promise<Omit<OutgoingMail, 'to'>>;
}

export function makeSendMail({ people, matching, mailer, links, ledger, quota, clock, siteUrl, operator }: SendMailDeps) {
  const context = { operator, siteUrl };
  const programmeEmail = operator.programmeEmail;

  /** A partner's contact address, or undefined (no partner, no address). */
  async function partnerAddress(partnerId: string): Promise<string | undefined> {
    return (await matching.getPartner(partnerId))?.contactEmail;
  }

  async function prepare(job: MailJob): Promise<Prepared | Exclude<SendMailOutcome, 'sent' | 'capped'>> {
    switch (job.template) {
      case 'verify_email': {
        const person = await people.get(job.to.role, job.to.personId);
        if (!person) return 'recipient_gone';
        if (person.status !== 'pending_verification') return 'obsolete';
        return {
          to: person.email,
          render: async () => {
            const { token } = await links.sign('verify_email', `${person.role}:${person.id}`, VERIFICATION_LINK_TTL_SECONDS);
            return verificationMail({
              firstName: person.firstName,
              role: person.role,
              link: verificationLink(siteUrl, token),
              locale: person.locale,
              validHours: VERIFICATION_LINK_TTL_SECONDS / 3600,
              reminder: job.reminder,
              ...context,
            });
          },
        };
      }
      case 'already_registered': {
        const person = await people.get(job.to.role, job.to.personId);
        if (!person) return 'recipient_gone';
        return { to: person.email, render: async () => alreadyRegisteredMail({ role: person.role, locale: person.locale, ...context }) };
      }
      case 'proposal': {
        const mentor = await people.get('mentor', job.to.personId);
        if (!mentor) return 'recipient_gone';
        const [proposal, found] = await Promise.all([matching.getProposal(job.menteeId, job.to.personId), matching.getMentee(job.menteeId)]);
        // Decided, closed or lapsed meanwhile (a reminder after the click, a mail retried too late): nothing to ask.
        const secondsLeft = proposal ? Math.floor((Date.parse(proposal.expiresAt) - clock.now().getTime()) / 1000) : 0;
        if (!proposal || proposal.status !== 'pending' || proposal.decision || secondsLeft <= 0 || !found) return 'obsolete';
        const mentee = found.mentee;
        return {
          to: mentor.email,
          render: async () => {
            const ttl = Math.min(secondsLeft, MAX_PROPOSAL_LIFETIME_SECONDS);
            const sign = async (action: 'accept' | 'decline' | 'decline_and_pause') =>
              proposalPageLink(siteUrl, (await links.sign('proposal', proposalSubject(mentee.id, mentor.id, action), ttl)).token);
            const [accept, decline, declineAndPause, reactivate] = await Promise.all([
              sign('accept'),
              sign('decline'),
              sign('decline_and_pause'),
              links.sign('reactivate_mentor', reactivationSubject(mentor.id), REACTIVATION_LINK_TTL_SECONDS).then(({ token }) => reactivationPageLink(siteUrl, token)),
            ]);
            return proposalMail({
              mentorFirstName: mentor.firstName,
              locale: mentor.locale,
              mentee: proposedMentee(mentee),
              reasons: proposal.reasons,
              expiresAt: proposal.expiresAt,
              links: { accept, decline, declineAndPause, reactivate },
              reminder: job.reminder,
              reactivationDays: REACTIVATION_LINK_TTL_SECONDS / 86400,
              ...context,
            });
          },
        };
      }
      case 'introduction': {
        const tandem = await matching.getTandem(job.tandemId);
        if (!tandem) return 'obsolete';
        const [mentor, found] = await Promise.all([matching.getMentor(tandem.mentorId), matching.getMentee(tandem.menteeId)]);
        if (!mentor || !found) return 'recipient_gone';
        const mentee = found.mentee;
        const input = { mentor, mentee, track: tandem.track, startedAt: tandem.startedAt, ...context };
        if ('partnerId' in job.to) {
          const address = await partnerAddress(job.to.partnerId);
          if (!address) return 'recipient_gone';
          return { to: address, render: async () => introductionMail({ ...input, to: 'partner', locale: 'fr' }) };
        }
        const person: Person = job.to.role === 'mentor' ? mentor : mentee;
        if (person.id !== job.to.personId) return 'obsolete';
        return { to: person.email, render: async () => introductionMail({ ...input, to: person.role, locale: person.locale }) };
      }
      case 'unmatched_report': {
        const found = await matching.getMentee(job.menteeId);
        // An erased mentee is reported to nobody.
        if (!found) return 'obsolete';
        const to = 'partnerId' in job.to ? await partnerAddress(job.to.partnerId) : programmeEmail;
        if (!to) return 'recipient_gone';
        const { menteeId, attempt, considered, compatible, proposed, excluded } = job;
        return {
          to,
          render: async () =>
            unmatchedReportMail({
              to: 'partnerId' in job.to ? 'partner' : 'programme',
              menteeId,
              firstName: found.mentee.firstName,
              track: found.mentee.track,
              attempt,
              considered,
              compatible,
              proposed,
              excluded,
              ...context,
            }),
        };
      }
      case 'mentor_validated':
      case 'mentor_refused': {
        const mentor = await people.get('mentor', job.to.personId);
        if (mentor?.role !== 'mentor') return 'recipient_gone';
        const input = { firstName: mentor.firstName, locale: mentor.locale, ...context };
        return { to: mentor.email, render: async () => (job.template === 'mentor_validated' ? mentorValidatedMail({ ...input, capacity: mentor.capacity }) : mentorRefusedMail(input)) };
      }
      case 'matching_failed':
        return { to: programmeEmail, render: async () => matchingFailedMail({ menteeId: job.menteeId, attempt: job.attempt, errorName: job.errorName, ...context }) };
    }
  }

  return async function sendMail(job: MailJob): Promise<SendMailOutcome> {
    const prepared = await prepare(job);
    if (typeof prepared === 'string') return prepared;
    let outcome: SendMailOutcome = 'sent';
    await ledger.once(job.id, async () => {
      // The cap protects people's inboxes from the public form; configured addresses are ours and our partners'.
      const counted = !isConfiguredRecipient(job.to);
      const count = { emailHash: hashEmail(prepared.to), day: mailDay(job), jobId: job.id, cap: MAILS_PER_ADDRESS_PER_DAY };
      if (counted && (await quota.take(count)) === 'capped') outcome = 'capped';
      else await mailer.send({ ...(await prepared.render()), to: prepared.to });
    });
    return outcome;
  };
}

/** The mentee as a proposal shows it: never the last name, the e-mail address or the phone. */
function proposedMentee(mentee: MenteeProfile) {
  return {
    firstName: mentee.firstName,
    track: mentee.track,
    sector: mentee.sector,
    needs: mentee.needs,
    place: { postalCode: mentee.postalCode },
    meetingModes: mentee.meetingModes,
    languages: mentee.languages,
  };
}
