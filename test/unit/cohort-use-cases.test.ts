/**
 * Cohort matching on the in-memory adapters (one memory table: matching store and cohort store):
 * a partner's draft, edits solved again with every edit kept (pinned pairs kept, forbidden pairs
 * never used, swap, remove/restore), versions, and the publication — once, through the CCI's
 * chosen-mentor attempt, each pair's outcome recorded, and a crashed publication finished by a
 * retry without proposing twice.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryCohortStore } from '../../shared/adapters/memory/cohort-store';
import { randomUUID } from 'node:crypto';
import { cohortDraftItem, personItem } from '../../shared/db/items';
import type { CohortDraftView } from '../../shared/domain/back-office-schemas';
import { cohortDraftSchema } from '../../shared/domain/back-office-schemas';
import { COHORT_MAX_FORBIDDEN, COHORT_MAX_MENTEES } from '../../shared/domain/cohort';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../shared/domain/errors';
import type { MenteeProfile, MentorProfile, Partner } from '../../shared/domain/people';
import type { CohortStore } from '../../shared/ports/cohort-store';
import type { MatchingStore } from '../../shared/ports/matching-store';
import type { CohortDeps } from '../../shared/use-cases/admin/cohort-common';
import { makeCreateCohortDraft } from '../../shared/use-cases/admin/create-cohort-draft';
import { makeGetCohortDraft } from '../../shared/use-cases/admin/get-cohort-draft';
import { makeListCohortDrafts } from '../../shared/use-cases/admin/list-cohort-drafts';
import { makePublishCohortDraft } from '../../shared/use-cases/admin/publish-cohort-draft';
import { makeReviseCohortDraft } from '../../shared/use-cases/admin/revise-cohort-draft';
import { makeMatchingHub, SECOND, type MatchingHub } from '../helpers/matching-hub';

let hub: MatchingHub;
let cohorts: CohortStore;
let partner: Partner;
let deps: CohortDeps<MatchingStore>;

const use = (overrides: Partial<CohortDeps<MatchingStore>> & { leaseSeconds?: number } = {}) => {
  const d = { ...deps, ...overrides };
  return {
    create: makeCreateCohortDraft(d),
    revise: makeReviseCohortDraft(d),
    publish: makePublishCohortDraft(d),
    get: makeGetCohortDraft(d),
    list: makeListCohortDrafts(d),
  };
};

beforeEach(() => {
  hub = makeMatchingHub();
  cohorts = memoryCohortStore(hub.table);
  partner = hub.seedPartner({ name: 'Work’Up Massilia' });
  deps = { store: hub.store, cohorts, clock: hub.clock };
});

/** A referred mentee waiting with no workflow running (`unmatched`). */
const waiting = (name: string, overrides: Partial<MenteeProfile> = {}) => hub.seedMentee({ firstName: name, status: 'unmatched', partnerId: partner.id, ...overrides });
const mentor = (name: string, overrides: Partial<MentorProfile> = {}) => hub.seedMentor({ firstName: name, capacity: 1, ...overrides });

const pairsOf = (d: CohortDraftView) => Object.fromEntries(d.pairs.map((p) => [p.mentee.id, p.mentor.id]));
const pinnedOf = (d: CohortDraftView) => d.pairs.filter((p) => p.pinned).map((p) => p.mentee.id).sort();
const rejection = async (p: Promise<unknown>) => p.then(() => 'resolved' as const, (e: unknown) => e);

describe('creating a draft', () => {
  it("assigns the partner's waiting mentees to the available mentors, with names, scores, reasons and who is left out", async () => {
    const [m1, m2, m3] = [waiting('Inès'), waiting('Lucas'), waiting('Léa')];
    const [x, y] = [mentor('Camille'), mentor('Marc')];
    hub.seedMentee({ status: 'in_tandem', partnerId: partner.id }); // not waiting
    hub.seedMentee({ status: 'unmatched', partnerId: hub.seedPartner().id }); // another partner's
    mentor('Full', { capacity: 1, activeMentees: 1 }); // no free place

    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });

    expect(cohortDraftSchema.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({ partnerId: partner.id, partnerName: 'Work’Up Massilia', status: 'draft', version: 1, menteesConsidered: 3, mentorsConsidered: 2, matched: 2 });
    expect(new Set(Object.values(pairsOf(draft)))).toEqual(new Set([x.id, y.id]));
    expect(draft.pairs.every((p) => p.score > 0 && p.reasons.length > 0 && !p.pinned)).toBe(true);
    expect(draft.pairs.find((p) => p.mentor.id === x.id)!.mentor).toEqual({ id: x.id, firstName: 'Camille', lastName: x.lastName });
    expect(draft.unassigned).toHaveLength(1);
    expect(draft.unassigned[0]).toMatchObject({ reason: 'lost_to_better_assignment', compatibleMentors: 2 });
    expect([m1.id, m2.id, m3.id]).toContain(draft.unassigned[0]!.mentee.id);
    expect(draft.totalScore).toBeCloseTo(draft.pairs.reduce((s, p) => s + p.score, 0), 4);
    expect(await use().get(draft.id)).toEqual(draft);
    expect((await use().list({ partnerId: partner.id })).items).toEqual([
      { id: draft.id, partnerId: partner.id, partnerName: partner.name, status: 'draft', version: 1, matched: 2, updatedAt: draft.updatedAt },
    ]);
    expect((await use().list({ partnerId: 'someone-else' })).items).toEqual([]);
  });

  it('answers 404 for an unknown or inactive partner, and for an unknown draft', async () => {
    const inactive = hub.seedPartner({ status: 'inactive' });
    await expect(use().create({ partnerId: 'nobody', locale: 'fr' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(use().create({ partnerId: inactive.id, locale: 'fr' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(use().get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps a dedicated pool to its own mentors', async () => {
    const pooled = hub.seedPartner({ dedicatedPool: true });
    const ines = waiting('Inès', { partnerId: pooled.id });
    const own = mentor('Own', { pools: [pooled.id] });
    const outsider = mentor('Other');
    const draft = await use().create({ partnerId: pooled.id, locale: 'fr' });
    expect(draft.mentorsConsidered).toBe(1);
    expect(draft.pairs.map((p) => p.mentor.id)).toEqual([own.id]);
    const pinned = await rejection(use().revise({ draftId: draft.id, version: 1, edits: [{ op: 'pin', menteeId: ines.id, mentorId: outsider.id }], locale: 'fr' }));
    expect(pinned).toMatchObject({ code: 'not_compatible', detail: { reason: 'outside_dedicated_pool' } });
  });

  it(`keeps a full cohort (${COHORT_MAX_MENTEES} mentees, longest names) far below the 400 KB item limit`, async () => {
    const long = (c: string) => c.repeat(80);
    for (let i = 0; i < COHORT_MAX_MENTEES; i++) waiting(long('é'), { lastName: long('è'), needs: ['funding', 'business_plan', 'marketing'] });
    for (let i = 0; i < COHORT_MAX_MENTEES / 2; i++) mentor(long('à'), { lastName: long('ù'), capacity: 2 });
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });
    expect(draft.matched).toBe(COHORT_MAX_MENTEES);
    const forbids = Array.from({ length: COHORT_MAX_FORBIDDEN }, () => ({ menteeId: draft.pairs[0]!.mentee.id, mentorId: randomUUID() }));
    const stored = await cohorts.get(draft.id);
    const bytes = Buffer.byteLength(JSON.stringify(cohortDraftItem({ ...stored!, edits: { ...stored!.edits, forbidden: forbids } })));
    expect(bytes).toBeLessThan(250 * 1024);
  });

  it(`refuses more than ${COHORT_MAX_MENTEES} waiting mentees with a 400 that says so`, async () => {
    for (let i = 0; i <= COHORT_MAX_MENTEES; i++) waiting(`P${i}`);
    const error = await rejection(use().create({ partnerId: partner.id, locale: 'fr' }));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).fields.partnerId).toContain(`${COHORT_MAX_MENTEES} au plus`);
  });
});

describe('revising a draft', () => {
  let m1: MenteeProfile, m2: MenteeProfile, m3: MenteeProfile;
  let x: MentorProfile, y: MentorProfile, z: MentorProfile;
  beforeEach(() => {
    [m1, m2, m3] = [waiting('Inès'), waiting('Lucas'), waiting('Léa')];
    [x, y, z] = [mentor('Camille'), mentor('Marc'), mentor('Zoé')];
  });

  it('keeps a pinned pair across later re-solves, and never uses a forbidden pair', async () => {
    const v1 = await use().create({ partnerId: partner.id, locale: 'fr' });
    const other = [x, y, z].find((m) => m.id !== pairsOf(v1)[m1.id])!;
    const v2 = await use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'pin', menteeId: m1.id, mentorId: other.id }], locale: 'fr' });
    expect(v2.version).toBe(2);
    expect(pairsOf(v2)[m1.id]).toBe(other.id);
    expect(pinnedOf(v2)).toEqual([m1.id]);

    const forbidden = pairsOf(v2)[m2.id]!;
    const v3 = await use().revise({ draftId: v1.id, version: 2, edits: [{ op: 'forbid', menteeId: m2.id, mentorId: forbidden }], locale: 'fr' });
    expect(pairsOf(v3)[m1.id]).toBe(other.id);
    expect(pairsOf(v3)[m2.id]).not.toBe(forbidden);
    expect(v3.edits).toEqual({ pinned: [{ menteeId: m1.id, mentorId: other.id }], forbidden: [{ menteeId: m2.id, mentorId: forbidden }], removed: [] });

    // Still there after yet another revision about someone else.
    const v4 = await use().revise({ draftId: v1.id, version: 3, edits: [{ op: 'remove', menteeId: m3.id }], locale: 'fr' });
    expect(pairsOf(v4)[m1.id]).toBe(other.id);
    expect(pairsOf(v4)[m2.id]).not.toBe(forbidden);
    expect(await use().get(v1.id)).toEqual(v4);
  });

  it('swaps the mentors of two mentees and pins both', async () => {
    const v1 = await use().create({ partnerId: partner.id, locale: 'fr' });
    const before = pairsOf(v1);
    const v2 = await use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'swap', menteeId: m1.id, otherMenteeId: m2.id }], locale: 'fr' });
    expect(pairsOf(v2)[m1.id]).toBe(before[m2.id]);
    expect(pairsOf(v2)[m2.id]).toBe(before[m1.id]);
    expect(pinnedOf(v2)).toEqual([m1.id, m2.id].sort());
  });

  it('removes a mentee from the cohort (shown as removed) and restores it', async () => {
    const v1 = await use().create({ partnerId: partner.id, locale: 'fr' });
    const v2 = await use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'remove', menteeId: m1.id }], locale: 'fr' });
    expect(pairsOf(v2)[m1.id]).toBeUndefined();
    expect(v2.unassigned.find((u) => u.mentee.id === m1.id)).toMatchObject({ reason: 'removed', mentee: { firstName: 'Inès' } });
    expect(v2.matched).toBe(2);
    const v3 = await use().revise({ draftId: v1.id, version: 2, edits: [{ op: 'restore', menteeId: m1.id }], locale: 'fr' });
    expect(pairsOf(v3)[m1.id]).toBeDefined();
    expect(v3.edits.removed).toEqual([]);
  });

  it('refuses a stale version, and any revision once published', async () => {
    const v1 = await use().create({ partnerId: partner.id, locale: 'fr' });
    await use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'remove', menteeId: m3.id }], locale: 'fr' });
    const stale = await rejection(use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'remove', menteeId: m2.id }], locale: 'fr' }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale).toMatchObject({ code: 'stale_version' });
    expect((await use().get(v1.id)).version).toBe(2);

    await use().publish({ draftId: v1.id, version: 2 });
    const late = await rejection(use().revise({ draftId: v1.id, version: 2, edits: [{ op: 'remove', menteeId: m2.id }], locale: 'fr' }));
    expect(late).toMatchObject({ code: 'already_published' });
  });

  it('answers 400 naming the edit for a mentee outside the draft, and 409 not_compatible for a pin the engine refuses', async () => {
    const v1 = await use().create({ partnerId: partner.id, locale: 'fr' });
    const stranger = hub.seedMentee({ status: 'unmatched' });
    const outside = await rejection(
      use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'remove', menteeId: m3.id }, { op: 'pin', menteeId: stranger.id, mentorId: x.id }], locale: 'en' }),
    );
    expect(outside).toBeInstanceOf(ValidationFailedError);
    expect((outside as ValidationFailedError).fields).toEqual({ 'edits.1.menteeId': 'This person is not part of this draft.' });

    const jobSearchOnly = mentor('Paul', { tracks: ['job_search'] });
    const refused = await rejection(use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'pin', menteeId: m1.id, mentorId: jobSearchOnly.id }], locale: 'fr' }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ code: 'not_compatible', detail: { menteeId: m1.id, mentorId: jobSearchOnly.id, reason: 'track_not_offered' } });
    const unknown = await rejection(use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'pin', menteeId: m1.id, mentorId: m2.id }], locale: 'fr' }));
    expect(unknown).toMatchObject({ code: 'not_compatible', detail: { reason: 'mentor_not_active' } });
    const full = mentor('Full', { activeMentees: 1 });
    const noPlace = await rejection(use().revise({ draftId: v1.id, version: 1, edits: [{ op: 'pin', menteeId: m1.id, mentorId: full.id }], locale: 'fr' }));
    expect(noPlace).toMatchObject({ code: 'not_compatible', detail: { reason: 'no_capacity' } });
    // Two pins on a mentor with one place.
    const crowded = await rejection(
      use().revise({
        draftId: v1.id,
        version: 1,
        edits: [
          { op: 'pin', menteeId: m1.id, mentorId: x.id },
          { op: 'pin', menteeId: m2.id, mentorId: x.id },
        ],
        locale: 'fr',
      }),
    );
    expect(crowded).toMatchObject({ code: 'not_compatible', detail: { reason: 'no_capacity' } });
    expect((await use().get(v1.id)).version).toBe(1);
  });
});

describe('publishing a draft', () => {
  let m1: MenteeProfile, m2: MenteeProfile;
  beforeEach(() => {
    [m1, m2] = [waiting('Inès', { matchingAttempt: 1 }), waiting('Lucas', { matchingAttempt: 1 })];
    mentor('Camille');
    mentor('Marc');
  });
  const startJobs = () => hub.jobs().filter((j) => j.job.kind === 'start_matching');

  it("starts each pair's attempt with its mentor and records each outcome; a second publish is refused and sends nothing", async () => {
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });
    const published = await use().publish({ draftId: draft.id, version: 1 });

    expect(published.status).toBe('published');
    expect(published.publishedAt).toBe(hub.clock.now().toISOString());
    expect(published.publication).toEqual(expect.arrayContaining(draft.pairs.map((p) => ({ menteeId: p.mentee.id, mentorId: p.mentor.id, outcome: 'proposal_started' }))));
    expect(published.publication).toHaveLength(2);
    for (const p of draft.pairs) {
      const mentee = await hub.mentee(p.mentee.id);
      expect(mentee).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, preferredMentor: { attempt: 2, mentorId: p.mentor.id } });
    }
    expect(startJobs().map((j) => j.dedupKey).sort()).toEqual([`start_matching#${m1.id}#2`, `start_matching#${m2.id}#2`].sort());
    expect(await use().get(draft.id)).toEqual(published);
    expect((await use().list({})).items[0]).toMatchObject({ id: draft.id, status: 'published' });

    const again = await rejection(use().publish({ draftId: draft.id, version: 1 }));
    expect(again).toMatchObject({ code: 'already_published' });
    expect(startJobs()).toHaveLength(2);
  });

  it('lets one of two concurrent publishes win; the other is refused and nothing is sent twice', async () => {
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });
    const results = await Promise.allSettled([use().publish({ draftId: draft.id, version: 1 }), use().publish({ draftId: draft.id, version: 1 })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(refused.reason).toMatchObject({ code: 'already_published' });
    expect(startJobs()).toHaveLength(2);
  });

  it('refuses a stale version and an unknown draft', async () => {
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });
    await use().revise({ draftId: draft.id, version: 1, edits: [{ op: 'remove', menteeId: m2.id }], locale: 'fr' });
    expect(await rejection(use().publish({ draftId: draft.id, version: 1 }))).toMatchObject({ code: 'stale_version' });
    await expect(use().publish({ draftId: '00000000-0000-4000-8000-000000000000', version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(startJobs()).toEqual([]);
  });

  it('records not_waiting for a mentee matched meanwhile, and not_compatible for a mentor who became unavailable', async () => {
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });
    const p1 = draft.pairs.find((p) => p.mentee.id === m1.id);
    const p2 = draft.pairs.find((p) => p.mentee.id === m2.id);
    hub.table.put(personItem({ ...(await hub.mentee(m1.id)), status: 'in_tandem' }));
    const paused = await hub.mentor(p2!.mentor.id);
    hub.table.put(personItem({ ...paused, activeMentees: paused.capacity }));

    const published = await use().publish({ draftId: draft.id, version: 1 });
    const byMentee = (a: { menteeId: string }, b: { menteeId: string }) => (a.menteeId < b.menteeId ? -1 : 1);
    expect([...published.publication!].sort(byMentee)).toEqual(
      [
        { menteeId: p1!.mentee.id, mentorId: p1!.mentor.id, outcome: 'not_waiting' },
        { menteeId: p2!.mentee.id, mentorId: p2!.mentor.id, outcome: 'not_compatible' },
      ].sort(byMentee),
    );
    expect(startJobs()).toEqual([]);
  });

  it('finishes a publication that crashed midway on retry, once its lease lapsed, without proposing a started pair again', async () => {
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });
    // The run crashes on the second mentee's attempt, after the first one's started.
    const [first, second] = draft.pairs.map((p) => p.mentee.id).sort();
    let crash = true;
    const flaky: MatchingStore = {
      ...hub.store,
      startAttempt: async (input) => {
        if (crash && input.menteeId === second) throw new Error('Lambda timed out');
        return hub.store.startAttempt(input);
      },
    };
    const crashed = await rejection(use({ store: flaky, leaseSeconds: 30 }).publish({ draftId: draft.id, version: 1 }));
    expect(crashed).toBeInstanceOf(Error);
    expect(await hub.mentee(first!)).toMatchObject({ matchingAttempt: 2 });
    expect((await use().get(draft.id)).status).toBe('published');

    // While the lease holds, a retry is told the publication is under way.
    crash = false;
    const early = await rejection(use({ store: flaky, leaseSeconds: 30 }).publish({ draftId: draft.id, version: 1 }));
    expect(early).toMatchObject({ code: 'already_published', detail: { phase: 'publishing' } });

    hub.advance(31 * SECOND);
    const finished = await use({ store: flaky, leaseSeconds: 30 }).publish({ draftId: draft.id, version: 1 });
    expect(finished.publication!.map((o) => o.outcome)).toEqual(['proposal_started', 'proposal_started']);
    expect(await hub.mentee(first!)).toMatchObject({ matchingAttempt: 2 });
    expect(await hub.mentee(second!)).toMatchObject({ matchingAttempt: 2 });
    expect(startJobs().map((j) => j.dedupKey).sort()).toEqual([`start_matching#${first}#2`, `start_matching#${second}#2`].sort());

    expect(await rejection(use().publish({ draftId: draft.id, version: 1 }))).toMatchObject({ code: 'already_published' });
  });
});

describe('a pair proposed before', () => {
  it('is never paired again, nor pinned, even when the earlier proposal was withdrawn (a proposal is one per pair, ever)', async () => {
    // Arrange: Inès's earlier proposal to Camille, the only mentor, was withdrawn by the CCI
    const ines = waiting('Inès');
    const camille = mentor('Camille');
    hub.seedProposal({ menteeId: ines.id, mentorId: camille.id, status: 'withdrawn' });

    // Act
    const draft = await use().create({ partnerId: partner.id, locale: 'fr' });

    // Assert: Inès is left out rather than paired with Camille; pinning them is refused with the rule
    expect(draft.matched).toBe(0);
    expect(draft.unassigned.map((u) => u.mentee.id)).toEqual([ines.id]);
    const refused = await rejection(
      use().revise({ draftId: draft.id, version: 1, edits: [{ op: 'pin', menteeId: ines.id, mentorId: camille.id }], locale: 'fr' }),
    );
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).detail).toMatchObject({ menteeId: ines.id, mentorId: camille.id, reason: 'declined_before' });
  });
});
