/**
 * "Send the e-mail again" (request-resend, process-resend) on the in-memory adapters: the request
 * records a resend job whatever the address; the test hands it to process-resend as the jobs
 * consumer's stream would, then the mail jobs to send-mail. No Java, no network; the clock is the test's.
 */
import { describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryMailQuota } from '../../shared/adapters/memory/mail-quota';
import { memoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { memoryTable } from '../../shared/adapters/memory/table';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { ENTITY, OUTBOX_JOB_ATTRIBUTE } from '../../shared/db/items';
import { hashEmail } from '../../shared/domain/fingerprints';
import type { MailJob } from '../../shared/domain/mail-job';
import type { Role } from '../../shared/domain/people';
import { resendJobSchema } from '../../shared/domain/resend-job';
import { mentorSignUpSchema, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeProcessResend } from '../../shared/use-cases/process-resend';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeRequestResend } from '../../shared/use-cases/request-resend';
import { makeSendMail } from '../../shared/use-cases/send-mail';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { tokenFrom } from '../helpers/capturing-mailer';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';
import { validMentor } from '../fixtures/sign-ups';

const MINUTE = 60_000;

const mentor = (email: string): MentorSignUp => validate(mentorSignUpSchema, { ...validMentor(), email }, 'fr');

function makeHub() {
  let current = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => current };
  const table = memoryTable();
  const inbox = memorySignUpInbox(table);
  const store = memoryRegistrationStore(table);
  const mailer = memoryMailer();
  const links = makeLinkSigner({ keys: { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) }, clock });
  const submit = makeSubmitSignUp({ inbox, clock });
  const processSignUp = makeProcessSignUp({ store, clock });
  const requestResend = makeRequestResend({ inbox, clock });
  const processResend = makeProcessResend({ store, clock });
  const sendMail = makeSendMail({ people: store, matching: memoryMatchingStore(table), mailer, links, ledger: memoryEffectLedger(), quota: memoryMailQuota(table), clock, followUp: memoryFollowUpReads(table), followUpSettings: FOLLOW_UP_DEFAULTS, ...TEST_MAIL_CONTEXT });
  const mailJobs = (): MailJob[] =>
    table
      .scan()
      .filter((item) => item.entity === ENTITY.outbox && item.kind === 'mail')
      .map((item) => item[OUTBOX_JOB_ATTRIBUTE] as MailJob);
  let signUps = 0;
  let resends = 0;
  let mailed = 0;
  const hub = {
    inbox,
    processResend,
    mailJobs,
    mailer,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    /** A mentor sign-up processed, and its mails sent. */
    async signUp(email: string) {
      await submit({ role: 'mentor', signUp: mentor(email), locale: 'fr' });
      for (const job of inbox.jobs().slice(signUps)) await processSignUp(job);
      signUps = inbox.jobs().length;
      await hub.deliver();
    },
    /** The request alone; returns the resend jobs it recorded. */
    async request(role: Role, email: string) {
      await requestResend({ role, email, locale: 'fr' });
      const jobs = inbox.resendJobs().slice(resends);
      resends += jobs.length;
      return jobs;
    },
    /** The request, then its job processed (if it recorded one); returns the outcome. */
    async resend(role: Role, email: string) {
      const [job, ...rest] = await hub.request(role, email);
      expect(rest).toEqual([]);
      return job ? processResend(job) : 'repeated';
    },
    async deliver() {
      const outcomes = [];
      for (const job of mailJobs().slice(mailed)) outcomes.push(await sendMail(job));
      mailed = mailJobs().length;
      return outcomes;
    },
    confirm: makeConfirmEmail({ store, links, clock }),
    owner: (role: Role, email: string) => store.findByEmail(role, hashEmail(email), current),
    mailsTo: (address: string) => mailer.sent.filter((m) => m.to === address),
  };
  return hub;
}

describe('request-resend', () => {
  it('records a valid resend job for any address, known or not', async () => {
    const hub = makeHub();
    const [job] = await hub.request('mentee', 'nobody@example.org');
    expect(resendJobSchema.parse(job)).toMatchObject({ kind: 'resend', role: 'mentee', email: 'nobody@example.org', locale: 'fr' });
  });

  it('records a double click once, and the same request again after its short memory', async () => {
    const hub = makeHub();
    expect(await hub.request('mentor', 'click@example.org')).toHaveLength(1);
    expect(await hub.request('mentor', 'click@example.org')).toHaveLength(0);
    expect(await hub.request('mentee', 'click@example.org')).toHaveLength(1); // another role, another request
    hub.advance(MINUTE + 1000);
    expect(await hub.request('mentor', 'click@example.org')).toHaveLength(1);
  });
});

describe('process-resend', () => {
  it('sends nothing for an address nobody holds, without an error', async () => {
    const hub = makeHub();
    expect(await hub.resend('mentor', 'unknown@example.org')).toBe('no_registration');
    expect(hub.mailJobs()).toEqual([]);
  });

  it('sends nothing for an address held only in the other role', async () => {
    const hub = makeHub();
    await hub.signUp('mentor.only@example.org');
    expect(await hub.resend('mentee', 'mentor.only@example.org')).toBe('no_registration');
    expect(hub.mailJobs()).toHaveLength(1);
  });

  it('records a reminder link for an unverified address, which confirms it', async () => {
    const hub = makeHub();
    await hub.signUp('waiting@example.org');
    expect(await hub.resend('mentor', 'waiting@example.org')).toBe('notified');
    const owner = await hub.owner('mentor', 'waiting@example.org');
    expect(hub.mailJobs().at(-1)).toMatchObject({ template: 'verify_email', reminder: true, to: { role: 'mentor', personId: owner!.id } });
    expect(await hub.deliver()).toEqual(['sent']);
    const mails = hub.mailsTo('waiting@example.org');
    expect(mails).toHaveLength(2);
    expect(await hub.confirm(tokenFrom(mails[1]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
  });

  it('records the "already registered" note for a confirmed address: no link', async () => {
    const hub = makeHub();
    await hub.signUp('done@example.org');
    await hub.confirm(tokenFrom(hub.mailsTo('done@example.org')[0]));
    expect(await hub.resend('mentor', 'done@example.org')).toBe('notified');
    expect(hub.mailJobs().at(-1)).toMatchObject({ template: 'already_registered' });
    expect(await hub.deliver()).toEqual(['sent']);
  });

  it('records at most one notice per address and role every 15 minutes, shared with repeated sign-ups', async () => {
    const hub = makeHub();
    await hub.signUp('impatient@example.org');
    expect(await hub.resend('mentor', 'impatient@example.org')).toBe('notified');
    hub.advance(2 * MINUTE);
    expect(await hub.resend('mentor', 'impatient@example.org')).toBe('notice_suppressed');
    hub.advance(5 * MINUTE);
    await hub.signUp('impatient@example.org'); // a repeated sign-up within the window: suppressed too
    hub.advance(9 * MINUTE);
    expect(await hub.resend('mentor', 'impatient@example.org')).toBe('notified');
    expect(hub.mailJobs().map((j) => j.template === 'verify_email' && j.reminder)).toEqual([false, true, true]);
  });

  it('records one notice when the same resend job is delivered again', async () => {
    const hub = makeHub();
    await hub.signUp('replayed@example.org');
    const [job] = await hub.request('mentor', 'replayed@example.org');
    expect(await hub.processResend(job!)).toBe('notified');
    expect(await hub.processResend(job!)).toBe('already_notified');
    expect(hub.mailJobs()).toHaveLength(2);
  });
});
