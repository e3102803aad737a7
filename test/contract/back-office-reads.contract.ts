/**
 * What every BackOfficeReads promises (shared/ports/back-office-reads.ts), run against each
 * adapter: each list in its index's order, a page at a time through cursors (none on the last
 * page), a cursor of another list or a tampered one refused, GSI2 lines without contact details,
 * names read in batches.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personItem, proposalItem, tandemAlertItem, tandemItem, type Item } from '../../shared/db/items';
import { InvalidCursorError } from '../../shared/domain/errors';
import type { Proposal, Tandem } from '../../shared/domain/matching';
import type { BackOfficeReads, Page } from '../../shared/ports/back-office-reads';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

export interface BackOfficeReadsSubject {
  reads: BackOfficeReads;
  /** Writes items as they are (the seed of a test). */
  put(items: Item[]): Promise<void>;
  cleanup(): Promise<void>;
}

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 9, minutes)).toISOString();

/** Every page of a list, following the cursors; also checks that only the last page has none. */
async function allPages<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    pages += 1;
    items.push(...page.items);
    if (page.nextCursor) expect(page.items.length).toBeGreaterThan(0);
    cursor = page.nextCursor;
  } while (cursor && pages < 50);
  return { items, pages };
}

const tandemOf = (menteeId: string, mentorId: string, overrides: Partial<Tandem> = {}): Tandem => ({
  id: randomUUID(),
  menteeId,
  mentorId,
  track: 'business_creation',
  status: 'active',
  startedAt: at(0),
  attempt: 1,
  ...overrides,
});

const proposalOf = (menteeId: string, mentorId: string, overrides: Partial<Proposal> = {}): Proposal => ({
  menteeId,
  mentorId,
  attempt: 1,
  rank: 1,
  score: 0.5,
  reasons: [],
  status: 'pending',
  createdAt: at(0),
  expiresAt: at(60 * 24 * 7),
  ...overrides,
});

export function backOfficeReadsContract(name: string, makeSubject: () => Promise<BackOfficeReadsSubject>) {
  describe(`BackOfficeReads contract: ${name}`, () => {
    let subject: BackOfficeReadsSubject;
    let reads: BackOfficeReads;
    beforeEach(async () => {
      subject = await makeSubject();
      reads = subject.reads;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe('people by status', () => {
      it('lists the mentees of a status oldest first, a page at a time, no cursor on the last page', async () => {
        const waiting = Array.from({ length: 5 }, (_, i) => menteeProfile({ status: 'unmatched', createdAt: at(i) }));
        const others = [menteeProfile({ status: 'awaiting_match', createdAt: at(1) }), menteeProfile({ status: 'pending_verification', createdAt: at(2) })];
        await subject.put([...waiting, ...others].reverse().map((m) => personItem(m)));

        const first = await reads.menteesByStatus('unmatched', { limit: 2 });
        expect(first.items).toEqual(waiting.slice(0, 2));
        expect(first.nextCursor).toEqual(expect.any(String));
        const { items, pages } = await allPages((cursor) => reads.menteesByStatus('unmatched', { cursor, limit: 2 }));
        expect(items.map((m) => m.id)).toEqual(waiting.map((m) => m.id));
        expect(pages).toBe(3);
        const exact = await reads.menteesByStatus('unmatched', { limit: 5 });
        expect([exact.items.length, exact.nextCursor]).toEqual([5, undefined]);
        expect(await reads.menteesByStatus('closed', { limit: 10 })).toEqual({ items: [] });
      });

      it('refuses a cursor of another status, or a tampered one, with InvalidCursorError', async () => {
        await subject.put([0, 1, 2].flatMap((i) => [personItem(menteeProfile({ status: 'unmatched', createdAt: at(i) })), personItem(menteeProfile({ status: 'awaiting_match', createdAt: at(i) }))]));
        const { nextCursor } = await reads.menteesByStatus('unmatched', { limit: 1 });
        await expect(reads.menteesByStatus('awaiting_match', { cursor: nextCursor, limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(reads.menteesByStatus('unmatched', { cursor: `${nextCursor}x`, limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(reads.menteesByStatus('unmatched', { cursor: Buffer.from('{"PK":"MENTEE#x"}').toString('base64url'), limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(reads.tandemsByStatus('active', { cursor: nextCursor, limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('lists and counts the mentors of a status', async () => {
        const toValidate = Array.from({ length: 3 }, (_, i) => mentorProfile({ status: 'pending_validation', createdAt: at(10 - i) }));
        await subject.put([...toValidate, mentorProfile({ status: 'active' })].map((m) => personItem(m)));
        expect((await reads.mentorsByStatus('pending_validation', { limit: 2 })).items).toEqual([toValidate[2], toValidate[1]]);
        expect(await reads.countMentors('pending_validation')).toBe(3);
        expect(await reads.countMentors('paused')).toBe(0);
      });
    });

    describe('tandems', () => {
      it('lists the tandems of a status newest first; getTandem reads one', async () => {
        const tandems = Array.from({ length: 4 }, (_, i) => tandemOf(randomUUID(), randomUUID(), { startedAt: at(i) }));
        const ended = tandemOf(randomUUID(), randomUUID(), { status: 'ended_early', partnerId: 'p1' });
        await subject.put([...tandems, ended].map(tandemItem));
        const { items } = await allPages((cursor) => reads.tandemsByStatus('active', { cursor, limit: 3 }));
        expect(items).toEqual([...tandems].reverse());
        expect((await reads.tandemsByStatus('ended_early', { limit: 3 })).items).toEqual([ended]);
        expect(await reads.getTandem(ended.id)).toEqual(ended);
        expect(await reads.getTandem(randomUUID())).toBeUndefined();
      });
    });

    describe('namesOf', () => {
      it('reads the names of mentors and mentees by id, in batches; an unknown id is absent', async () => {
        const people = [...Array.from({ length: 60 }, () => mentorProfile()), ...Array.from({ length: 50 }, (_, i) => menteeProfile({ firstName: `Nom${i}` }))];
        await subject.put(people.map((p) => personItem(p)));
        const unknown = randomUUID();
        const names = await reads.namesOf([...people.map((p) => ({ role: p.role, id: p.id })), { role: 'mentee', id: unknown }, { role: 'mentor', id: people[0]!.id }]);
        expect(names.size).toBe(110);
        expect(names.get(people[70]!.id)).toEqual({ id: people[70]!.id, firstName: 'Nom10', lastName: 'Benali' });
        expect(names.get(people[0]!.id)).toEqual({ id: people[0]!.id, firstName: 'Camille', lastName: 'Durand' });
        expect(names.has(unknown)).toBe(false);
        expect(await reads.namesOf([])).toEqual(new Map());
      });
    });

    describe('openAlerts', () => {
      it('lists the open alerts newest first, at most `limit`, with their tandems’ people; resolved ones and those of a gone tandem left out', async () => {
        const tandems = [0, 1, 2].map(() => tandemOf(randomUUID(), randomUUID()));
        const alert = (tandemId: string, kind: 'silent' | 'help_requested' | 'not_a_good_fit', minutes: number, status: 'open' | 'resolved' = 'open') =>
          ({ tandemId, kind, raisedAt: at(minutes), raisedBy: kind === 'silent' ? ('system' as const) : ('mentee' as const), status });
        const open = [alert(tandems[0]!.id, 'silent', 1), alert(tandems[1]!.id, 'help_requested', 3), alert(tandems[0]!.id, 'not_a_good_fit', 2)];
        await subject.put([
          ...tandems.map(tandemItem),
          ...open.map(tandemAlertItem),
          tandemAlertItem(alert(tandems[2]!.id, 'silent', 5, 'resolved')),
          tandemAlertItem(alert(randomUUID(), 'silent', 4)),
        ]);
        const line = (a: (typeof open)[number], t: Tandem) => ({ ...a, menteeId: t.menteeId, mentorId: t.mentorId });

        expect(await reads.openAlerts(10)).toEqual([line(open[1]!, tandems[1]!), line(open[2]!, tandems[0]!), line(open[0]!, tandems[0]!)]);
        expect((await reads.openAlerts(2)).map((a) => a.kind)).toEqual(['help_requested']);
        expect(await reads.openAlerts(1)).toEqual([]);
      });
    });

    describe('pendingProposals', () => {
      it('lists exactly the pending proposals, oldest first, with their dates', async () => {
        const mentee = menteeProfile();
        const pending = [2, 0, 1].map((i) => proposalOf(mentee.id, randomUUID(), { createdAt: at(i), ...(i === 1 ? { remindedAt: at(100) } : {}) }));
        const decided = proposalOf(randomUUID(), randomUUID(), { createdAt: at(3), decision: 'accept', decidedAt: at(4) });
        const over = (['accepted', 'declined', 'expired', 'withdrawn', 'capacity_gone'] as const).map((status) => proposalOf(mentee.id, randomUUID(), { status }));
        await subject.put([personItem(mentee), ...[...pending, decided, ...over].map((p) => proposalItem(p, { taskToken: 't', remindAt: at(50) }))]);
        const { items } = await allPages((cursor) => reads.pendingProposals({ cursor, limit: 2 }));
        const line = (p: Proposal) => ({ menteeId: p.menteeId, mentorId: p.mentorId, createdAt: p.createdAt, expiresAt: p.expiresAt, ...(p.remindedAt ? { remindedAt: p.remindedAt } : {}) });
        expect(items).toEqual([pending[1]!, pending[2]!, pending[0]!, decided].map(line));
      });
    });

    describe('partner lists', () => {
      it("lists a partner's verified mentees newest first, without contact details, never another partner's", async () => {
        const ofA = Array.from({ length: 3 }, (_, i) => menteeProfile({ partnerId: 'partner-a', createdAt: at(i), status: i === 0 ? 'in_tandem' : 'awaiting_match' }));
        const ofB = menteeProfile({ partnerId: 'partner-b' });
        const unverified = menteeProfile({ partnerId: 'partner-a', status: 'pending_verification', createdAt: at(9) });
        await subject.put([...ofA, ofB, unverified, menteeProfile()].map((m) => personItem(m)));
        const { items } = await allPages((cursor) => reads.partnerMentees('partner-a', { cursor, limit: 2 }));
        expect(items).toEqual(
          [...ofA].reverse().map((m) => ({ id: m.id, firstName: m.firstName, lastName: m.lastName, status: m.status, track: m.track, createdAt: m.createdAt, verifiedAt: m.verifiedAt })),
        );
        expect(JSON.stringify(items)).not.toMatch(/@|phone|project|restaurant/i);
        expect((await reads.partnerMentees('partner-b', { limit: 10 })).items.map((m) => m.id)).toEqual([ofB.id]);
        const { nextCursor } = await reads.partnerMentees('partner-a', { limit: 1 });
        await expect(reads.partnerMentees('partner-b', { cursor: nextCursor, limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it("lists a partner's tandems newest first, with the people's ids", async () => {
        const ofA = [0, 1].map((i) => tandemOf(randomUUID(), randomUUID(), { partnerId: 'partner-a', startedAt: at(i) }));
        await subject.put([...ofA, tandemOf(randomUUID(), randomUUID(), { partnerId: 'partner-b' }), tandemOf(randomUUID(), randomUUID())].map(tandemItem));
        const page = await reads.partnerTandems('partner-a', { limit: 10 });
        expect(page).toEqual({
          items: [...ofA].reverse().map((t) => ({ id: t.id, status: t.status, track: t.track, startedAt: t.startedAt, menteeId: t.menteeId, mentorId: t.mentorId })),
        });
      });
    });
  });
}
