/**
 * The console's mentee, tandem and home page use cases on the in-memory adapters (the matching
 * hub's table, read through the memory BackOfficeReads): days waiting, the home page's contents,
 * the ranking with its explanations, and the CCI's new attempt with its outcomes.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { personItem, tandemItem } from '../../shared/db/items';
import { ConflictError, InvalidCursorError, NotFoundError } from '../../shared/domain/errors';
import type { Tandem } from '../../shared/domain/matching';
import { makeGetAttention } from '../../shared/use-cases/admin/get-attention';
import { makeGetMentee } from '../../shared/use-cases/admin/get-mentee';
import { makeGetTandem } from '../../shared/use-cases/admin/get-tandem';
import { makeListMentees } from '../../shared/use-cases/admin/list-mentees';
import { makeListTandems } from '../../shared/use-cases/admin/list-tandems';
import { makeStartMenteeMatching } from '../../shared/use-cases/admin/start-mentee-matching';
import { DAY, makeMatchingHub } from '../helpers/matching-hub';

/** The hub's clock starts at 2026-12-01T10:00Z. */
const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const daysAgo = (days: number, minutes = 0) => new Date(NOW - days * DAY + minutes * 60_000).toISOString();

function backOffice() {
  const hub = makeMatchingHub();
  const reads = memoryBackOfficeReads(hub.table);
  const deps = { store: hub.store, reads, clock: hub.clock };
  return {
    hub,
    reads,
    listMentees: makeListMentees(deps),
    getAttention: makeGetAttention(deps),
    getMentee: makeGetMentee(deps),
    startMenteeMatching: makeStartMenteeMatching({ store: hub.store, clock: hub.clock }),
    listTandems: makeListTandems(deps),
    getTandem: makeGetTandem({ ...deps, followUp: memoryFollowUpReads(hub.table) }),
  };
}

const tandemOf = (menteeId: string, mentorId: string, overrides: Partial<Tandem> = {}): Tandem => ({
  id: randomUUID(),
  menteeId,
  mentorId,
  track: 'business_creation',
  status: 'active',
  startedAt: daysAgo(3),
  attempt: 1,
  ...overrides,
});

describe('ListMentees', () => {
  it('lists awaiting_match by default, oldest first, with whole days waiting since the confirmation', async () => {
    const c = backOffice();
    const older = c.hub.seedMentee({ createdAt: daysAgo(12), verifiedAt: daysAgo(10, 60) });
    const newer = c.hub.seedMentee({ createdAt: daysAgo(2), verifiedAt: daysAgo(1, -60) });
    c.hub.seedMentee({ status: 'unmatched' });
    const page = await c.listMentees({ limit: 25 });
    expect(page.items.map((m) => [m.id, m.daysWaiting])).toEqual([
      [older.id, 9],
      [newer.id, 1],
    ]);
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[0]).not.toHaveProperty('email');
  });

  it('gives no days waiting to a mentee in a tandem or closed; pages with cursors of its own status only', async () => {
    const c = backOffice();
    const inTandem = [0, 1, 2].map((i) => c.hub.seedMentee({ status: 'in_tandem', createdAt: daysAgo(30 - i) }));
    const first = await c.listMentees({ status: 'in_tandem', limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual(inTandem.slice(0, 2).map((m) => m.id));
    expect(first.items.every((m) => m.daysWaiting === undefined)).toBe(true);
    const second = await c.listMentees({ status: 'in_tandem', limit: 2, cursor: first.nextCursor });
    expect([second.items.map((m) => m.id), second.nextCursor]).toEqual([[inTandem[2]!.id], undefined]);
    await expect(c.listMentees({ status: 'closed', cursor: first.nextCursor, limit: 25 })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('GetAttention', () => {
  it('counts the mentors to validate and shows the 5 oldest', async () => {
    const c = backOffice();
    const waiting = Array.from({ length: 7 }, (_, i) => c.hub.seedMentor({ status: 'pending_validation', createdAt: daysAgo(20 - i) }));
    c.hub.seedMentor();
    const attention = await c.getAttention();
    expect(attention.mentorsToValidate.count).toBe(7);
    expect(attention.mentorsToValidate.oldest.map((m) => m.id)).toEqual(waiting.slice(0, 5).map((m) => m.id));
    expect(attention.mentorsToValidate.oldest[0]).not.toHaveProperty('email');
  });

  it('shows the mentees waiting longest since their confirmation, awaiting_match and unmatched together, at most 10', async () => {
    const c = backOffice();
    // Signed up first but confirmed late: waits less than the ones confirmed at once.
    const lateConfirmer = c.hub.seedMentee({ createdAt: daysAgo(40), verifiedAt: daysAgo(5) });
    const unmatched = c.hub.seedMentee({ status: 'unmatched', createdAt: daysAgo(39), verifiedAt: daysAgo(39) });
    const awaiting = Array.from({ length: 30 }, (_, i) => c.hub.seedMentee({ createdAt: daysAgo(38 - i), verifiedAt: daysAgo(38 - i, 10) }));
    c.hub.seedMentee({ status: 'in_tandem', createdAt: daysAgo(90), verifiedAt: daysAgo(90) });
    const { menteesWaitingLongest } = await c.getAttention();
    expect(menteesWaitingLongest.map((m) => m.id)).toEqual([unmatched.id, ...awaiting.slice(0, 9).map((m) => m.id)]);
    expect(menteesWaitingLongest.map((m) => m.daysWaiting)).toEqual([39, 37, 36, 35, 34, 33, 32, 31, 30, 29]);
    expect(menteesWaitingLongest.map((m) => m.id)).not.toContain(lateConfirmer.id);
  });

  it('lists the proposals still pending, oldest first, with names and days waiting; none once answered or closed', async () => {
    const c = backOffice();
    const mentee = c.hub.seedMentee();
    const [m1, m2, m3] = [c.hub.seedMentor({ firstName: 'Aline' }), c.hub.seedMentor({ firstName: 'Bruno' }), c.hub.seedMentor()];
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: m2.id, createdAt: daysAgo(1) });
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: m1.id, createdAt: daysAgo(4, 30), remindedAt: daysAgo(1) });
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: m3.id, createdAt: daysAgo(6) });
    await c.hub.store.closeProposal({ menteeId: mentee.id, mentorId: m3.id, status: 'expired', now: c.hub.clock.now() });
    const { proposalsUnanswered } = await c.getAttention();
    expect(proposalsUnanswered).toEqual([
      {
        mentee: { id: mentee.id, firstName: 'Yanis', lastName: 'Benali' },
        mentor: { id: m1.id, firstName: 'Aline', lastName: 'Durand' },
        createdAt: daysAgo(4, 30),
        expiresAt: expect.any(String),
        remindedAt: daysAgo(1),
        daysWaiting: 3,
      },
      { mentee: { id: mentee.id, firstName: 'Yanis', lastName: 'Benali' }, mentor: { id: m2.id, firstName: 'Bruno', lastName: 'Durand' }, createdAt: daysAgo(1), expiresAt: expect.any(String), daysWaiting: 1 },
    ]);
  });

  it('shows the unmatched mentees with their last report in words, most frequent reason first, and the failed matchings', async () => {
    const c = backOffice();
    const mentee = c.hub.seedMentee();
    expect(await c.hub.markUnmatched({ menteeId: mentee.id, attempt: 1, considered: 6, compatible: 1, proposed: 1, excluded: { no_capacity: 1, too_far_for_in_person: 3, no_shared_language: 1 } })).toEqual({
      outcome: 'ended',
    });
    const failed = c.hub.seedMentee({ status: 'matching_failed' });
    const attention = await c.getAttention();
    expect(attention.unmatched).toHaveLength(1);
    expect(attention.unmatched[0]!.mentee).toMatchObject({ id: mentee.id, status: 'unmatched' });
    expect(attention.unmatched[0]!.report).toEqual({
      at: c.hub.clock.now().toISOString(),
      considered: 6,
      compatible: 1,
      proposed: 1,
      excluded: { no_capacity: 1, too_far_for_in_person: 3, no_shared_language: 1 },
      lines: [
        { fr: 'Rencontres en présentiel seulement, mais pas dans le même département\u00a0: 3', en: 'In-person meetings only, but not in the same département: 3' },
        { fr: 'Le mentor n’a plus de place libre\u00a0: 1', en: 'The mentor has no free place left: 1' },
        { fr: 'Aucune langue en commun\u00a0: 1', en: 'No shared language: 1' },
      ],
    });
    expect(attention.matchingFailed.map((m) => m.id)).toEqual([failed.id]);
  });
});

describe('GetMentee', () => {
  it('unknown mentee: NotFoundError', async () => {
    await expect(backOffice().getMentee(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows the consent, the retention notice and the erasure dates the console’s « Données personnelles » states', async () => {
    const c = backOffice();
    const mentee = c.hub.seedMentee({ status: 'unmatched', retentionNoticeAt: daysAgo(10), erasedAt: daysAgo(1) });
    const { mentee: shown } = await c.getMentee(mentee.id);
    expect(shown).toMatchObject({ consentAt: mentee.consentAt, consentVersion: mentee.consentVersion, retentionNoticeAt: daysAgo(10), erasedAt: daysAgo(1) });
  });

  it('shows the ranking as it stands: candidates best first with the engine’s reasons, counts, and mentors left out with their rule', async () => {
    const c = backOffice();
    const partner = c.hub.seedPartner({ name: 'Mission locale du Pays d’Aix' });
    const mentee = c.hub.seedMentee({ partnerId: partner.id, phone: '+33 6 00 00 00 00' });
    const best = c.hub.seedMentor({ firstName: 'Aline', communeCode: '13001', postalCode: '13100' }); // Aix: same commune
    c.hub.seedMentor({ firstName: 'Bruno', sectors: ['M'] });
    c.hub.seedMentor({ firstName: 'Chloé', capacity: 1, activeMentees: 1 });
    c.hub.seedMentor({ firstName: 'David', languages: ['en'] });
    const withdrawn = c.hub.seedMentor({ firstName: 'Emma' });
    const declined = c.hub.seedMentor({ firstName: 'Fanny' });
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: withdrawn.id, status: 'withdrawn', rank: 2 });
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: declined.id, status: 'declined', declineReason: 'no_time', rank: 1 });

    const detail = await c.getMentee(mentee.id);
    expect(detail.mentee).toMatchObject({ id: mentee.id, email: mentee.email, phone: '+33 6 00 00 00 00', status: 'awaiting_match', daysWaiting: 30, matchingAttempt: 1 });
    expect(detail.partner).toEqual({ id: partner.id, name: 'Mission locale du Pays d’Aix' });
    expect(detail.proposals.map((p) => [p.mentor.firstName, p.status])).toEqual([
      ['Fanny', 'declined'],
      ['Emma', 'withdrawn'],
    ]);
    const ranking = detail.ranking!;
    expect(ranking.candidates.map((c) => c.mentor.firstName)).toEqual(['Aline', 'Bruno']);
    expect(ranking.candidates[0]!.mentor).toEqual({ id: best.id, firstName: 'Aline', lastName: 'Durand' });
    expect(ranking.candidates[0]!.score).toBeGreaterThan(ranking.candidates[1]!.score);
    expect(ranking.candidates[0]!.reasons.map((r) => r.code)).toContain('same_sector');
    expect(ranking.candidates[0]!.reasons[0]!.text.fr).toMatch(/\S/);
    expect(ranking).toMatchObject({ considered: 6, compatible: 3, excluded: { no_capacity: 1, no_shared_language: 1, declined_before: 1 } });
    expect(ranking.excludedMentors.map((e) => [e.mentor.firstName, e.code]).sort()).toEqual([
      ['Chloé', 'no_capacity'],
      ['David', 'no_shared_language'],
      ['Fanny', 'declined_before'],
    ]);
    expect(ranking.excludedMentors.find((e) => e.code === 'no_capacity')!.text.fr).toBe('Le mentor n’a plus de place libre');
  });

  it('shows the last report; no ranking once the mentee is in a tandem', async () => {
    const c = backOffice();
    const mentee = c.hub.seedMentee();
    await c.hub.markUnmatched({ menteeId: mentee.id, attempt: 1, considered: 2, compatible: 0, proposed: 0, excluded: { no_capacity: 2 } });
    const unmatched = await c.getMentee(mentee.id);
    expect(unmatched.lastUnmatchedReport?.lines).toEqual([{ fr: 'Le mentor n’a plus de place libre\u00a0: 2', en: 'The mentor has no free place left: 2' }]);
    expect(unmatched.ranking).toMatchObject({ candidates: [], considered: 0 });
    c.hub.table.put(personItem({ ...(await c.hub.mentee(mentee.id)), status: 'in_tandem', tandemId: randomUUID() }));
    const inTandem = await c.getMentee(mentee.id);
    expect(inTandem.ranking).toBeUndefined();
    expect(inTandem.mentee.daysWaiting).toBeUndefined();
  });
});

describe('StartMenteeMatching', () => {
  it('starts the next attempt with the chosen mentor recorded; pending proposals withdrawn except the chosen mentor’s', async () => {
    const c = backOffice();
    const mentee = c.hub.seedMentee();
    const [chosen, other] = [c.hub.seedMentor(), c.hub.seedMentor()];
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: chosen.id });
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: other.id, rank: 2 });
    expect(await c.startMenteeMatching({ menteeId: mentee.id, mentorId: chosen.id })).toEqual({ status: 'matching_started', attempt: 2 });
    expect(await c.hub.mentee(mentee.id)).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, preferredMentor: { attempt: 2, mentorId: chosen.id } });
    expect((await c.hub.proposal(mentee.id, chosen.id))?.status).toBe('pending');
    expect((await c.hub.proposal(mentee.id, other.id))?.status).toBe('withdrawn');
    expect(c.hub.jobs().map((j) => j.job)).toContainEqual(expect.objectContaining({ kind: 'start_matching', menteeId: mentee.id, attempt: 2 }));
  });

  it('runs matching again without a chosen mentor from unmatched', async () => {
    const c = backOffice();
    const mentee = c.hub.seedMentee({ status: 'unmatched' });
    expect(await c.startMenteeMatching({ menteeId: mentee.id })).toEqual({ status: 'matching_started', attempt: 2 });
    expect((await c.hub.mentee(mentee.id)).preferredMentor).toBeUndefined();
  });

  it('not_waiting for a mentee in a tandem; not_compatible with the engine’s code; 404 for unknown people', async () => {
    const c = backOffice();
    const inTandem = c.hub.seedMentee({ status: 'in_tandem' });
    const error = await c.startMenteeMatching({ menteeId: inTandem.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'not_waiting' });

    const mentee = c.hub.seedMentee();
    const foreign = c.hub.seedMentor({ languages: ['en'] });
    const refused = await c.startMenteeMatching({ menteeId: mentee.id, mentorId: foreign.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ code: 'not_compatible', detail: { code: 'no_shared_language' } });
    expect((await c.hub.mentee(mentee.id)).matchingAttempt).toBe(1);

    await expect(c.startMenteeMatching({ menteeId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(c.startMenteeMatching({ menteeId: mentee.id, mentorId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('ListTandems and GetTandem', () => {
  it('lists tandems of a status newest first with names; a tandem with the proposals that led to it', async () => {
    const c = backOffice();
    const [mentee, other] = [c.hub.seedMentee({ status: 'in_tandem' }), c.hub.seedMentee({ status: 'in_tandem', firstName: 'Inès' })];
    const [declined, mentor] = [c.hub.seedMentor({ firstName: 'Aline' }), c.hub.seedMentor({ firstName: 'Bruno' })];
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: declined.id, status: 'declined', rank: 1 });
    c.hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, status: 'accepted', rank: 2 });
    const older = tandemOf(other.id, mentor.id, { startedAt: daysAgo(9), partnerId: 'partner-a' });
    const newer = tandemOf(mentee.id, mentor.id, { startedAt: daysAgo(2) });
    for (const t of [older, newer, tandemOf(randomUUID(), mentor.id, { status: 'completed' })]) c.hub.table.put(tandemItem(t));

    const page = await c.listTandems({ limit: 25 });
    expect(page.items).toEqual([
      { id: newer.id, status: 'active', track: 'business_creation', startedAt: newer.startedAt, mentee: { id: mentee.id, firstName: 'Yanis', lastName: 'Benali' }, mentor: { id: mentor.id, firstName: 'Bruno', lastName: 'Durand' } },
      { id: older.id, status: 'active', track: 'business_creation', startedAt: older.startedAt, mentee: { id: other.id, firstName: 'Inès', lastName: 'Benali' }, mentor: { id: mentor.id, firstName: 'Bruno', lastName: 'Durand' }, partnerId: 'partner-a' },
    ]);
    const detail = await c.getTandem(newer.id);
    expect(detail).toMatchObject({ id: newer.id, attempt: 1, mentee: { firstName: 'Yanis' } });
    expect(detail.proposals.map((p) => [p.mentor.firstName, p.status])).toEqual([
      ['Aline', 'declined'],
      ['Bruno', 'accepted'],
    ]);
    await expect(c.getTandem(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});
