/**
 * The follow-up page's use cases on the in-memory adapters with a real link signer: what the page
 * shows for each kind of link, an answer recorded once with its alerts, mails and the silence watch
 * re-armed; tampered, expired, replayed and foreign links, answers that do not match the link and
 * closed tandems refused with nothing changed.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryFollowUpAnswers } from '../../shared/adapters/memory/follow-up-answers';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryTable, type MemoryTable } from '../../shared/adapters/memory/table';
import { ENTITY, OUTBOX_JOB_ATTRIBUTE, outcomeSurveyItem, personFromItem, personItem, tandemAlertItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { LinkExpiredError, LinkInvalidError } from '../../shared/domain/errors';
import { FOLLOW_UP_DEFAULTS, type CheckInAnswerInput, type CheckInRole, type OutcomeMilestone, type OutcomeRespondent } from '../../shared/domain/follow-up';
import { answerFollowUpSchema, followUpViewSchema } from '../../shared/domain/follow-up-schemas';
import type { MailJob } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import type { Role } from '../../shared/domain/people';
import { checkInSubject, outcomeSubject } from '../../shared/links/follow-up-links';
import { proposalSubject } from '../../shared/links/matching-links';
import { makeLinkSigner, type LinkPurpose } from '../../shared/links/signed-links';
import { makeAnswerFollowUp } from '../../shared/use-cases/answer-follow-up';
import { makeViewFollowUp } from '../../shared/use-cases/view-follow-up';
import { followUpItems, followUpTandem } from '../contract/follow-up-answers.contract';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

const KEYS = { getKeys: async () => ({ current: new Uint8Array(32).fill(9) }) };
const DAY = 86_400_000;

let table: MemoryTable;
let now: Date;
let tandem: Tandem;
const clock = { now: () => now };
const signer = () => makeLinkSigner({ keys: KEYS, clock });
const deps = () => {
  const people = { get: async (role: Role, id: string) => personFromItem(table.get(keys.person(role, id))) };
  return { reads: memoryFollowUpReads(table), people, answers: memoryFollowUpAnswers(table), links: signer(), clock, settings: FOLLOW_UP_DEFAULTS };
};
const view = (token: string) => makeViewFollowUp(deps())(token);
const answer = (token: string, given: unknown) => makeAnswerFollowUp(deps())({ token, answer: given as CheckInAnswerInput });
const sign = async (purpose: LinkPurpose, subject: string, days = 30) => (await signer().sign(purpose, subject, days * 86400)).token;
const checkInLink = (role: CheckInRole, seq = 1) => sign('check_in', checkInSubject(tandem.id, seq, role));
const outcomeLink = (respondent: OutcomeRespondent, milestone: OutcomeMilestone = 3) => sign('outcome', outcomeSubject(tandem.id, milestone, respondent));
const snapshot = () => JSON.stringify(table.scan());
type AlertMail = Extract<MailJob, { template: 'follow_up_alert' }>;
const mails = () => table.scan().filter((item) => item.entity === ENTITY.outbox).map((item) => item[OUTBOX_JOB_ATTRIBUTE] as AlertMail);
const followUp = async () => (await memoryFollowUpReads(table).getFollowUp(tandem.id))!;

const first = (overrides: Record<string, unknown> = {}) => ({ kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, privateNote: '  Rencontre au café.  ', ...overrides });
const monthly = (overrides: Record<string, unknown> = {}) => ({ kind: 'monthly', meetingsSince: 2, satisfaction: 4, progress: ' CV refait. ', needsHelp: false, privateNote: '   ', ...overrides });

beforeEach(() => {
  table = memoryTable();
  now = new Date('2026-11-16T09:00:00.000Z');
  const mentor = mentorProfile({ firstName: 'Camille' });
  const mentee = menteeProfile({ firstName: 'Yanis', status: 'in_tandem', track: 'job_search', locale: 'en' });
  table.put(personItem(mentor));
  table.put(personItem(mentee));
  tandem = followUpTandem({ mentorId: mentor.id, menteeId: mentee.id, partnerId: 'p-workup', track: 'job_search' });
  for (const item of followUpItems(tandem)) table.put(item);
});

describe('viewing a follow-up link', () => {
  it('shows a check-in form by first names, in the person’s language, nothing else', async () => {
    const shown = await view(await checkInLink('mentor'));
    expect(shown).toEqual({ purpose: 'check_in', role: 'mentor', seq: 1, kind: 'first', status: 'open', firstName: 'Camille', otherFirstName: 'Yanis', track: 'job_search', startedAt: tandem.startedAt, locale: 'fr' });
    expect(followUpViewSchema.safeParse(shown).success).toBe(true);
    expect(JSON.stringify(shown)).not.toMatch(/Durand|Benali|@example\.org/);
    expect((await view(await checkInLink('mentee'))).locale).toBe('en');
  });

  it('shows an outcome form naming the beneficiary to the partner', async () => {
    const shown = await view(await outcomeLink('partner'));
    expect(shown).toEqual({ purpose: 'outcome', respondent: 'partner', milestone: 3, status: 'open', menteeFirstName: 'Yanis', track: 'job_search', startedAt: tandem.startedAt, locale: 'fr' });
    expect(followUpViewSchema.safeParse(shown).success).toBe(true);
  });

  it('changes nothing, and says when the form was answered or the tandem closed', async () => {
    const token = await checkInLink('mentee');
    const before = snapshot();
    await view(token);
    expect(snapshot()).toBe(before);
    await answer(token, first());
    expect(await view(token)).toMatchObject({ status: 'answered', answeredAt: now.toISOString() });
    expect(await view(await checkInLink('mentor'))).toMatchObject({ status: 'open' });
    table.put({ ...table.get(keys.tandem(tandem.id))!, status: 'completed' });
    expect(await view(await checkInLink('mentor'))).toMatchObject({ status: 'closed' });
  });

  it('refuses tampered, foreign-purpose and expired links, and a round that does not exist', async () => {
    const token = await checkInLink('mentee');
    await expect(view(`${token.slice(0, -2)}AA`)).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(view(await sign('proposal', proposalSubject(tandem.menteeId, tandem.mentorId, 'accept'), 10))).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(view(await sign('check_in', `${tandem.id}:1:partner`))).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(view(await checkInLink('mentee', 7))).rejects.toBeInstanceOf(LinkExpiredError);
    now = new Date(now.getTime() + 31 * DAY);
    await expect(view(token)).rejects.toBeInstanceOf(LinkExpiredError);
  });
});

describe('answering a check-in', () => {
  it('records the answer trimmed, the last answer and the silence watch re-armed', async () => {
    expect(await answer(await checkInLink('mentee'), first())).toEqual({ status: 'recorded' });
    const after = await followUp();
    expect(after.rounds[0]!.answers).toEqual({ mentee: { kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, privateNote: 'Rencontre au café.', answeredAt: now.toISOString() } });
    expect(after.tandem.lastAnswerAt).toBe(now.toISOString());
    expect(after.watch).toEqual({ tandemId: tandem.id, dueAt: new Date(now.getTime() + FOLLOW_UP_DEFAULTS.silentAfterDays * DAY).toISOString(), armed: true });
    expect(after.alerts).toEqual([]);
    expect(mails()).toEqual([]);
  });

  it('drops empty free texts of a monthly answer', async () => {
    for (const item of followUpItems(tandem, { round: { seq: 2, kind: 'monthly' } })) if (String(item.SK).startsWith('CHECKIN')) table.put(item);
    expect(await answer(await checkInLink('mentor', 2), monthly())).toEqual({ status: 'recorded' });
    expect((await followUp()).rounds[1]!.answers.mentor).toEqual({ kind: 'monthly', meetingsSince: 2, satisfaction: 4, progress: 'CV refait.', needsHelp: false, answeredAt: now.toISOString() });
  });

  it('answers a replayed link or a second answer with already_answered, changing nothing', async () => {
    const token = await checkInLink('mentee');
    await answer(token, first());
    const before = snapshot();
    expect(await answer(token, first({ fit: 'not_a_good_fit', needsHelp: true }))).toEqual({ status: 'already_answered' });
    expect(await answer(await checkInLink('mentee'), first({ needsHelp: true }))).toEqual({ status: 'already_answered' });
    expect(snapshot()).toBe(before);
  });

  it('writes the answer of the link’s person only: a mentor’s link cannot answer for the mentee', async () => {
    await answer(await checkInLink('mentor'), first({ fit: 'too_early' }));
    const round = (await followUp()).rounds[0]!;
    expect(Object.keys(round.answers)).toEqual(['mentor']);
    expect(round.answers.mentor).toMatchObject({ fit: 'too_early' });
    expect(await answer(await checkInLink('mentee'), first())).toEqual({ status: 'recorded' });
  });

  it('refuses an answer of another kind than the round’s (400), and an outcome on a check-in link', async () => {
    const before = snapshot();
    await expect(answer(await checkInLink('mentee'), monthly())).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(answer(await checkInLink('mentee'), { track: 'job_search', situation: 'none' })).rejects.toBeInstanceOf(LinkInvalidError);
    expect(snapshot()).toBe(before);
  });

  it('refuses tampered and expired links, changing nothing', async () => {
    const token = await checkInLink('mentee');
    const before = snapshot();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: `${tandem.id}:1:mentor` })).toString('base64url');
    await expect(answer(`${header}.${forged}.${signature}`, first())).rejects.toBeInstanceOf(LinkInvalidError);
    now = new Date(now.getTime() + 31 * DAY);
    await expect(answer(token, first())).rejects.toBeInstanceOf(LinkExpiredError);
    expect(snapshot()).toBe(before);
  });

  it('answers closed once the tandem has ended, changing nothing', async () => {
    table.put({ ...table.get(keys.tandem(tandem.id))!, status: 'ended_early', endReason: 'no_contact' });
    const before = snapshot();
    expect(await answer(await checkInLink('mentee'), first())).toEqual({ status: 'closed' });
    expect(snapshot()).toBe(before);
  });

  it('raises a help request to the CCI and the partner, "not a good fit" to the CCI, once', async () => {
    const token = await checkInLink('mentee');
    expect(await answer(token, first({ fit: 'not_a_good_fit', needsHelp: true }))).toEqual({ status: 'recorded' });
    const open = (kind: string) => ({ tandemId: tandem.id, kind, raisedAt: now.toISOString(), raisedBy: 'mentee', seq: 1, status: 'open' });
    expect((await followUp()).alerts.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([open('help_requested'), open('not_a_good_fit')]);
    const sent = mails().map(({ template, to, tandemId, alert }) => ({ template, to, tandemId, alert }));
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      expect.arrayContaining([
        { template: 'follow_up_alert', to: { programme: true }, tandemId: tandem.id, alert: 'help_requested' },
        { template: 'follow_up_alert', to: { partnerId: 'p-workup' }, tandemId: tandem.id, alert: 'help_requested' },
        { template: 'follow_up_alert', to: { programme: true }, tandemId: tandem.id, alert: 'not_a_good_fit' },
      ]),
    );
    expect(await answer(token, first({ fit: 'not_a_good_fit', needsHelp: true }))).toEqual({ status: 'already_answered' });
    expect(mails()).toHaveLength(3);
  });

  it('mails a help request to the CCI only when the mentee was not referred', async () => {
    table.put({ ...table.get(keys.tandem(tandem.id))!, partnerId: undefined });
    await answer(await checkInLink('mentor'), first({ needsHelp: true }));
    expect(mails().map((m) => m.to)).toEqual([{ programme: true }]);
  });

  it('resolves an open silence alert', async () => {
    table.put(tandemAlertItem({ tandemId: tandem.id, kind: 'silent', raisedAt: '2026-11-10T08:00:00.000Z', raisedBy: 'system', status: 'open' }));
    await answer(await checkInLink('mentor'), first());
    expect((await followUp()).alerts).toEqual([{ tandemId: tandem.id, kind: 'silent', raisedAt: '2026-11-10T08:00:00.000Z', raisedBy: 'system', status: 'resolved', resolvedAt: now.toISOString() }]);
  });

  it('parses the page’s body with the route schema (a link and an answer)', () => {
    expect(answerFollowUpSchema.safeParse({ token: 'x'.repeat(20), answer: first() }).success).toBe(true);
    expect(answerFollowUpSchema.safeParse({ token: 'x'.repeat(20), answer: monthly({ satisfaction: 6 }) }).success).toBe(false);
  });
});

describe('answering an outcome', () => {
  it('appends the mentee’s and the partner’s answers once each', async () => {
    const token = await outcomeLink('mentee');
    expect(await answer(token, { track: 'job_search', situation: 'permanent_contract' })).toEqual({ status: 'recorded' });
    expect(await answer(token, { track: 'job_search', situation: 'none' })).toEqual({ status: 'already_answered' });
    expect(await answer(await outcomeLink('partner'), { track: 'job_search', situation: 'training' })).toEqual({ status: 'recorded' });
    const survey = (await followUp()).surveys[0]!;
    expect(survey.records).toEqual([
      { value: { track: 'job_search', situation: 'permanent_contract' }, source: 'mentee', recordedAt: now.toISOString() },
      { value: { track: 'job_search', situation: 'training' }, source: 'partner', recordedAt: now.toISOString() },
    ]);
    expect(await view(token)).toMatchObject({ status: 'answered' });
  });

  it('refuses an outcome of another track (400) and a check-in answer on an outcome link', async () => {
    const before = snapshot();
    await expect(answer(await outcomeLink('mentee'), { track: 'business_creation', situation: 'none' })).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(answer(await outcomeLink('mentee'), first())).rejects.toBeInstanceOf(LinkInvalidError);
    expect(snapshot()).toBe(before);
  });

  it('writes the link’s milestone only: a 6-month link does not answer the 3-month survey', async () => {
    table.put(outcomeSurveyItem({ tandemId: tandem.id, milestone: 6, dueAt: '2027-05-01T10:00:00.000Z', status: 'scheduled', records: [] }));
    expect(await answer(await outcomeLink('mentee', 6), { track: 'job_search', situation: 'work_study' })).toEqual({ status: 'closed' });
    await expect(answer(await outcomeLink('mentee', 12), { track: 'job_search', situation: 'work_study' })).rejects.toBeInstanceOf(LinkExpiredError);
    expect((await followUp()).surveys.map((s) => s.records)).toEqual([[], []]);
  });

  it('keeps only what a business creation says', async () => {
    tandem = followUpTandem({ menteeId: tandem.menteeId, mentorId: tandem.mentorId, track: 'business_creation' });
    for (const item of followUpItems(tandem)) table.put(item);
    await answer(await outcomeLink('mentee'), { track: 'business_creation', situation: 'none', companyCreatedOn: '2027-01-10' });
    await answer(await outcomeLink('partner'), { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2027-01-10', stillActive: true });
    expect((await followUp()).surveys[0]!.records.map((r) => r.value)).toEqual([
      { track: 'business_creation', situation: 'none' },
      { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2027-01-10', stillActive: true },
    ]);
  });
});
