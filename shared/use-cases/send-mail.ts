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
 *
 * Follow-up mails (docs/follow-up.md) read the tandem with its rounds, surveys and alerts in one
 * Query (FollowUpReads). A check-in is obsolete unless its round is `sent`, the tandem `active` and
 * the person has not answered; an outcome survey once cancelled or answered by that respondent (a
 * reminder alike); an alert once resolved; a thank-you unless the tandem is closed; a retention
 * notice unless the mentee is still unmatched. Their links live the stage's `linkDays`. A person
 * erased (`erasedAt`, `email: ''`) is gone for every template.
 */
import { hashEmail } from '../domain/fingerprints';
import type { CheckInRole, FollowUpSettings } from '../domain/follow-up';
import { isConfiguredRecipient, MAILS_PER_ADDRESS_PER_DAY, mailDay, type MailJob } from '../domain/mail-job';
import { MAX_PROPOSAL_LIFETIME_SECONDS, REACTIVATION_LINK_TTL_SECONDS } from '../domain/matching-terms';
import { VERIFICATION_LINK_TTL_SECONDS, type MenteeProfile, type Person } from '../domain/people';
import { checkInSubject, followUpPageLink, outcomeSubject } from '../links/follow-up-links';
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
import { checkInMail, consoleTandemLink, followUpAlertMail, partnerTandemLink, outcomeSurveyMail, retentionNoticeMail, tandemClosedMail } from '../mail/follow-up-templates';
import type { Clock } from '../ports/clock';
import type { EffectLedger } from '../ports/effect-ledger';
import type { FollowUpReads } from '../ports/follow-up-reads';
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
  /** A tandem with its check-in rounds, outcome surveys and alerts (the follow-up mails). */
  followUp: FollowUpReads;
  /** From the `followUp` configuration group: how long a follow-up link lives, after how long a tandem is silent. */
  followUpSettings: Pick<FollowUpSettings, 'linkDays' | 'silentAfterDays'>;
}

/** A person a mail can reach: known, not erased, with an address (an erased profile keeps `email: ''`). */
function reachable<P extends Person>(person: P | undefined): person is P {
  return Boolean(person && !person.erasedAt && person.email);
}
const otherRole = (role: CheckInRole): CheckInRole => (role === 'mentor' ? 'mentee' : 'mentor');
const DAY_MS = 86_400_000;

/** The verification page takes the token from the URL fragment, which browsers never send to a server. */
export function verificationLink(siteUrl: string, token: string): string {
  return `${siteUrl}/verify.html#token=${token}`;
}

/** A mail ready to render once the effect is taken, and its address. */
interface Prepared {
  to: string;
  render: () => Promise<Omit<OutgoingMail, 'to'>>;
}

export function makeSendMail({ people, matching, mailer, links, ledger, quota, clock, siteUrl, operator, followUp, followUpSettings }: SendMailDeps) {
  const context = { operator, siteUrl };
  const programmeEmail = operator.programmeEmail;

  /** A partner's contact address, or undefined (no partner, no address). */
  async function partnerAddress(partnerId: string): Promise<string | undefined> {
    return (await matching.getPartner(partnerId))?.contactEmail;
  }

  /** A follow-up link (check-in or outcome) for the stage's `linkDays`, and the day it stops working. */
  async function followUpLink(purpose: 'check_in' | 'outcome', subject: string) {
    const ttl = followUpSettings.linkDays * 86400;
    const { token, claims } = await links.sign(purpose, subject, ttl);
    return { link: followUpPageLink(siteUrl, token), linkDays: followUpSettings.linkDays, validUntil: new Date(claims.expiresAt * 1000).toISOString() };
  }

  async function prepare(job: MailJob): Promise<Prepared | Exclude<SendMailOutcome, 'sent' | 'capped'>> {
    switch (job.template) {
      case 'verify_email': {
        const person = await people.get(job.to.role, job.to.personId);
        if (!reachable(person)) return 'recipient_gone';
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
        if (!reachable(person)) return 'recipient_gone';
        return { to: person.email, render: async () => alreadyRegisteredMail({ role: person.role, locale: person.locale, ...context }) };
      }
      case 'proposal': {
        const mentor = await people.get('mentor', job.to.personId);
        if (!reachable(mentor)) return 'recipient_gone';
        const [proposal, found] = await Promise.all([matching.getProposal(job.menteeId, job.to.personId), matching.getMentee(job.menteeId)]);
        // Decided, closed or lapsed meanwhile (a reminder after the click, a mail retried too late): nothing to ask.
        const secondsLeft = proposal ? Math.floor((Date.parse(proposal.expiresAt) - clock.now().getTime()) / 1000) : 0;
        if (!proposal || proposal.status !== 'pending' || proposal.decision || secondsLeft <= 0 || !found || found.mentee.erasedAt) return 'obsolete';
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
        // An erased member is introduced to nobody (the erasure ended the tandem).
        const erased = { mentor: Boolean(mentor.erasedAt), mentee: Boolean(mentee.erasedAt) };
        if ('partnerId' in job.to) {
          if (erased.mentor || erased.mentee) return 'obsolete';
          const address = await partnerAddress(job.to.partnerId);
          if (!address) return 'recipient_gone';
          return { to: address, render: async () => introductionMail({ ...input, to: 'partner', locale: 'fr' }) };
        }
        const person: Person = job.to.role === 'mentor' ? mentor : mentee;
        if (!reachable(person)) return 'recipient_gone';
        if (person.id !== job.to.personId || erased[job.to.role === 'mentor' ? 'mentee' : 'mentor']) return 'obsolete';
        return { to: person.email, render: async () => introductionMail({ ...input, to: person.role, locale: person.locale }) };
      }
      case 'unmatched_report': {
        const found = await matching.getMentee(job.menteeId);
        // An erased mentee is reported to nobody.
        if (!found || found.mentee.erasedAt) return 'obsolete';
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
        if (!reachable(mentor) || mentor.role !== 'mentor') return 'recipient_gone';
        const input = { firstName: mentor.firstName, locale: mentor.locale, ...context };
        return { to: mentor.email, render: async () => (job.template === 'mentor_validated' ? mentorValidatedMail({ ...input, capacity: mentor.capacity }) : mentorRefusedMail(input)) };
      }
      case 'matching_failed':
        return { to: programmeEmail, render: async () => matchingFailedMail({ menteeId: job.menteeId, attempt: job.attempt, errorName: job.errorName, ...context }) };
      case 'check_in': {
        const role = job.to.role;
        const person = await people.get(role, job.to.personId);
        if (!reachable(person)) return 'recipient_gone';
        const found = await followUp.getFollowUp(job.tandemId);
        if (!found) return 'obsolete';
        const { tandem } = found;
        const round = found.rounds.find((r) => r.seq === job.seq);
        // Closed tandem, round not (or no longer) out, already answered by this person (a reminder too): nothing to ask.
        if (tandem.status !== 'active' || memberId(tandem, role) !== person.id || round?.status !== 'sent' || round.answers[role]) return 'obsolete';
        const other = await people.get(otherRole(role), memberId(tandem, otherRole(role)));
        if (!other || other.erasedAt) return 'obsolete';
        return {
          to: person.email,
          render: async () =>
            checkInMail({
              to: role,
              firstName: person.firstName,
              otherFirstName: other.firstName,
              seq: job.seq,
              reminder: job.reminder,
              daysSinceStart: Math.floor((clock.now().getTime() - Date.parse(tandem.startedAt)) / DAY_MS),
              locale: person.locale,
              ...(await followUpLink('check_in', checkInSubject(tandem.id, job.seq, role))),
              ...context,
            }),
        };
      }
      case 'outcome_survey': {
        const respondent = 'partnerId' in job.to ? 'partner' : 'mentee';
        let to: string | undefined;
        let locale: Person['locale'] = 'fr';
        if ('partnerId' in job.to) {
          to = await partnerAddress(job.to.partnerId);
        } else {
          if (job.to.role !== 'mentee') return 'obsolete';
          const person = await people.get('mentee', job.to.personId);
          if (reachable(person)) [to, locale] = [person.email, person.locale];
        }
        if (!to) return 'recipient_gone';
        const found = await followUp.getFollowUp(job.tandemId);
        if (!found) return 'obsolete';
        const { tandem } = found;
        if ('partnerId' in job.to ? tandem.partnerId !== job.to.partnerId : tandem.menteeId !== job.to.personId) return 'obsolete';
        const survey = found.surveys.find((s) => s.milestone === job.milestone);
        // Cancelled (a re-match, an erasure) or already answered by this respondent (the reminder alike): nothing to ask.
        if (!survey || survey.status === 'cancelled' || survey.answeredBy?.[respondent]) return 'obsolete';
        const mentee = await people.get('mentee', tandem.menteeId);
        if (!mentee || mentee.erasedAt) return 'obsolete';
        const address = to;
        return {
          to: address,
          render: async () =>
            outcomeSurveyMail({
              to: respondent,
              firstName: mentee.firstName,
              // The partner reads "Léa D.": the initial only.
              ...(respondent === 'partner' && mentee.lastName ? { lastNameInitial: mentee.lastName.charAt(0).toLocaleUpperCase('fr') } : {}),
              track: tandem.track,
              milestone: job.milestone,
              reminder: job.reminder,
              locale,
              ...(await followUpLink('outcome', outcomeSubject(tandem.id, job.milestone, respondent))),
              ...context,
            }),
        };
      }
      case 'follow_up_alert': {
        const found = await followUp.getFollowUp(job.tandemId);
        if (!found) return 'obsolete';
        const { tandem } = found;
        if ('partnerId' in job.to && tandem.partnerId !== job.to.partnerId) return 'obsolete';
        const to = 'partnerId' in job.to ? await partnerAddress(job.to.partnerId) : programmeEmail;
        if (!to) return 'recipient_gone';
        // Resolved meanwhile (an answer ended a silence, the CCI acted, the tandem closed): nothing to flag.
        const alert = found.alerts.find((a) => a.kind === job.alert);
        if (alert?.status !== 'open') return 'obsolete';
        const [mentor, mentee] = await Promise.all([people.get('mentor', tandem.mentorId), people.get('mentee', tandem.menteeId)]);
        if (!mentor || !mentee || mentor.erasedAt || mentee.erasedAt) return 'obsolete';
        return {
          to,
          render: async () =>
            followUpAlertMail({
              to: 'partnerId' in job.to ? 'partner' : 'programme',
              alert: job.alert,
              raisedBy: alert.raisedBy,
              mentorFirstName: mentor.firstName,
              menteeFirstName: mentee.firstName,
              silentAfterDays: followUpSettings.silentAfterDays,
              link: 'partnerId' in job.to ? partnerTandemLink(siteUrl, tandem.id) : consoleTandemLink(siteUrl, tandem.id),
              ...context,
            }),
        };
      }
      case 'tandem_closed': {
        const role = job.to.role;
        const person = await people.get(role, job.to.personId);
        if (!reachable(person)) return 'recipient_gone';
        const found = await followUp.getFollowUp(job.tandemId);
        if (!found || found.tandem.status === 'active' || memberId(found.tandem, role) !== person.id) return 'obsolete';
        // The other member may have been erased (the erasure closed the tandem): then the mail names nobody.
        const other = await people.get(otherRole(role), memberId(found.tandem, otherRole(role)));
        const otherFirstName = other && !other.erasedAt && other.firstName ? other.firstName : undefined;
        return {
          to: person.email,
          render: async () =>
            tandemClosedMail({ to: role, firstName: person.firstName, ...(otherFirstName ? { otherFirstName } : {}), rematch: job.rematch, locale: person.locale, ...context }),
        };
      }
      case 'retention_notice': {
        const person = await people.get(job.to.role, job.to.personId);
        if (!reachable(person)) return 'recipient_gone';
        // Matched or re-matching meanwhile: the profile is no longer due for erasure.
        if (person.role !== 'mentee' || person.status !== 'unmatched') return 'obsolete';
        return { to: person.email, render: async () => retentionNoticeMail({ firstName: person.firstName, erasesOn: job.erasesOn, locale: person.locale, ...context }) };
      }
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

/** The id of a tandem's member in `role`. */
function memberId(tandem: { mentorId: string; menteeId: string }, role: CheckInRole): string {
  return role === 'mentor' ? tandem.mentorId : tandem.menteeId;
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
