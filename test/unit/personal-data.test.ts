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
import { availabilityItems, checkInRoundItem, personItem, proposalItem, tandemItem, tandemRetentionItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { NotFoundError } from '../../shared/domain/errors';
import { addDays, FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { personExportSchema } from '../../shared/domain/follow-up-schemas';
import type { Tandem } from '../../shared/domain/matching';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { makeErasePerson } from '../../shared/use-cases/admin/erase-person';
import { makeExportPerson } from '../../shared/use-cases/admin/export-person';
import { erasesOn, makeApplyRetention } from '../../shared/use-cases/apply-retention';
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
