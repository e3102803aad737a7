/**
 * The sign-up use cases (submit, process, confirm) on the in-memory adapters: the request records
 * a job, the test hands the recorded jobs to process-sign-up as the stream would, and the link in
 * the mail confirms the address. No Java, no network; the clock is the test's.
 */
import { describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryPartnerStore } from '../../shared/adapters/memory/partner-store';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { memoryTable } from '../../shared/adapters/memory/table';
import { LinkExpiredError, LinkInvalidError, LinkUsedError, ValidationFailedError } from '../../shared/domain/errors';
import { hashEmail } from '../../shared/domain/fingerprints';
import type { SignUpJob } from '../../shared/domain/outbox';
import { menteeSignUpSchema, mentorSignUpSchema, type MenteeSignUp, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeSubmitSignUp, type SubmitSignUpInput } from '../../shared/use-cases/submit-sign-up';
import { tokenFrom } from '../helpers/capturing-mailer';
import { validMentee, validMentor } from '../fixtures/sign-ups';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const mentor = (overrides: Partial<Record<keyof MentorSignUp, unknown>> = {}): MentorSignUp =>
  validate(mentorSignUpSchema, { ...validMentor(), ...overrides }, 'fr');
const mentee = (overrides: Partial<Record<keyof MenteeSignUp, unknown>> = {}): MenteeSignUp =>
  validate(menteeSignUpSchema, { ...validMentee(), ...overrides }, 'fr');
const asMentor = (signUp: MentorSignUp): SubmitSignUpInput => ({ role: 'mentor', signUp, locale: 'fr' });

/** The hub on memory adapters sharing one table, with a clock the test moves. */
function makeHub() {
  let current = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => current };
  const table = memoryTable();
  const inbox = memorySignUpInbox(table);
  const partners = memoryPartnerStore(table);
  const store = memoryRegistrationStore(table);
  const mailer = memoryMailer();
  const links = makeLinkSigner({ keys: { getKey: async () => new Uint8Array(32).fill(7) }, clock });
  const processSignUp = makeProcessSignUp({ store, mailer, links, ledger: memoryEffectLedger(), clock, siteUrl: 'https://tandem.example' });
  let delivered = 0;

  const hub = {
    clock,
    inbox,
    partners,
    store,
    mailer,
    links,
    submit: makeSubmitSignUp({ inbox, clock }),
    processSignUp,
    confirm: makeConfirmEmail({ store, links, clock }),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    /** The jobs recorded since the last call, as the stream delivers them. */
    newJobs(): SignUpJob[] {
      const jobs = inbox.jobs().slice(delivered);
      delivered += jobs.length;
      return jobs;
    },
    /** The request, then its job processed; returns the outcome. */
    async register(input: SubmitSignUpInput) {
      await hub.submit(input);
      const [job, ...rest] = hub.newJobs();
      expect(rest).toEqual([]);
      return job ? processSignUp(job) : 'repeated';
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
  it('creates the unverified person and sends one verification mail whose link names nobody', async () => {
    const hub = makeHub();
    expect(await hub.register(asMentor(mentor({ email: 'new@example.org' })))).toBe('created');
    const sent = hub.mailsTo('new@example.org');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ category: 'verify-email' });
    expect(sent[0]!.text).toContain('https://tandem.example/verify.html#token=');
    expect(tokenFrom(sent[0])).not.toMatch(/new@|Camille|Durand/);
    expect(await hub.store.findByEmail('mentor', hashEmail('new@example.org'), hub.clock.now())).toMatchObject({ status: 'pending_verification', firstName: 'Camille' });
  });

  it('sends nothing twice when the same job is delivered again', async () => {
    const hub = makeHub();
    await hub.submit(asMentor(mentor({ email: 'replay@example.org' })));
    const [job] = hub.newJobs();
    expect(await hub.processSignUp(job!)).toBe('created');
    expect(await hub.processSignUp(job!)).toBe('already_created');
    expect(hub.mailsTo('replay@example.org')).toHaveLength(1);
  });

  it('sends the owner of an unverified address a reminder with a fresh link, for the stored person', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'twice@example.org' })));
    expect(await hub.register(asMentor(mentor({ email: 'twice@example.org', firstName: 'Autre' })))).toBe('notified');
    const sent = hub.mailsTo('twice@example.org');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ category: 'verify-email' });
    expect(sent[1]!.text).toContain('Vous avez déjà commencé votre inscription');
    expect(sent[1]!.text).toContain('Camille');
    expect(sent[1]!.text).not.toContain('Autre');
  });

  it('keeps an unverified registration alive while its owner keeps signing up', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'slow@example.org' })));
    hub.advance(6 * DAY);
    await hub.register(asMentor(mentor({ email: 'slow@example.org', capacity: 3 })));
    hub.advance(DAY + 60 * MINUTE); // past the first registration's seven days, within the reminder link's 48 hours
    expect(await hub.confirm(tokenFrom(hub.mailsTo('slow@example.org')[1]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
  });

  it('tells the owner of a confirmed address it is already registered, and changes nothing', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'known@example.org' })));
    await hub.confirm(tokenFrom(hub.mailsTo('known@example.org')[0]));
    expect(await hub.register(asMentor(mentor({ email: 'known@example.org', capacity: 5 })))).toBe('notified');
    const last = hub.mailsTo('known@example.org').at(-1)!;
    expect(last).toMatchObject({ category: 'already-registered' });
    expect(last.subject).toContain('déjà inscrit');
    expect(last.text).not.toContain('verify.html');
    expect(await hub.store.findByEmail('mentor', hashEmail('known@example.org'), hub.clock.now())).toMatchObject({ capacity: 2, status: 'pending_validation' });
  });

  it('sends at most one repeated-sign-up mail per address and role every 15 minutes', async () => {
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
    expect(hub.mailsTo('flooded@example.org')).toHaveLength(3);
    // The mentee side of the same address has its own allowance.
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'flooded@example.org' }), locale: 'fr' });
    expect(await hub.register({ role: 'mentee', signUp: mentee({ email: 'flooded@example.org', project: 'Autre projet' }), locale: 'fr' })).toBe('notified');
  });

  it('throws when the verification mail fails, and the retried job sends it once', async () => {
    const hub = makeHub();
    await hub.submit(asMentor(mentor({ email: 'flaky@example.org' })));
    const [job] = hub.newJobs();
    hub.mailer.failNext();
    await expect(hub.processSignUp(job!)).rejects.toThrow('SMTP down');
    expect(await hub.processSignUp(job!)).toBe('already_created');
    expect(await hub.processSignUp(job!)).toBe('already_created');
    expect(hub.mailsTo('flaky@example.org')).toHaveLength(1);
  });

  it('gives the repeat-notice reservation back when the mail fails, so no cooldown stands for a mail never sent', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'owner@example.org' })));
    await hub.submit(asMentor(mentor({ email: 'owner@example.org', capacity: 3 })));
    const [failing] = hub.newJobs();
    hub.mailer.failNext();
    await expect(hub.processSignUp(failing!)).rejects.toThrow('SMTP down');
    const claim = { role: 'mentor' as const, emailHash: hashEmail('owner@example.org'), now: hub.clock.now(), cooldownSeconds: 15 * 60 };
    expect(await hub.store.takeRepeatNotice({ ...claim, noticeId: 'someone-else' })).toBe(true);
    await hub.store.releaseRepeatNotice({ role: 'mentor', emailHash: claim.emailHash, noticeId: 'someone-else' });
    // The retried job gets its notice through at once, and only once.
    expect(await hub.processSignUp(failing!)).toBe('notified');
    expect(await hub.processSignUp(failing!)).toBe('notified');
    expect(hub.mailsTo('owner@example.org').map((m) => m.text.includes('déjà commencé'))).toEqual([false, true]);
  });

  it('frees an address whose registration expired unverified', async () => {
    const hub = makeHub();
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'late@example.org' }), locale: 'fr' });
    hub.advance(8 * DAY);
    expect(await hub.register({ role: 'mentee', signUp: mentee({ email: 'late@example.org', project: 'Nouveau projet' }), locale: 'fr' })).toBe('created');
    expect(hub.mailsTo('late@example.org').map((m) => m.text.includes('déjà commencé'))).toEqual([false, false]);
  });
});

describe('confirm-email', () => {
  it('moves a mentor to pending_validation and a mentee to awaiting_match', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'v-mentor@example.org' })));
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'v-mentee@example.org' }), locale: 'fr' });
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
    await hub.register(asMentor(mentor({ email: 'once@example.org' })));
    const token = tokenFrom(hub.mailsTo('once@example.org')[0]);
    await hub.confirm(token);
    await expect(hub.confirm(token)).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('treats an older link as used once the address is confirmed through a newer one', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'two-links@example.org' })));
    await hub.register(asMentor(mentor({ email: 'two-links@example.org', capacity: 3 })));
    const [first, second] = hub.mailsTo('two-links@example.org');
    await hub.confirm(tokenFrom(second));
    await expect(hub.confirm(tokenFrom(first))).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('lets one of racing confirmations win', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'race@example.org' })));
    const token = tokenFrom(hub.mailsTo('race@example.org')[0]);
    const results = await Promise.allSettled([hub.confirm(token), hub.confirm(token), hub.confirm(token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(LinkUsedError), expect.any(LinkUsedError)]);
  });

  it('refuses an expired link', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'expired@example.org' })));
    hub.advance(49 * 60 * MINUTE);
    await expect(hub.confirm(tokenFrom(hub.mailsTo('expired@example.org')[0]))).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('refuses a valid link to a registration that expired or never existed', async () => {
    const hub = makeHub();
    await hub.register(asMentor(mentor({ email: 'gone@example.org' })));
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
    const other = makeLinkSigner({ keys: { getKey: async () => new Uint8Array(32).fill(8) }, clock: hub.clock });
    const forged = await other.sign('verify_email', 'mentor:00000000-0000-4000-8000-000000000000', 3600);
    await expect(hub.confirm(forged.token)).rejects.toBeInstanceOf(LinkInvalidError);
  });
});
