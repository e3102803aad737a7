/**
 * The sign-up use cases (submit, process, send-mail, confirm) on the in-memory adapters: the
 * request records a sign-up job, the test hands the recorded jobs to process-sign-up as the jobs
 * consumer's stream would, then the mail jobs it recorded to send-mail as the mail consumer's
 * would, and the link in the mail confirms the address. No Java, no network; the clock is the test's.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryMailQuota } from '../../shared/adapters/memory/mail-quota';
import { memoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryPartnerStore } from '../../shared/adapters/memory/partner-store';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { memoryTable } from '../../shared/adapters/memory/table';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { ENTITY, OUTBOX_JOB_ATTRIBUTE } from '../../shared/db/items';
import { LinkExpiredError, LinkInvalidError, LinkUsedError, RegistrationRaceError, ValidationFailedError } from '../../shared/domain/errors';
import { hashEmail } from '../../shared/domain/fingerprints';
import { MAILS_PER_ADDRESS_PER_DAY, mailJobSchema, type MailJob } from '../../shared/domain/mail-job';
import type { Role } from '../../shared/domain/people';
import type { SignUpJob } from '../../shared/domain/sign-up-job';
import { menteeSignUpSchema, mentorSignUpSchema, type MenteeSignUp, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeLinkSigner } from '../../shared/links/signed-links';
import type { RegistrationStore } from '../../shared/ports/registration-store';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeSendMail } from '../../shared/use-cases/send-mail';
import { makeSubmitSignUp, type SubmitSignUpInput } from '../../shared/use-cases/submit-sign-up';
import { tokenFrom } from '../helpers/capturing-mailer';
import { validMentee, validMentor } from '../fixtures/sign-ups';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const mentor = (overrides: Partial<Record<keyof MentorSignUp, unknown>> = {}): MentorSignUp =>
  validate(mentorSignUpSchema, { ...validMentor(), ...overrides }, 'fr');
const mentee = (overrides: Partial<Record<keyof MenteeSignUp, unknown>> = {}): MenteeSignUp =>
  validate(menteeSignUpSchema, { ...validMentee(), ...overrides }, 'fr');
const asMentor = (signUp: MentorSignUp): SubmitSignUpInput => ({ role: 'mentor', signUp, locale: 'fr' });
const asMentee = (signUp: MenteeSignUp): SubmitSignUpInput => ({ role: 'mentee', signUp, locale: 'fr' });

/** The claims of a signed link, decoded without verifying: what anyone holding the mail can read. */
const linkPayload = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The hub on memory adapters sharing one table, with a clock the test moves. */
function makeHub(options: { store?: (store: RegistrationStore) => RegistrationStore } = {}) {
  let current = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => current };
  const table = memoryTable();
  const inbox = memorySignUpInbox(table);
  const partners = memoryPartnerStore(table);
  const store = memoryRegistrationStore(table);
  const mailer = memoryMailer();
  const links = makeLinkSigner({ keys: { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) }, clock });
  const processSignUp = makeProcessSignUp({ store: options.store?.(store) ?? store, clock });
  const sendMail = makeSendMail({ people: store, matching: memoryMatchingStore(table), mailer, links, ledger: memoryEffectLedger(), quota: memoryMailQuota(table), clock, followUp: memoryFollowUpReads(table), followUpSettings: FOLLOW_UP_DEFAULTS, ...TEST_MAIL_CONTEXT });
  let delivered = 0;
  let mailed = 0;

  /** Every mail job recorded so far, in the order recorded (the order of the stream). */
  const mailJobs = (): MailJob[] =>
    table
      .scan()
      .filter((item) => item.entity === ENTITY.outbox && item.kind === 'mail')
      .map((item) => item[OUTBOX_JOB_ATTRIBUTE] as MailJob);

  const hub = {
    clock,
    inbox,
    partners,
    store,
    mailer,
    links,
    submit: makeSubmitSignUp({ inbox, clock }),
    processSignUp,
    sendMail,
    confirm: makeConfirmEmail({ store, links, clock }),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    /** The sign-up jobs recorded since the last call, as the jobs consumer's stream delivers them. */
    newJobs(): SignUpJob[] {
      const jobs = inbox.jobs().slice(delivered);
      delivered += jobs.length;
      return jobs;
    },
    mailJobs,
    /** The mail jobs recorded since the last call, as the mail consumer's stream delivers them. */
    newMailJobs(): MailJob[] {
      const jobs = mailJobs().slice(mailed);
      mailed += jobs.length;
      return jobs;
    },
    /** The request, then its job processed; returns the outcome. */
    async register(input: SubmitSignUpInput) {
      await hub.submit(input);
      const [job, ...rest] = hub.newJobs();
      expect(rest).toEqual([]);
      return job ? processSignUp(job) : 'repeated';
    },
    /** Sends the mail jobs recorded since the last delivery, as the mail consumer would. */
    async deliver() {
      const outcomes = [];
      for (const job of hub.newMailJobs()) outcomes.push(await sendMail(job));
      return outcomes;
    },
    /** The whole course: request, sign-up job, mail jobs. */
    async registerAndMail(input: SubmitSignUpInput) {
      const outcome = await hub.register(input);
      await hub.deliver();
      return outcome;
    },
    /** The person holding an address for a role now. */
    async owner(role: Role, address: string) {
      const person = await store.findByEmail(role, hashEmail(address), clock.now());
      if (!person) throw new Error(`nobody holds ${address}`);
      return person;
    },
    mailsTo: (address: string) => mailer.sent.filter((m) => m.to === address),
  };
  return hub;
}

describe('submit-sign-up', () => {
  it('records a submission sent twice once (double click, retry)', async () => {
    const hub = makeHub();
    const signUp = mentor({ email: 'double@example.org' });
    await hub.submit(asMentor(signUp));
    await hub.submit(asMentor(signUp));
    const jobs = hub.newJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'sign_up', role: 'mentor', locale: 'fr', recordedAt: hub.clock.now().toISOString(), signUp });
  });

  it('records the same submission again after its memory (10 minutes)', async () => {
    const hub = makeHub();
    const signUp = mentor({ email: 'again@example.org' });
    await hub.submit(asMentor(signUp));
    hub.advance(11 * MINUTE);
    await hub.submit(asMentor(signUp));
    expect(hub.newJobs()).toHaveLength(2);
  });

  it('refuses an unknown or inactive partner with a field error, and records nothing', async () => {
    const hub = makeHub();
    await hub.partners.put({ id: 'sleepy', name: 'Dormant', kind: 'association', status: 'inactive', dedicatedPool: false, createdAt: hub.clock.now().toISOString() });
    for (const partnerId of ['nobody', 'sleepy']) {
      const error = await hub.submit({ role: 'mentee', signUp: mentee({ partnerId }), locale: 'fr' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect(error).toMatchObject({ fields: { partnerId: 'Partenaire inconnu ou inactif.' } });
    }
    expect(hub.newJobs()).toEqual([]);
  });

  it('records a mentee referred by an active partner', async () => {
    const hub = makeHub();
    await hub.partners.put({ id: 'mission-locale', name: 'Mission locale', kind: 'youth', status: 'active', dedicatedPool: false, createdAt: hub.clock.now().toISOString() });
    await hub.submit({ role: 'mentee', signUp: mentee({ partnerId: 'mission-locale' }), locale: 'fr' });
    expect(hub.newJobs()).toHaveLength(1);
  });
});

describe('process-sign-up', () => {
  it('creates the unverified person and records one verification mail job, which names the person by role and id only', async () => {
    const hub = makeHub();
    expect(await hub.register(asMentor(mentor({ email: 'new@example.org' })))).toBe('created');
    const person = await hub.owner('mentor', 'new@example.org');
    expect(person).toMatchObject({ status: 'pending_verification', firstName: 'Camille' });
    const jobs = hub.newMailJobs();
    expect(jobs).toEqual([
      {
        kind: 'mail',
        id: expect.any(String),
        locale: 'fr',
        recordedAt: hub.clock.now().toISOString(),
        template: 'verify_email',
        reminder: false,
        to: { role: 'mentor', personId: person.id },
      },
    ]);
    expect(mailJobSchema.parse(jobs[0])).toEqual(jobs[0]);
    expect(JSON.stringify(jobs)).not.toMatch(/new@|Camille|Durand/);
    expect(hub.mailer.sent).toEqual([]); // sending is the mail consumer's job
  });

  it('records nothing twice when the same job is delivered again', async () => {
    const hub = makeHub();
    await hub.submit(asMentor(mentor({ email: 'replay@example.org' })));
    const [job] = hub.newJobs();
    expect(await hub.processSignUp(job!)).toBe('created');
    expect(await hub.processSignUp(job!)).toBe('already_created');
    expect(hub.mailJobs()).toHaveLength(1);
  });

  it('records for the owner of an unverified address a reminder, to the stored person', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'twice@example.org' })));
    expect(await hub.register(asMentor(mentor({ email: 'twice@example.org', firstName: 'Autre' })))).toBe('notified');
    const owner = await hub.owner('mentor', 'twice@example.org');
    expect(hub.mailJobs()).toEqual([
      expect.objectContaining({ template: 'verify_email', reminder: false, to: { role: 'mentor', personId: owner.id } }),
      expect.objectContaining({ template: 'verify_email', reminder: true, to: { role: 'mentor', personId: owner.id } }),
    ]);
    expect(await hub.deliver()).toEqual(['sent', 'sent']);
    const sent = hub.mailsTo('twice@example.org');
    expect(sent[1]!.text).toContain('Vous avez déjà commencé votre inscription');
    expect(sent[1]!.text).toContain('Camille');
    expect(sent[1]!.text).not.toContain('Autre');
  });

  it('keeps an unverified registration alive while its owner keeps signing up', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'slow@example.org' })));
    hub.advance(6 * DAY);
    expect(await hub.registerAndMail(asMentor(mentor({ email: 'slow@example.org', capacity: 3 })))).toBe('notified');
    hub.advance(DAY + 60 * MINUTE); // past the first registration's seven days, within the reminder link's 48 hours
    expect(await hub.confirm(tokenFrom(hub.mailsTo('slow@example.org')[1]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
  });

  it('records for the owner of a confirmed address an "already registered" note, and changes nothing', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'known@example.org' })));
    await hub.confirm(tokenFrom(hub.mailsTo('known@example.org')[0]));
    expect(await hub.register(asMentor(mentor({ email: 'known@example.org', capacity: 5 })))).toBe('notified');
    const owner = await hub.owner('mentor', 'known@example.org');
    expect(hub.newMailJobs()).toEqual([expect.objectContaining({ template: 'already_registered', to: { role: 'mentor', personId: owner.id } })]);
    expect(owner).toMatchObject({ capacity: 2, status: 'pending_validation' });
  });

  it('records at most one repeated-sign-up mail per address and role every 15 minutes', async () => {
    const hub = makeHub();
    const base = mentor({ email: 'flooded@example.org' });
    await hub.register(asMentor(base));
    const outcomes = [];
    for (const capacity of [3, 4, 5]) outcomes.push(await hub.register(asMentor({ ...base, capacity })));
    expect(outcomes).toEqual(['notified', 'notice_suppressed', 'notice_suppressed']);
    hub.advance(14 * MINUTE);
    expect(await hub.register(asMentor({ ...base, bio: 'still waiting' }))).toBe('notice_suppressed');
    hub.advance(1 * MINUTE);
    expect(await hub.register(asMentor({ ...base, bio: 'later' }))).toBe('notified');
    expect(hub.newMailJobs().map((j) => j.template === 'verify_email' && j.reminder)).toEqual([false, true, true]);
    // The mentee side of the same address has its own allowance.
    await hub.register(asMentee(mentee({ email: 'flooded@example.org' })));
    expect(await hub.register(asMentee(mentee({ email: 'flooded@example.org', project: 'Autre projet' })))).toBe('notified');
    expect(hub.newMailJobs().map((j) => ('role' in j.to ? j.to.role : undefined))).toEqual(['mentee', 'mentee']);
  });

  it('records one notice when the same repeated sign-up is delivered again', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'again@example.org' })));
    await hub.submit(asMentor(mentor({ email: 'again@example.org', capacity: 3 })));
    const [repeat] = hub.newJobs();
    expect(await hub.processSignUp(repeat!)).toBe('notified');
    expect(await hub.processSignUp(repeat!)).toBe('already_notified');
    hub.advance(20 * MINUTE); // past the cooldown, a replay is still recognised
    expect(await hub.processSignUp(repeat!)).toBe('already_notified');
    expect(hub.mailJobs()).toHaveLength(2);
  });

  it('throws, recording nothing, when the owner confirms meanwhile; the retried job records the note instead of a link', async () => {
    let confirmMeanwhile: (() => Promise<void>) | undefined;
    const hub = makeHub({
      store: (store) => ({
        ...store,
        async findByEmail(role, emailHash, now) {
          const person = await store.findByEmail(role, emailHash, now);
          await confirmMeanwhile?.();
          confirmMeanwhile = undefined;
          return person;
        },
      }),
    });
    await hub.registerAndMail(asMentor(mentor({ email: 'quick@example.org' })));
    await hub.submit(asMentor(mentor({ email: 'quick@example.org', capacity: 3 })));
    const [repeat] = hub.newJobs();
    confirmMeanwhile = async () => void (await hub.confirm(tokenFrom(hub.mailsTo('quick@example.org')[0])));
    await expect(hub.processSignUp(repeat!)).rejects.toBeInstanceOf(RegistrationRaceError);
    expect(hub.mailJobs()).toHaveLength(1);
    expect(await hub.processSignUp(repeat!)).toBe('notified');
    expect(hub.newMailJobs().map((j) => j.template)).toEqual(['already_registered']);
  });

  it('frees an address whose registration expired unverified', async () => {
    const hub = makeHub();
    await hub.register(asMentee(mentee({ email: 'late@example.org' })));
    const [first] = hub.newMailJobs();
    hub.advance(8 * DAY);
    expect(await hub.register(asMentee(mentee({ email: 'late@example.org', project: 'Nouveau projet' })))).toBe('created');
    const [second, ...rest] = hub.newMailJobs();
    expect(rest).toEqual([]);
    expect(second).toMatchObject({ template: 'verify_email', reminder: false, to: { role: 'mentee', personId: (await hub.owner('mentee', 'late@example.org')).id } });
    expect(second!.to).not.toEqual(first!.to);
  });
});

describe('send-mail', () => {
  it('sends the verification mail with a link that carries no personal data', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'new@example.org' })));
    expect(await hub.deliver()).toEqual(['sent']);
    const sent = hub.mailsTo('new@example.org');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ category: 'verify-email' });
    expect(sent[0]!.text).toContain('Camille');
    expect(sent[0]!.text).toContain('https://tandem.example/verify.html#token=');
    const token = tokenFrom(sent[0]);
    const person = await hub.owner('mentor', 'new@example.org');
    expect(linkPayload(token)).toMatchObject({ sub: `mentor:${person.id}`, pur: 'verify_email' });
    expect(JSON.stringify(linkPayload(token))).not.toMatch(/new@|example\.org|Camille|Durand/);
    expect(await hub.links.verify(token, 'verify_email')).toMatchObject({ subject: `mentor:${person.id}` });
  });

  it('sends a replayed job once', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'replay@example.org' })));
    const [job] = hub.newMailJobs();
    expect(await hub.sendMail(job!)).toBe('sent');
    expect(await hub.sendMail(job!)).toBe('sent');
    expect(hub.mailsTo('replay@example.org')).toHaveLength(1);
  });

  it('sends no verification link to a person verified meanwhile (obsolete)', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'done@example.org' })));
    await hub.register(asMentor(mentor({ email: 'done@example.org', capacity: 3 }))); // a reminder, not yet sent
    await hub.confirm(tokenFrom(hub.mailsTo('done@example.org')[0]));
    expect(await hub.deliver()).toEqual(['obsolete']);
    expect(hub.mailsTo('done@example.org')).toHaveLength(1);
  });

  it('sends nothing to a person who is gone (recipient_gone)', async () => {
    const hub = makeHub();
    const job: MailJob = {
      kind: 'mail',
      id: randomUUID(),
      locale: 'fr',
      recordedAt: hub.clock.now().toISOString(),
      template: 'already_registered',
      to: { role: 'mentee', personId: randomUUID() },
    };
    expect(await hub.sendMail(job)).toBe('recipient_gone');
    expect(await hub.sendMail({ ...job, id: randomUUID(), template: 'verify_email', reminder: false })).toBe('recipient_gone');
    expect(hub.mailer.sent).toEqual([]);
  });

  it('throws when the send fails, and the retried job sends it once', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'flaky@example.org' })));
    const [job] = hub.newMailJobs();
    hub.mailer.failNext();
    await expect(hub.sendMail(job!)).rejects.toThrow('SMTP down');
    expect(hub.mailsTo('flaky@example.org')).toHaveLength(0);
    expect(await hub.sendMail(job!)).toBe('sent');
    expect(await hub.sendMail(job!)).toBe('sent');
    expect(hub.mailsTo('flaky@example.org')).toHaveLength(1);
  });

  it('sends the "already registered" note to a confirmed owner: no link', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'known@example.org' })));
    await hub.confirm(tokenFrom(hub.mailsTo('known@example.org')[0]));
    await hub.register(asMentor(mentor({ email: 'known@example.org', capacity: 5 })));
    expect(await hub.deliver()).toEqual(['sent']);
    const last = hub.mailsTo('known@example.org').at(-1)!;
    expect(last).toMatchObject({ category: 'already-registered' });
    expect(last.subject).toContain('déjà inscrit');
    expect(last.text).not.toContain('verify.html');
    expect(last.html).not.toContain('verify.html');
  });
});

describe('send-mail: at most MAILS_PER_ADDRESS_PER_DAY mails to an address a day', () => {
  const N = MAILS_PER_ADDRESS_PER_DAY;
  /** The verification mail, then N more repeated sign-ups each past the 15-minute cooldown: N + 1 mail jobs. */
  async function floodedHub(address: string, repeats = N) {
    const hub = makeHub();
    const base = mentor({ email: address });
    await hub.register(asMentor(base));
    for (let i = 1; i <= repeats; i++) {
      hub.advance(16 * MINUTE);
      expect(await hub.register(asMentor({ ...base, capacity: (i % 5) + 1, bio: `attempt ${i}` }))).toBe('notified');
    }
    return hub;
  }

  it('counts the verification mail and every notice; past the cap a job is done, capped, with no mail', async () => {
    const hub = await floodedHub('capped@example.org');
    const outcomes = await hub.deliver();
    expect(outcomes).toEqual([...Array<string>(N).fill('sent'), 'capped']);
    expect(hub.mailsTo('capped@example.org')).toHaveLength(N);
    expect(hub.mailsTo('capped@example.org')[0]).toMatchObject({ category: 'verify-email' });
  });

  it('counts every role of an address together', async () => {
    const hub = await floodedHub('both.roles@example.org', N - 1);
    await hub.register(asMentee(mentee({ email: 'both.roles@example.org' })));
    expect(await hub.deliver()).toEqual([...Array<string>(N).fill('sent'), 'capped']);
  });

  it('does not count a job twice when its send failed and it is retried', async () => {
    const hub = await floodedHub('retried@example.org');
    const jobs = hub.newMailJobs();
    for (const job of jobs.slice(0, N - 1)) expect(await hub.sendMail(job)).toBe('sent');
    const last = jobs[N - 1]!;
    hub.mailer.failNext();
    await expect(hub.sendMail(last)).rejects.toThrow('SMTP down');
    expect(await hub.sendMail(last)).toBe('sent');
    expect(await hub.sendMail(jobs[N]!)).toBe('capped');
    expect(hub.mailsTo('retried@example.org')).toHaveLength(N);
  });

  it('starts again on a new (UTC) day', async () => {
    const hub = await floodedHub('next.day@example.org');
    await hub.deliver();
    hub.advance(DAY);
    await hub.register(asMentor(mentor({ email: 'next.day@example.org', bio: 'a day later' })));
    expect(await hub.deliver()).toEqual(['sent']);
    expect(hub.mailsTo('next.day@example.org')).toHaveLength(N + 1);
  });
});

describe('confirm-email', () => {
  it('moves a mentor to pending_validation and a mentee to awaiting_match', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'v-mentor@example.org' })));
    await hub.registerAndMail({ role: 'mentee', signUp: mentee({ email: 'v-mentee@example.org' }), locale: 'fr' });
    hub.advance(MINUTE);
    expect(await hub.confirm(tokenFrom(hub.mailsTo('v-mentor@example.org')[0]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
    expect(await hub.confirm(tokenFrom(hub.mailsTo('v-mentee@example.org')[0]))).toEqual({ role: 'mentee', personStatus: 'awaiting_match' });
    expect(await hub.store.findByEmail('mentee', hashEmail('v-mentee@example.org'), hub.clock.now())).toMatchObject({
      status: 'awaiting_match',
      verifiedAt: hub.clock.now().toISOString(),
    });
  });

  it('uses a link once', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'once@example.org' })));
    const token = tokenFrom(hub.mailsTo('once@example.org')[0]);
    await hub.confirm(token);
    await expect(hub.confirm(token)).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('treats an older link as used once the address is confirmed through a newer one', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'two-links@example.org' })));
    await hub.registerAndMail(asMentor(mentor({ email: 'two-links@example.org', capacity: 3 })));
    const [first, second] = hub.mailsTo('two-links@example.org');
    await hub.confirm(tokenFrom(second));
    await expect(hub.confirm(tokenFrom(first))).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('lets one of racing confirmations win', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'race@example.org' })));
    const token = tokenFrom(hub.mailsTo('race@example.org')[0]);
    const results = await Promise.allSettled([hub.confirm(token), hub.confirm(token), hub.confirm(token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(LinkUsedError), expect.any(LinkUsedError)]);
  });

  it('refuses an expired link', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'expired@example.org' })));
    hub.advance(49 * 60 * MINUTE);
    await expect(hub.confirm(tokenFrom(hub.mailsTo('expired@example.org')[0]))).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('refuses a valid link to a registration that expired or never existed', async () => {
    const hub = makeHub();
    await hub.registerAndMail(asMentor(mentor({ email: 'gone@example.org' })));
    const person = await hub.store.findByEmail('mentor', hashEmail('gone@example.org'), hub.clock.now());
    hub.advance(8 * DAY);
    const late = await hub.links.sign('verify_email', `mentor:${person!.id}`, 3600);
    await expect(hub.confirm(late.token)).rejects.toBeInstanceOf(LinkExpiredError);
    const unknown = await hub.links.sign('verify_email', 'mentee:00000000-0000-4000-8000-000000000000', 3600);
    await expect(hub.confirm(unknown.token)).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('refuses a link whose subject or signature is not ours', async () => {
    const hub = makeHub();
    const odd = await hub.links.sign('verify_email', 'admin:42', 3600);
    await expect(hub.confirm(odd.token)).rejects.toBeInstanceOf(LinkInvalidError);
    const other = makeLinkSigner({ keys: { getKeys: async () => ({ current: new Uint8Array(32).fill(8) }) }, clock: hub.clock });
    const forged = await other.sign('verify_email', 'mentor:00000000-0000-4000-8000-000000000000', 3600);
    await expect(hub.confirm(forged.token)).rejects.toBeInstanceOf(LinkInvalidError);
  });
});
