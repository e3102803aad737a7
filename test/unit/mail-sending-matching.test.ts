/**
 * The mail consumer's matching mails on the in-memory adapters: recipients resolved from the job
 * (a person, a partner's contact address, the programme's mailbox), proposal links signed at send
 * time for the proposal's remaining life, obsolete proposals not sent, the daily cap for people
 * only.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryEffectLedger } from '../../shared/adapters/memory/effect-ledger';
import { memoryMailQuota } from '../../shared/adapters/memory/mail-quota';
import { memoryMailer, type MemoryMailer } from '../../shared/adapters/memory/mailer';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { tandemItem } from '../../shared/db/items';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import type { MailJob } from '../../shared/domain/mail-job';
import { MAX_PROPOSAL_LIFETIME_SECONDS, REACTIVATION_LINK_TTL_SECONDS, type Tandem } from '../../shared/domain/matching';
import { parseProposalSubject } from '../../shared/links/matching-links';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeSendMail } from '../../shared/use-cases/send-mail';
import { TEST_MAIL_CONTEXT } from '../fixtures/mail';
import { DAY, makeMatchingHub, type MatchingHub } from '../helpers/matching-hub';

const KEYS = { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) };

let hub: MatchingHub;
let mailer: MemoryMailer;
let sendMail: ReturnType<typeof makeSendMail>;
const links = () => makeLinkSigner({ keys: KEYS, clock: hub.clock });

const base = () => ({ id: randomUUID(), kind: 'mail' as const, locale: 'fr' as const, recordedAt: hub.clock.now().toISOString() });
const proposalJob = (menteeId: string, mentorId: string, reminder = false): MailJob => ({ ...base(), template: 'proposal', to: { role: 'mentor', personId: mentorId }, menteeId, reminder });
/** The tokens of a sent mail's links, by page. */
const tokensIn = (text: string, page: string) => [...text.matchAll(new RegExp(`/${page}\\.html#token=([\\w.-]+)`, 'g'))].map((m) => m[1]!);

beforeEach(() => {
  hub = makeMatchingHub();
  mailer = memoryMailer();
  sendMail = makeSendMail({
    people: memoryRegistrationStore(hub.table),
    matching: hub.store,
    mailer,
    links: links(),
    ledger: memoryEffectLedger(),
    quota: memoryMailQuota(hub.table),
    clock: hub.clock,
    followUp: memoryFollowUpReads(hub.table),
    followUpSettings: FOLLOW_UP_DEFAULTS,
    ...TEST_MAIL_CONTEXT,
  });
});

describe('the proposal mail', () => {
  it('goes to the mentor with one signed link per answer, living until the proposal lapses', async () => {
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    const proposal = hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });
    expect(await sendMail(proposalJob(mentee.id, mentor.id))).toBe('sent');
    const [mail] = mailer.sent;
    expect(mail!.to).toBe(mentor.email);
    expect(mail!.text).toContain('Yanis');
    expect(mail!.text + mail!.html).not.toContain(mentee.lastName);
    expect(mail!.text + mail!.html).not.toContain(mentee.email);
    const tokens = tokensIn(mail!.text, 'proposal');
    const claims = await Promise.all([...new Set(tokens)].map((t) => links().verify(t, 'proposal')));
    expect(claims.map((c) => parseProposalSubject(c.subject))).toEqual(
      (['accept', 'decline', 'decline_and_pause'] as const).map((action) => ({ menteeId: mentee.id, mentorId: mentor.id, action })),
    );
    for (const c of claims) expect(c.expiresAt).toBe(Math.floor(Date.parse(proposal.expiresAt) / 1000));
    const [reactivation] = tokensIn(mail!.text, 'reactivate');
    const reactivate = await links().verify(reactivation!, 'reactivate_mentor');
    expect(reactivate.subject).toBe(`mentor:${mentor.id}`);
    expect(reactivate.expiresAt - Math.floor(hub.clock.now().getTime() / 1000)).toBe(REACTIVATION_LINK_TTL_SECONDS);
  });

  it('caps a link’s life at the longest a proposal may live', async () => {
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, expiresAt: new Date(hub.clock.now().getTime() + 30 * DAY).toISOString() });
    await sendMail(proposalJob(mentee.id, mentor.id));
    const [token] = tokensIn(mailer.sent[0]!.text, 'proposal');
    const claims = await links().verify(token!, 'proposal');
    expect(claims.expiresAt - Math.floor(hub.clock.now().getTime() / 1000)).toBe(MAX_PROPOSAL_LIFETIME_SECONDS);
  });

  it('is obsolete once decided, closed or lapsed (the mail and its reminder alike)', async () => {
    const mentor = hub.seedMentor();
    const [a, b, c] = [hub.seedMentee(), hub.seedMentee(), hub.seedMentee()];
    hub.seedProposal({ menteeId: a.id, mentorId: mentor.id });
    hub.seedProposal({ menteeId: b.id, mentorId: mentor.id, status: 'expired' });
    hub.seedProposal({ menteeId: c.id, mentorId: mentor.id });
    await hub.decide(a.id, mentor.id, 'decline');
    expect(await sendMail(proposalJob(a.id, mentor.id, true))).toBe('obsolete');
    expect(await sendMail(proposalJob(a.id, mentor.id))).toBe('obsolete');
    expect(await sendMail(proposalJob(b.id, mentor.id))).toBe('obsolete');
    hub.advance(8 * DAY);
    expect(await sendMail(proposalJob(c.id, mentor.id, true))).toBe('obsolete');
    expect(await sendMail(proposalJob(randomUUID(), mentor.id))).toBe('obsolete');
    expect(mailer.sent).toEqual([]);
  });

  it('says so when the mentor is gone', async () => {
    const mentee = hub.seedMentee();
    expect(await sendMail(proposalJob(mentee.id, randomUUID()))).toBe('recipient_gone');
  });

  it('counts against the mentor’s daily cap like every mail to a person', async () => {
    const mentor = hub.seedMentor();
    const mentees = Array.from({ length: 6 }, () => hub.seedMentee());
    for (const m of mentees) hub.seedProposal({ menteeId: m.id, mentorId: mentor.id });
    const outcomes = [];
    for (const m of mentees) outcomes.push(await sendMail(proposalJob(m.id, mentor.id)));
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'capped']);
  });
});

describe('introductions and reports', () => {
  function seedTandem(partnerContact?: string) {
    const partner = hub.seedPartner(partnerContact ? { contactEmail: partnerContact } : {});
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ partnerId: partner.id, status: 'in_tandem' });
    const tandem: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, partnerId: partner.id, track: mentee.track, status: 'active', startedAt: hub.clock.now().toISOString(), attempt: 1 };
    hub.table.put(tandemItem(tandem));
    return { partner, mentor, mentee, tandem };
  }
  const introductionJob = (tandemId: string, to: Extract<MailJob, { template: 'introduction' }>['to']): MailJob => ({ ...base(), template: 'introduction', to, tandemId });

  it('introduces the mentor and the mentee to each other, and both to the partner’s contact address', async () => {
    const { partner, mentor, mentee, tandem } = seedTandem('conseil@mission-locale.example');
    expect(await sendMail(introductionJob(tandem.id, { role: 'mentor', personId: mentor.id }))).toBe('sent');
    expect(await sendMail(introductionJob(tandem.id, { role: 'mentee', personId: mentee.id }))).toBe('sent');
    expect(await sendMail(introductionJob(tandem.id, { partnerId: partner.id }))).toBe('sent');
    const [toMentor, toMentee, toPartner] = mailer.sent;
    expect(toMentor!.to).toBe(mentor.email);
    expect(toMentor!.text).toContain(mentee.email);
    expect(toMentee!.to).toBe(mentee.email);
    expect(toMentee!.text).toContain(mentor.email);
    expect(toPartner!.to).toBe('conseil@mission-locale.example');
    expect(toPartner!.text).toContain(`${mentee.firstName} ${mentee.lastName}`);
    expect(toPartner!.text).not.toContain(mentor.email);
  });

  it('sends nothing to a partner without a contact address', async () => {
    const { partner, tandem } = seedTandem();
    expect(await sendMail(introductionJob(tandem.id, { partnerId: partner.id }))).toBe('recipient_gone');
    expect(mailer.sent).toEqual([]);
  });

  it('never caps a partner’s or the programme’s mailbox', async () => {
    const { partner, tandem } = seedTandem('conseil@mission-locale.example');
    for (let i = 0; i < 7; i++) expect(await sendMail(introductionJob(tandem.id, { partnerId: partner.id }))).toBe('sent');
    for (let i = 0; i < 7; i++) {
      expect(await sendMail({ ...base(), template: 'matching_failed', to: { programme: true }, menteeId: randomUUID(), attempt: 1, errorName: 'Boom' })).toBe('sent');
    }
    expect(mailer.sent).toHaveLength(14);
  });

  it('sends the unmatched report to the programme’s mailbox and to the partner', async () => {
    const partner = hub.seedPartner({ contactEmail: 'conseil@mission-locale.example' });
    const mentee = hub.seedMentee({ partnerId: partner.id, status: 'unmatched' });
    const report = { template: 'unmatched_report' as const, menteeId: mentee.id, attempt: 1, considered: 4, compatible: 0, proposed: 0, excluded: { no_shared_language: 4 } };
    expect(await sendMail({ ...base(), ...report, to: { programme: true } })).toBe('sent');
    expect(await sendMail({ ...base(), ...report, to: { partnerId: partner.id } })).toBe('sent');
    expect(mailer.sent.map((m) => m.to)).toEqual([TEST_MAIL_CONTEXT.operator.programmeEmail, 'conseil@mission-locale.example']);
    expect(mailer.sent[0]!.text).toContain(mentee.id);
    expect(mailer.sent[1]!.text).not.toContain(mentee.id);
    expect(mailer.sent[1]!.text).toContain('Aucune langue en commun\u00a0: 4');
    expect(await sendMail({ ...base(), ...report, menteeId: randomUUID(), to: { programme: true } })).toBe('obsolete');
  });
});
