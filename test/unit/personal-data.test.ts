/**
 * The personal-data use cases on the memory adapters (one memory table shared by the stores, as the
 * DynamoDB ones share the table): the export's content and what it leaves out, the erasure's course
 * (proposals closed the way the workflow expects, tandems ended through CloseTandem, texts removed,
 * profile anonymised, a second request `already_erased`) and the retention job's choices.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryPersonalDataStore } from '../../shared/adapters/memory/personal-data';
import { memoryTable, type MemoryTable } from '../../shared/adapters/memory/table';
import { memoryTandemLifecycleStore } from '../../shared/adapters/memory/tandem-lifecycle-store';
import { availabilityItems, checkInRoundItem, OUTBOX_JOB_ATTRIBUTE, outcomeSurveyItem, personItem, proposalItem, tandemItem, tandemRetentionItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { NotFoundError } from '../../shared/domain/errors';
import { addDays, FOLLOW_UP_DEFAULTS, type CheckInAnswer } from '../../shared/domain/follow-up';
import { personExportSchema } from '../../shared/domain/follow-up-schemas';
import type { Tandem } from '../../shared/domain/matching';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { makeErasePerson } from '../../shared/use-cases/admin/erase-person';
import { makeExportPerson } from '../../shared/use-cases/admin/export-person';
import { erasesOn, makeApplyRetention } from '../../shared/use-cases/apply-retention';
import type { RecordedJob } from '../../shared/ports/matching-store';
import type { PersonalDataStore } from '../../shared/ports/personal-data';
import { activeMentor, proposalOf, waitingMentee } from '../contract/matching-store.contract';
import { answeredRound } from '../contract/personal-data.contract';
import { T0 } from '../contract/support';

const NOW = new Date('2027-06-01T10:00:00Z');
const clock = { now: () => NOW };

function hub() {
  const table: MemoryTable = memoryTable();
  const store = memoryPersonalDataStore(table);
  const reads = memoryFollowUpReads(table);
  const matching = memoryMatchingStore(table);
  const closeTandem = makeCloseTandem({ store: memoryTandemLifecycleStore(table), clock, settings: FOLLOW_UP_DEFAULTS });
  const erasePerson = makeErasePerson({ store, reads, matching, closeTandem, clock });
  return {
    table,
    put: (...items: Item[]) => items.forEach((i) => table.put(i)),
    exportPerson: makeExportPerson({ store, reads, clock }),
    erasePerson,
    retention: makeApplyRetention({ store, reads, erasePerson, settings: FOLLOW_UP_DEFAULTS, clock }),
  };
}

/** A mentee in an active tandem with a mentor (both answered a check-in), and another mentor's pending proposal. */
function tandemWorld(h: ReturnType<typeof hub>) {
  const mentor = activeMentor({ firstName: 'Aline', activeMentees: 1 });
  const mentee = waitingMentee({ firstName: 'Yanis', status: 'in_tandem' });
  const tandem: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, track: 'business_creation', status: 'active', startedAt: T0.toISOString(), attempt: 1, endNote: 'Note de la CCI' };
  const accepted = proposalOf(mentee, mentor, { status: 'accepted', tandemId: tandem.id, decision: 'accept', declineReason: undefined });
  h.put(personItem({ ...mentee, tandemId: tandem.id }), personItem(mentor), ...availabilityItems(mentor), tandemItem(tandem), proposalItem(accepted, { taskToken: 'secret-token' }), checkInRoundItem(answeredRound(tandem.id)));
  return { mentor, mentee, tandem };
}

describe('export-person', () => {
  let h: ReturnType<typeof hub>;
  beforeEach(() => {
    h = hub();
  });

  it('exports a mentee: profile without keys nor bookkeeping, consent, proposals with the mentor’s first name, its own answers only', async () => {
    const { mentee, tandem } = tandemWorld(h);
    const declinedBy = activeMentor({ firstName: 'Bruno' });
    h.put(personItem(declinedBy), proposalItem(proposalOf(mentee, declinedBy, { status: 'declined', decision: 'decline', declineReason: 'no_time' }), { taskToken: 'x' }));

    const exported = personExportSchema.parse(await h.exportPerson({ role: 'mentee', personId: mentee.id }));

    expect(exported.profile).toMatchObject({ id: mentee.id, firstName: 'Yanis', email: mentee.email, project: mentee.project });
    for (const key of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity', 'emailHash', 'signUpKey']) expect(exported.profile).not.toHaveProperty(key);
    expect(exported.consent).toEqual({ at: mentee.consentAt, version: mentee.consentVersion });
    expect(exported.proposals.map((p) => p.mentorFirstName).sort()).toEqual(['Aline', 'Bruno']);
    const text = JSON.stringify(exported);
    for (const hidden of ['no_time', 'secret-token', 'Note du mentor', 'Le plan avance bien', 'Note de la CCI', 'Durand']) expect(text, hidden).not.toContain(hidden);
    expect(exported.tandems).toEqual([expect.objectContaining({ id: tandem.id, mentorFirstName: 'Aline', checkIns: [expect.objectContaining({ answer: expect.objectContaining({ privateNote: 'Note de la personne' }) })] })]);
  });

  it('exports a mentor: its proposals with the mentee’s first name and its decisions, its own answers', async () => {
    const { mentor, tandem } = tandemWorld(h);

    const exported = personExportSchema.parse(await h.exportPerson({ role: 'mentor', personId: mentor.id }));

    expect(exported.proposals).toEqual([expect.objectContaining({ menteeFirstName: 'Yanis', status: 'accepted', decision: 'accept' })]);
    expect(exported.tandems[0]).toMatchObject({ id: tandem.id, menteeFirstName: 'Yanis' });
    expect(JSON.stringify(exported)).not.toContain('Note de la personne');
    expect(JSON.stringify(exported)).toContain('Note du mentor');
  });

  it('answers 404 for an unknown person', async () => {
    await expect(h.exportPerson({ role: 'mentor', personId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('erase-person', () => {
  let h: ReturnType<typeof hub>;
  beforeEach(() => {
    h = hub();
  });

  it('erases a waiting mentee: its undecided pending proposal withdrawn, a decided one left to the workflow, the profile anonymised', async () => {
    const mentee = waitingMentee();
    const [m1, m2] = [activeMentor(), activeMentor()];
    h.put(personItem(mentee), personItem(m1), personItem(m2), proposalItem(proposalOf(mentee, m1), { taskToken: 't' }), proposalItem(proposalOf(mentee, m2, { decision: 'accept', decidedAt: T0.toISOString() }), { taskToken: 't' }));

    const result = await h.erasePerson({ role: 'mentee', personId: mentee.id });

    expect(result).toEqual({ status: 'erased', erasedAt: NOW.toISOString(), tandemsEnded: 0, proposalsClosed: 1 });
    expect(h.table.get(keys.proposal(mentee.id, m1.id))?.status).toBe('withdrawn');
    expect(h.table.get(keys.proposal(mentee.id, m2.id))?.status).toBe('pending');
    expect(h.table.get(keys.person('mentee', mentee.id))).toMatchObject({ status: 'erased', email: '' });
    expect(h.table.get(keys.person('mentee', mentee.id))).not.toHaveProperty('firstName');
  });

  it('erases a mentor in a tandem: its undecided proposal declined on its behalf (the decision delivered to the workflow), the tandem ended early, its texts removed', async () => {
    const { mentor, tandem } = tandemWorld(h);
    const other = waitingMentee();
    h.put(personItem(other), proposalItem(proposalOf(other, mentor, { createdAt: addDays(T0.toISOString(), 1) }), { taskToken: 't' }));

    const result = await h.erasePerson({ role: 'mentor', personId: mentor.id });

    expect(result).toMatchObject({ status: 'erased', tandemsEnded: 1, proposalsClosed: 1 });
    expect(h.table.get(keys.proposal(other.id, mentor.id))).toMatchObject({ status: 'pending', decision: 'decline' });
    expect(h.table.scan().some((i) => i.kind === 'deliver_decision')).toBe(true);
    expect(h.table.get(keys.tandem(tandem.id))).toMatchObject({ status: 'ended_early', endReason: 'person_erased' });
    expect(h.table.get(keys.tandem(tandem.id))).not.toHaveProperty('endNote');
    const answers = h.table.get(keys.checkInRound(tandem.id, 1))!.answers as Record<string, Item>;
    expect(answers.mentor).not.toHaveProperty('privateNote');
    expect(answers.mentee).toMatchObject({ privateNote: 'Note de la personne' });
    expect(h.table.scan().filter((i) => i.entity === 'Availability')).toEqual([]);

    expect(await h.erasePerson({ role: 'mentor', personId: mentor.id })).toEqual({ status: 'already_erased', erasedAt: NOW.toISOString(), tandemsEnded: 0, proposalsClosed: 0 });
  });

  it('erases a mentor before closing anything: no longer matchable when its tandem closes, no `capacity_appeared`, no `tandem_closed` mail to it', async () => {
    const { mentor, mentee, tandem } = tandemWorld(h);
    const seen: { status: unknown; availability: number }[] = [];
    const real = makeCloseTandem({ store: memoryTandemLifecycleStore(h.table), clock, settings: FOLLOW_UP_DEFAULTS });
    const erase = makeErasePerson({
      store: memoryPersonalDataStore(h.table),
      reads: memoryFollowUpReads(h.table),
      matching: memoryMatchingStore(h.table),
      closeTandem: async (request) => {
        seen.push({ status: h.table.get(keys.person('mentor', mentor.id))?.status, availability: h.table.scan().filter((i) => i.entity === 'Availability' && i.mentorId === mentor.id).length });
        return real(request);
      },
      clock,
    });

    expect(await erase({ role: 'mentor', personId: mentor.id })).toMatchObject({ status: 'erased', tandemsEnded: 1 });

    expect(seen).toEqual([{ status: 'erased', availability: 0 }]);
    expect(h.table.get(keys.tandem(tandem.id))).toMatchObject({ status: 'ended_early', endReason: 'person_erased' });
    expect(h.table.scan().filter((i) => i.entity === 'Availability' && i.mentorId === mentor.id)).toEqual([]);
    const jobs = h.table.scan().map((i) => i[OUTBOX_JOB_ATTRIBUTE] as { kind?: string; template?: string; to?: { personId: string } } | undefined);
    expect(jobs.filter((j) => j?.kind === 'capacity_appeared')).toEqual([]);
    expect(jobs.filter((j) => j?.template === 'tandem_closed').map((j) => j!.to!.personId)).toEqual([mentee.id]);
    expect(h.table.get(keys.person('mentee', mentee.id))).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2 });
  });

  it('erases a mentee before withdrawing its proposals: a workflow at its attempt finds it gone', async () => {
    const mentee = waitingMentee();
    const m1 = activeMentor();
    h.put(personItem(mentee), personItem(m1), proposalItem(proposalOf(mentee, m1), { taskToken: 't' }));
    const matching = memoryMatchingStore(h.table);
    const seen: unknown[] = [];
    const erase = makeErasePerson({
      store: memoryPersonalDataStore(h.table),
      reads: memoryFollowUpReads(h.table),
      matching: {
        decide: (input) => matching.decide(input),
        closeProposal: async (input) => {
          seen.push(h.table.get(keys.person('mentee', mentee.id))?.status);
          return matching.closeProposal(input);
        },
      },
      closeTandem: makeCloseTandem({ store: memoryTandemLifecycleStore(h.table), clock, settings: FOLLOW_UP_DEFAULTS }),
      clock,
    });

    expect(await erase({ role: 'mentee', personId: mentee.id })).toMatchObject({ status: 'erased', proposalsClosed: 1 });
    expect(seen).toEqual(['erased']);
  });

  it('scrubs the texts of an answer that arrived after its first read of the tandem (read again after the close)', async () => {
    const { mentee, tandem } = tandemWorld(h);
    const real = makeCloseTandem({ store: memoryTandemLifecycleStore(h.table), clock, settings: FOLLOW_UP_DEFAULTS });
    const erase = makeErasePerson({
      store: memoryPersonalDataStore(h.table),
      reads: memoryFollowUpReads(h.table),
      matching: memoryMatchingStore(h.table),
      closeTandem: async (request) => {
        // The mentee answers round 2 just before the close.
        const round = answeredRound(tandem.id, 2);
        const mine = round.answers.mentee as Extract<CheckInAnswer, { kind: 'monthly' }>;
        h.put(checkInRoundItem({ ...round, answers: { mentee: { ...mine, progress: 'Réponse arrivée tard', privateNote: 'Note arrivée tard' } } }));
        return real(request);
      },
      clock,
    });

    await erase({ role: 'mentee', personId: mentee.id });

    const late = (h.table.get(keys.checkInRound(tandem.id, 2))!.answers as Record<string, Item>).mentee;
    expect(late).toMatchObject({ satisfaction: 5 });
    expect(late).not.toHaveProperty('progress');
    expect(late).not.toHaveProperty('privateNote');
  });

  it('erases a mentee whose tandem already ended: its remaining surveys (scheduled or sent) cancelled, the SIREN gone from its outcomes', async () => {
    const mentee = waitingMentee({ status: 'closed' });
    const mentor = activeMentor();
    const SIREN = '732829320';
    const value = { track: 'business_creation' as const, situation: 'company_created' as const, companyCreatedOn: '2027-01-10', siren: SIREN };
    const tandem: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, track: 'business_creation', status: 'completed', startedAt: T0.toISOString(), endedAt: addDays(T0.toISOString(), 100), attempt: 1, outcome: value };
    const survey = (milestone: 3 | 6 | 12, status: 'scheduled' | 'sent' | 'cancelled') => ({ tandemId: tandem.id, milestone, dueAt: addDays(T0.toISOString(), milestone * 30), status, records: [] });
    h.put(
      personItem({ ...mentee, tandemId: tandem.id }),
      personItem(mentor),
      tandemItem(tandem),
      proposalItem(proposalOf(mentee, mentor, { status: 'accepted', tandemId: tandem.id, decision: 'accept' }), { taskToken: 't' }),
      outcomeSurveyItem({ ...survey(3, 'cancelled'), records: [{ value, source: 'cci', recordedAt: T0.toISOString() }] }),
      outcomeSurveyItem({ ...survey(6, 'sent'), sentAt: addDays(T0.toISOString(), 180) }, { remindAt: addDays(T0.toISOString(), 187) }),
      outcomeSurveyItem(survey(12, 'scheduled')),
    );

    expect(await h.erasePerson({ role: 'mentee', personId: mentee.id })).toMatchObject({ status: 'erased', tandemsEnded: 0 });

    for (const milestone of [3, 6, 12]) {
      const item = h.table.get(keys.outcomeSurvey(tandem.id, milestone))!;
      expect([item.status, item.GSI1PK], `M${milestone}`).toEqual(['cancelled', undefined]);
    }
    expect(JSON.stringify(h.table.scan())).not.toContain(SIREN);
    expect(h.table.get(keys.outcomeSurvey(tandem.id, 3))!.records).toEqual([{ value: { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2027-01-10' }, source: 'cci', recordedAt: T0.toISOString() }]);
  });

  it('answers 404 for an unknown person', async () => {
    await expect(h.erasePerson({ role: 'mentee', personId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('apply-retention', () => {
  it('announces the erasure date: a year after sign-up, never sooner than a full notice period from now', () => {
    const s = { unmatchedRetentionDays: 365, retentionNoticeDays: 30 };
    expect(erasesOn('2026-01-10T08:00:00Z', new Date('2026-12-01T03:00:00Z'), s)).toBe('2027-01-10');
    expect(erasesOn('2026-01-10T08:00:00Z', new Date('2027-03-01T03:00:00Z'), s)).toBe('2027-03-31');
  });

  it('notices an old unmatched mentee once, erases it a notice period later, and uses the scheduled time', async () => {
    const h = hub();
    const old = waitingMentee({ status: 'unmatched', createdAt: addDays(NOW.toISOString(), -400) });
    h.put(personItem(old));

    expect(await h.retention()).toMatchObject({ noticed: 1, erased: 0 });
    expect(await h.retention()).toMatchObject({ noticed: 0, erased: 0, skipped: 1 });
    expect(await h.retention({ scheduledTime: addDays(NOW.toISOString(), 30) })).toMatchObject({ erased: 1 });
    expect(h.table.get(keys.person('mentee', old.id))?.status).toBe('erased');
  });

  const startJob = (menteeId: string, attempt: number, now: Date): RecordedJob => ({
    job: { kind: 'start_matching', id: randomUUID(), locale: 'fr', recordedAt: now.toISOString(), menteeId, attempt },
    dedupKey: `${menteeId}#${attempt}`,
  });

  it('a mentee matched after its notice, then unmatched again, gets a new notice and a full notice period before its erasure', async () => {
    const h = hub();
    const matching = memoryMatchingStore(h.table);
    const signedUp = addDays(NOW.toISOString(), -336);
    const day = (n: number) => new Date(addDays(signedUp, n));
    const mentee = waitingMentee({ status: 'unmatched', createdAt: signedUp, matchingAttempt: 1 });
    h.put(personItem(mentee));
    const profile = () => h.table.get(keys.person('mentee', mentee.id))!;

    expect(await h.retention({ scheduledTime: day(336).toISOString() })).toMatchObject({ noticed: 1, erased: 0 });
    expect(profile().retentionNoticeAt).toBe(day(336).toISOString());
    // Day 340: matched (leaves `unmatched`); its tandem later ends and the re-match finds nobody.
    expect(await matching.startAttempt({ menteeId: mentee.id, from: ['unmatched'], attempt: 2, now: day(340), start: startJob(mentee.id, 2, day(340)) })).toBe('started');
    expect(profile()).not.toHaveProperty('retentionNoticeAt');
    expect(await matching.endAttempt({ menteeId: mentee.id, attempt: 2, status: 'unmatched', now: day(400), mails: [] })).toBe('ended');

    // That night: a year after sign-up, but the old notice no longer counts: a new one, no erasure.
    expect(await h.retention({ scheduledTime: day(400).toISOString() })).toMatchObject({ noticed: 1, erased: 0 });
    expect(profile()).toMatchObject({ status: 'unmatched', retentionNoticeAt: day(400).toISOString(), firstName: mentee.firstName });
    expect(await h.retention({ scheduledTime: day(429).toISOString() })).toMatchObject({ noticed: 0, erased: 0 });
    expect(profile().status).toBe('unmatched');
    expect(await h.retention({ scheduledTime: day(430).toISOString() })).toMatchObject({ erased: 1 });
    expect(profile().status).toBe('erased');
  });

  it('decides an unmatched erasure on the profile as it is, not as the page read it: matched since, or noticed anew, the mentee stays', async () => {
    const h = hub();
    const matching = memoryMatchingStore(h.table);
    const store = memoryPersonalDataStore(h.table);
    const old = { status: 'unmatched' as const, createdAt: addDays(NOW.toISOString(), -400), retentionNoticeAt: addDays(NOW.toISOString(), -40), matchingAttempt: 1 };
    const [matched, noticedAnew] = [waitingMentee(old), waitingMentee(old)];
    h.put(personItem(matched), personItem(noticedAnew));
    // Between the page read and the erasure: one mentee matched; the other matched, unmatched again and noticed anew.
    const racing: PersonalDataStore = {
      ...store,
      async unmatchedMentees(input) {
        const page = await store.unmatchedMentees(input);
        await matching.startAttempt({ menteeId: matched.id, from: ['unmatched'], attempt: 2, now: NOW, start: startJob(matched.id, 2, NOW) });
        await matching.startAttempt({ menteeId: noticedAnew.id, from: ['unmatched'], attempt: 2, now: NOW, start: startJob(noticedAnew.id, 2, NOW) });
        await matching.endAttempt({ menteeId: noticedAnew.id, attempt: 2, status: 'unmatched', now: NOW, mails: [] });
        const mail = { job: { kind: 'mail' as const, template: 'retention_notice' as const, id: randomUUID(), locale: 'fr' as const, recordedAt: NOW.toISOString(), to: { role: 'mentee' as const, personId: noticedAnew.id }, erasesOn: '2027-07-01' }, dedupKey: `retention_notice#${noticedAnew.id}#2` };
        expect(await store.recordRetentionNotice({ menteeId: noticedAnew.id, now: NOW, mail })).toBe('recorded');
        return page;
      },
    };
    const retention = makeApplyRetention({ store: racing, reads: memoryFollowUpReads(h.table), erasePerson: h.erasePerson, settings: FOLLOW_UP_DEFAULTS, clock });

    expect(await retention()).toMatchObject({ noticed: 0, erased: 0, skipped: 2 });
    expect(h.table.get(keys.person('mentee', matched.id))).toMatchObject({ status: 'awaiting_match', firstName: matched.firstName });
    expect(h.table.get(keys.person('mentee', noticedAnew.id))).toMatchObject({ status: 'unmatched', retentionNoticeAt: NOW.toISOString(), firstName: noticedAnew.firstName });
  });

  it('a closed tandem followed by a later one: its retention leaves the mentee (and the later tandem’s texts) to the later tandem’s retention', async () => {
    const h = hub();
    const mentee = waitingMentee({ status: 'closed', matchingAttempt: 2 });
    const [mentorA, mentorB] = [activeMentor(), activeMentor()];
    const tandem = (attempt: number, mentorId: string, endedAt: string): Tandem => ({ id: randomUUID(), menteeId: mentee.id, mentorId, track: 'business_creation', status: 'ended_early', endReason: 'not_a_good_fit', startedAt: T0.toISOString(), endedAt, attempt });
    const a = tandem(1, mentorA.id, '2024-05-01T10:00:00Z');
    const b = { ...tandem(2, mentorB.id, '2026-05-01T10:00:00Z'), status: 'completed' as const, endReason: undefined };
    const bDue = addDays(NOW.toISOString(), 330);
    h.put(
      personItem(mentee),
      ...[a, b].flatMap((t) => [tandemItem(t), checkInRoundItem(answeredRound(t.id)), proposalItem(proposalOf(mentee, t.mentorId === mentorA.id ? mentorA : mentorB, { attempt: t.attempt, status: 'accepted', decision: 'accept', tandemId: t.id }), { taskToken: 't' })]),
      tandemRetentionItem({ tandemId: a.id, dueAt: addDays(NOW.toISOString(), -1), done: false }),
      tandemRetentionItem({ tandemId: b.id, dueAt: bDue, done: false }),
    );
    const menteeAnswer = (t: Tandem) => (h.table.get(keys.checkInRound(t.id, 1))!.answers as Record<string, Item>).mentee;

    expect(await h.retention()).toMatchObject({ tandemsAnonymised: 1, erased: 0 });
    expect(h.table.get(keys.tandem(a.id))?.anonymisedAt).toBe(NOW.toISOString());
    expect(menteeAnswer(a)).not.toHaveProperty('privateNote');
    expect(h.table.get(keys.person('mentee', mentee.id))).toMatchObject({ status: 'closed', firstName: mentee.firstName });
    expect(menteeAnswer(b)).toMatchObject({ privateNote: 'Note de la personne' });

    // The later tandem's own date: now the mentee goes.
    expect(await h.retention({ scheduledTime: addDays(bDue, 1) })).toMatchObject({ tandemsAnonymised: 1, erased: 1 });
    expect(h.table.get(keys.person('mentee', mentee.id))?.status).toBe('erased');
    expect(menteeAnswer(b)).not.toHaveProperty('privateNote');
  });

  it('a closed tandem that was the mentee’s latest (an earlier one before it): its retention erases the mentee', async () => {
    const h = hub();
    const mentee = waitingMentee({ status: 'closed', matchingAttempt: 2 });
    const [mentorA, mentorB] = [activeMentor(), activeMentor()];
    const earlier: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentorA.id, track: 'business_creation', status: 'ended_early', endReason: 'not_a_good_fit', startedAt: T0.toISOString(), endedAt: '2024-05-01T10:00:00Z', attempt: 1, anonymisedAt: '2026-05-01T03:00:00Z' };
    const latest: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentorB.id, track: 'business_creation', status: 'completed', startedAt: T0.toISOString(), endedAt: '2025-05-01T10:00:00Z', attempt: 2 };
    h.put(
      personItem(mentee),
      tandemItem(earlier),
      tandemItem(latest),
      proposalItem(proposalOf(mentee, mentorA, { attempt: 1, status: 'accepted', decision: 'accept', tandemId: earlier.id }), { taskToken: 't' }),
      proposalItem(proposalOf(mentee, mentorB, { attempt: 2, status: 'accepted', decision: 'accept', tandemId: latest.id }), { taskToken: 't' }),
      tandemRetentionItem({ tandemId: latest.id, dueAt: addDays(NOW.toISOString(), -1), done: false }),
    );

    expect(await h.retention()).toMatchObject({ tandemsAnonymised: 1, erased: 1 });
    expect(h.table.get(keys.person('mentee', mentee.id))?.status).toBe('erased');
  });

  it('anonymises a due closed tandem and erases its closed mentee; leaves an entry not yet due', async () => {
    const h = hub();
    const mentee = waitingMentee({ status: 'closed' });
    const t = (): Tandem => ({ id: randomUUID(), menteeId: mentee.id, mentorId: randomUUID(), track: 'business_creation', status: 'completed', startedAt: T0.toISOString(), endedAt: T0.toISOString(), attempt: 1 });
    const [due, notDue] = [t(), t()];
    h.put(personItem(mentee), tandemItem(due), tandemItem(notDue), tandemRetentionItem({ tandemId: due.id, dueAt: addDays(NOW.toISOString(), -1), done: false }), tandemRetentionItem({ tandemId: notDue.id, dueAt: addDays(NOW.toISOString(), 10), done: false }));

    expect(await h.retention()).toMatchObject({ tandemsAnonymised: 1, erased: 1 });
    expect(h.table.get(keys.tandem(due.id))?.anonymisedAt).toBe(NOW.toISOString());
    expect(h.table.get(keys.tandem(notDue.id))).not.toHaveProperty('anonymisedAt');
    expect(await h.retention()).toMatchObject({ tandemsAnonymised: 0, erased: 0 });
  });
});
