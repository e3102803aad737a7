/**
 * What every CohortStore promises (shared/ports/cohort-store.ts): the partner's waiting mentees
 * and the active mentors from the indexes; drafts read back as written; a revision saved only on
 * the version read, never once published; a publication started once (of two racing starts, one
 * wins), held by a lease that only its holder may write under, and taken over once the lease has
 * lapsed with the outcomes recorded so far kept. Each subject starts empty.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { partnerItem, personItem, type Item } from '../../shared/db/items';
import type { CohortDraft } from '../../shared/domain/cohort';
import type { CohortStore } from '../../shared/ports/cohort-store';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';
import { T0, later, race } from './support';

export interface CohortStoreSubject {
  cohorts: CohortStore;
  put(items: Item[]): Promise<void>;
  cleanup(): Promise<void>;
}

const at = (seconds: number) => later(seconds).toISOString();

export function cohortDraft(overrides: Partial<CohortDraft> = {}): CohortDraft {
  const menteeId = randomUUID();
  const mentorId = randomUUID();
  return {
    id: randomUUID(),
    partnerId: 'p-workup',
    partnerName: 'Work’Up Massilia',
    status: 'draft',
    version: 1,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    edits: { pinned: [], forbidden: [], removed: [] },
    solution: {
      menteesConsidered: 1,
      mentorsConsidered: 1,
      matched: 1,
      totalScore: 0.75,
      pairs: [{ menteeId, mentorId, score: 0.75, pinned: false, reasons: [0] }],
      unassigned: [],
      texts: [{ code: 'same_sector', fr: 'Même secteur\u00a0: commerce', en: 'Same sector: trade' }],
      names: { [menteeId]: ['Inès', 'Haddad'], [mentorId]: ['Camille', 'Durand'] },
    },
    ...overrides,
  };
}

export function cohortStoreContract(name: string, makeSubject: () => Promise<CohortStoreSubject>) {
  describe(`CohortStore contract: ${name}`, () => {
    let subject: CohortStoreSubject;
    let cohorts: CohortStore;
    beforeEach(async () => {
      subject = await makeSubject();
      cohorts = subject.cohorts;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it("reads a partner's mentees in the given statuses, and the active mentors with their whole profiles", async () => {
      const partnerId = `p-${randomUUID().slice(0, 8)}`;
      const waiting = menteeProfile({ status: 'unmatched', partnerId });
      const running = menteeProfile({ status: 'awaiting_match', partnerId });
      const matched = menteeProfile({ status: 'in_tandem', partnerId });
      const elsewhere = menteeProfile({ status: 'unmatched', partnerId: 'another' });
      const active = mentorProfile({ pools: [partnerId] });
      const paused = mentorProfile({ status: 'paused' });
      await subject.put([...[waiting, running, matched, elsewhere, active, paused].map((p) => personItem(p)), partnerItem({ id: partnerId, name: 'W', kind: 'association', status: 'active', dedicatedPool: true, createdAt: T0.toISOString() })]);

      expect((await cohorts.menteesOfPartner(partnerId, ['awaiting_match', 'unmatched'])).sort()).toEqual([waiting.id, running.id].sort());
      expect(await cohorts.menteesOfPartner(partnerId, ['in_tandem'])).toEqual([matched.id]);
      expect(await cohorts.activeMentors()).toEqual([active]);
    });

    it('stores a draft and lists it newest first, per partner or all', async () => {
      const first = cohortDraft({ createdAt: at(1), updatedAt: at(1) });
      const second = cohortDraft({ createdAt: at(2), updatedAt: at(2), partnerId: 'p-other', partnerName: 'Autre' });
      await cohorts.create(first);
      await cohorts.create(second);
      expect(await cohorts.get(first.id)).toEqual(first);
      expect(await cohorts.get(randomUUID())).toBeUndefined();
      expect((await cohorts.list({ limit: 10 })).map((l) => l.id)).toEqual([second.id, first.id]);
      expect(await cohorts.list({ partnerId: 'p-workup', limit: 10 })).toEqual([
        { id: first.id, partnerId: 'p-workup', partnerName: 'Work’Up Massilia', status: 'draft', version: 1, matched: 1, createdAt: at(1), updatedAt: at(1) },
      ]);
      expect(await cohorts.list({ limit: 1 })).toHaveLength(1);
      await expect(cohorts.create(first)).rejects.toThrow();
    });

    it('saves a revision on the version read only, and never once published', async () => {
      const draft = cohortDraft();
      await cohorts.create(draft);
      const v2 = { ...draft, version: 2, updatedAt: at(5), edits: { pinned: [], forbidden: [], removed: [draft.solution.pairs[0]!.menteeId] } };
      expect(await cohorts.saveRevision(v2, 1)).toBe('saved');
      expect(await cohorts.get(draft.id)).toEqual(v2);
      expect((await cohorts.list({ limit: 10 }))[0]).toMatchObject({ version: 2, updatedAt: at(5) });
      expect(await cohorts.saveRevision({ ...draft, version: 2 }, 1)).toBe('stale_version');
      expect(await cohorts.saveRevision(cohortDraft(), 1)).toBe('not_found');

      expect((await cohorts.beginPublication({ draftId: draft.id, version: 2, lease: 'a', leaseUntil: at(60), now: at(10) })).outcome).toBe('started');
      expect(await cohorts.saveRevision({ ...v2, version: 3 }, 2)).toBe('already_published');
      expect(await cohorts.get(draft.id)).toMatchObject({ version: 2, status: 'published' });
    });

    it('starts a publication once, at its version: of two racing starts one wins', async () => {
      const draft = cohortDraft();
      await cohorts.create(draft);
      expect(await cohorts.beginPublication({ draftId: draft.id, version: 2, lease: 'x', leaseUntil: at(60), now: at(10) })).toEqual({ outcome: 'stale_version' });
      expect(await cohorts.beginPublication({ draftId: randomUUID(), version: 1, lease: 'x', leaseUntil: at(60), now: at(10) })).toEqual({ outcome: 'not_found' });

      // A contended transaction may be refused as "retry" (ServiceUnavailableError): never a second start.
      const raced = await race(
        ['a', 'b', 'c'].map((lease) => cohorts.beginPublication({ draftId: draft.id, version: 1, lease, leaseUntil: at(60), now: at(10) }).then((r) => r.outcome)),
      );
      expect(raced.filter((o) => o === 'started')).toHaveLength(1);
      expect(raced.filter((o) => o !== 'started').every((o) => o === 'busy' || o === 'already_published' || o === 'retry')).toBe(true);

      const stored = await cohorts.get(draft.id);
      expect(stored).toMatchObject({ status: 'published', publishedAt: at(10), updatedAt: at(10), publication: { phase: 'publishing', leaseUntil: at(60), outcomes: [] } });
      expect((await cohorts.list({ limit: 10 }))[0]).toMatchObject({ status: 'published', updatedAt: at(10) });
      // While the winner's lease holds, another start is told it is busy.
      expect(await cohorts.beginPublication({ draftId: draft.id, version: 1, lease: 'd', leaseUntil: at(70), now: at(20) })).toEqual({ outcome: 'busy' });
    });

    it('lets only the lease holder record outcomes; a lapsed lease is taken over with its outcomes kept; done is final', async () => {
      const draft = cohortDraft();
      await cohorts.create(draft);
      await cohorts.beginPublication({ draftId: draft.id, version: 1, lease: 'first', leaseUntil: at(60), now: at(10) });
      const pair = draft.solution.pairs[0]!;
      const outcomes = [{ menteeId: pair.menteeId, mentorId: pair.mentorId, outcome: 'proposal_started' as const }];
      expect(await cohorts.recordOutcomes({ draftId: draft.id, lease: 'intruder', outcomes })).toBe('lease_lost');
      expect(await cohorts.recordOutcomes({ draftId: draft.id, lease: 'first', outcomes })).toBe('recorded');

      const resumed = await cohorts.beginPublication({ draftId: draft.id, version: 1, lease: 'second', leaseUntil: at(200), now: at(61) });
      expect(resumed.outcome).toBe('resumed');
      expect(resumed.outcome === 'resumed' && resumed.draft.publication).toEqual({ phase: 'publishing', lease: 'second', leaseUntil: at(200), outcomes });
      expect(await cohorts.finishPublication({ draftId: draft.id, lease: 'first', outcomes })).toBe('lease_lost');
      expect(await cohorts.finishPublication({ draftId: draft.id, lease: 'second', outcomes })).toBe('finished');
      expect((await cohorts.get(draft.id))!.publication).toMatchObject({ phase: 'done', outcomes });

      expect(await cohorts.beginPublication({ draftId: draft.id, version: 1, lease: 'third', leaseUntil: at(900), now: at(800) })).toEqual({ outcome: 'already_published' });
      expect(await cohorts.recordOutcomes({ draftId: draft.id, lease: 'second', outcomes: [] })).toBe('lease_lost');
    });
  });
}
