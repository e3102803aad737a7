/**
 * What every MentorAdminStore promises (shared/ports/mentor-admin.ts), run against each adapter:
 * the mentor list read from the status index oldest first, filtered while paging with a cursor
 * that resumes right after the last mentor returned and refuses cursors it did not give; a
 * mentor's change written whole (profile, status index, availability entries, jobs) or not at all
 * when the profile is no longer as read; partners created once, renamed and deactivated in their
 * name index.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { availabilityItems, JOB_ITEM_SECONDS, outboxItem, partnerItem, personItem, type Item } from '../../shared/db/items';
import { departementBucket, keys, remoteBucket, type Key } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { InvalidCursorError } from '../../shared/domain/errors';
import type { MentorProfile, MentorStatus, Partner } from '../../shared/domain/people';
import type { RecordedJob } from '../../shared/ports/matching-store';
import { MAX_EXAMINED_PER_REQUEST, type MentorAdminStore } from '../../shared/ports/mentor-admin';
import { expectOneWinner, later, newPerson, race, T0 } from './support';

export interface MentorAdminSubject {
  store: MentorAdminStore;
  /** Writes items as they are (the seed of a test). */
  put(items: Item[]): Promise<void>;
  readItem(key: Key): Promise<Item | undefined>;
  cleanup(): Promise<void>;
}

const { GSI1 } = TABLE.indexes;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** A confirmed mentor of the fixture (Marseille 13, business_creation and job_search, in person and remote, 2 places), created `minutes` after T0. */
export const mentorAt = (minutes: number, overrides: Partial<MentorProfile> = {}): MentorProfile => ({
  ...(newPerson({ role: 'mentor' }).person as MentorProfile),
  status: 'pending_validation',
  createdAt: later(minutes * 60).toISOString(),
  verifiedAt: later(minutes * 60 + 30).toISOString(),
  ...overrides,
});
export const partnerNamed = (name: string, overrides: Partial<Partner> = {}): Partner => ({
  id: randomUUID(),
  name,
  kind: 'association',
  status: 'active',
  dedicatedPool: false,
  createdAt: T0.toISOString(),
  ...overrides,
});
const capacityJob = (mentorId: string, now = T0): RecordedJob => ({
  job: { id: randomUUID(), kind: 'capacity_appeared', locale: 'fr', recordedAt: now.toISOString(), mentorId },
  dedupKey: `capacity_appeared#${mentorId}#${now.toISOString()}`,
});
const validatedMail = (mentorId: string, now = T0): RecordedJob => ({
  job: { id: randomUUID(), kind: 'mail', locale: 'fr', recordedAt: now.toISOString(), template: 'mentor_validated', to: { role: 'mentor', personId: mentorId } },
  dedupKey: `mentor_validated#${mentorId}`,
});

export function mentorAdminContract(name: string, makeSubject: () => Promise<MentorAdminSubject>) {
  describe(`MentorAdminStore contract: ${name}`, () => {
    let subject: MentorAdminSubject;
    let store: MentorAdminStore;
    beforeEach(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const seed = async (...mentors: MentorProfile[]) => {
      await subject.put(mentors.flatMap((m) => [personItem(m), ...availabilityItems(m)]));
      return mentors;
    };
    const entries = (mentor: MentorProfile, tracks = ['business_creation', 'job_search']) =>
      Promise.all(tracks.flatMap((track) => [departementBucket('13'), remoteBucket(mentor.id)].map((bucket) => subject.readItem(keys.availability(track, bucket, mentor.id)))));
    const expectJob = async (recorded: RecordedJob, now = T0) =>
      expect(await subject.readItem(keys.outbox(recorded.job.kind, recorded.dedupKey))).toEqual(outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
    const ids = (mentors: readonly MentorProfile[]) => mentors.map((m) => m.id);
    /** Every page of a list, with the size of each. */
    const allPages = async (status: MentorStatus, limit: number, matches?: (m: MentorProfile) => boolean) => {
      const pages: MentorProfile[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listMentors({ status, limit, cursor, matches });
        pages.push(page.mentors);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 20);
      return pages;
    };

    describe('reads', () => {
      it('gets a mentor by id, and nothing for an unknown id', async () => {
        const [mentor] = await seed(mentorAt(1));
        expect(await store.getMentor(mentor!.id)).toEqual(mentor);
        expect(await store.getMentor(randomUUID())).toBeUndefined();
      });

      it('lists the mentors of one status, oldest first, a page at a time, each cursor resuming right after the last mentor returned', async () => {
        const waiting = await seed(mentorAt(3), mentorAt(1), mentorAt(5), mentorAt(2), mentorAt(4));
        await seed(mentorAt(0, { status: 'active' }));
        const oldestFirst = [...waiting].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        const pages = await allPages('pending_validation', 2);
        expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
        expect(ids(pages.flat())).toEqual(ids(oldestFirst));
        expect(await store.listMentors({ status: 'pending_validation', limit: 5 })).toEqual({ mentors: oldestFirst });
      });

      it('filters while paging: each page holds up to `limit` matching mentors, none skipped, none twice', async () => {
        const mentors = await seed(...Array.from({ length: 9 }, (_, i) => mentorAt(i, { status: 'active', capacity: i % 3 === 0 ? 3 : 1 })));
        const roomy = (m: MentorProfile) => m.capacity === 3;
        const pages = await allPages('active', 2, roomy);
        expect(pages.map((p) => p.length)).toEqual([2, 1]);
        expect(ids(pages.flat())).toEqual(ids(mentors.filter(roomy)));
        // Nothing matches: one empty page, no cursor.
        expect(await store.listMentors({ status: 'active', limit: 2, matches: () => false })).toEqual({ mentors: [] });
      });

      it('examines at most MAX_EXAMINED_PER_REQUEST mentors per filtered request: a shorter page with a cursor, then the rest', async () => {
        // Arrange: one more active mentor than a request examines; only the last one matches the filter
        const many = Array.from({ length: MAX_EXAMINED_PER_REQUEST + 1 }, (_, i) => mentorAt(i, { status: 'active', capacity: i === MAX_EXAMINED_PER_REQUEST ? 5 : 1 }));
        await subject.put(many.map((m) => personItem(m)));
        const roomy = (m: MentorProfile) => m.capacity === 5;

        // Act
        const first = await store.listMentors({ status: 'active', limit: 25, matches: roomy });
        const second = await store.listMentors({ status: 'active', limit: 25, matches: roomy, cursor: first.nextCursor });

        // Assert
        expect(first.mentors).toEqual([]);
        expect(first.nextCursor).toBeDefined();
        expect(second).toEqual({ mentors: [many[MAX_EXAMINED_PER_REQUEST]] });
      }, 60_000);

      it('refuses a cursor it did not give, or one of another status, with InvalidCursorError', async () => {
        await seed(mentorAt(1, { status: 'active' }), mentorAt(2, { status: 'active' }));
        const { nextCursor } = await store.listMentors({ status: 'active', limit: 1 });
        expect(nextCursor).toBeDefined();
        await expect(store.listMentors({ status: 'paused', limit: 1, cursor: nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.listMentors({ status: 'active', limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
        const key = JSON.parse(Buffer.from(nextCursor!, 'base64url').toString('utf8')) as Record<string, string>;
        const forged = Buffer.from(JSON.stringify({ ...key, PK: `MENTOR#${randomUUID()}` })).toString('base64url');
        await expect(store.listMentors({ status: 'active', limit: 1, cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('saveMentor', () => {
      it('validates: the status and its index move, the availability entries and the jobs are written with it', async () => {
        const [mentor] = await seed(mentorAt(1));
        expect(await entries(mentor!)).toEqual([undefined, undefined, undefined, undefined]);
        const after: MentorProfile = { ...mentor!, status: 'active' };
        const jobs = [capacityJob(mentor!.id), validatedMail(mentor!.id)];
        expect(await store.saveMentor({ before: mentor!, after, now: T0, jobs })).toBe('saved');
        expect(await store.getMentor(mentor!.id)).toEqual(after);
        const stored = await subject.readItem(keys.person('mentor', mentor!.id));
        expect(stored).toMatchObject(keys.personStatusIndex('mentor', mentor!.id, 'active', mentor!.createdAt));
        expect(await entries(mentor!)).toEqual(availabilityItems(after));
        for (const job of jobs) await expectJob(job);
        expect(ids((await store.listMentors({ status: 'active', limit: 5 })).mentors)).toEqual([mentor!.id]);
        expect((await store.listMentors({ status: 'pending_validation', limit: 5 })).mentors).toEqual([]);
      });

      it('pauses: every availability entry goes', async () => {
        const [mentor] = await seed(mentorAt(1, { status: 'active' }));
        expect((await entries(mentor!)).filter(Boolean)).toHaveLength(4);
        expect(await store.saveMentor({ before: mentor!, after: { ...mentor!, status: 'paused' }, now: T0, jobs: [] })).toBe('saved');
        expect(await entries(mentor!)).toEqual([undefined, undefined, undefined, undefined]);
      });

      it('edits an active mentor: entries of a dropped track removed, the others rewritten with the new profile; a cleared text removed', async () => {
        const [mentor] = await seed(mentorAt(1, { status: 'active' }));
        const after: MentorProfile = { ...mentor!, tracks: ['business_creation'], capacity: 4, meetingModes: ['in_person'] };
        delete after.company;
        expect(await store.saveMentor({ before: mentor!, after, now: T0, jobs: [] })).toBe('saved');
        expect(await entries(mentor!)).toEqual([availabilityItems(after)[0], undefined, undefined, undefined]);
        expect(availabilityItems(after)).toHaveLength(1);
        const stored = await store.getMentor(mentor!.id);
        expect(stored).toEqual(after);
        expect(stored).not.toHaveProperty('company');
      });

      it('writes nothing when the profile is no longer as read (another change came first)', async () => {
        const [mentor] = await seed(mentorAt(1));
        const meanwhile = { ...mentor!, activeMentees: 1 };
        await subject.put([personItem(meanwhile)]);
        const jobs = [capacityJob(mentor!.id)];
        expect(await store.saveMentor({ before: mentor!, after: { ...mentor!, status: 'active' }, now: T0, jobs })).toBe('changed');
        expect(await store.getMentor(mentor!.id)).toEqual(meanwhile);
        expect(await entries(mentor!)).toEqual([undefined, undefined, undefined, undefined]);
        expect(await subject.readItem(keys.outbox('capacity_appeared', jobs[0]!.dedupKey))).toBeUndefined();
      });

      it('two changes made from the same read (two officers): one is written whole, the other refused whole', async () => {
        const [mentor] = await seed(mentorAt(1));
        const validate = { before: mentor!, after: { ...mentor!, status: 'active' as const }, now: T0, jobs: [capacityJob(mentor!.id), validatedMail(mentor!.id)] };
        const refuse = { before: mentor!, after: { ...mentor!, status: 'inactive' as const }, now: T0, jobs: [] };
        const outcomes = await race([store.saveMentor(validate), store.saveMentor(refuse)]);
        expectOneWinner(outcomes, 'saved', 'changed');
        const status = (await store.getMentor(mentor!.id))!.status;
        const validated = status === 'active';
        expect(outcomes[validated ? 0 : 1]).toBe('saved');
        expect((await entries(mentor!)).filter(Boolean)).toHaveLength(validated ? 4 : 0);
        for (const job of validate.jobs) expect(Boolean(await subject.readItem(keys.outbox(job.job.kind, job.dedupKey)))).toBe(validated);
      });

      it('writes nothing when an attribute only the new version has was set meanwhile, or the mentor is gone', async () => {
        const [mentor] = await seed(mentorAt(1));
        await subject.put([personItem({ ...mentor!, status: 'inactive', refusal: { reason: 'other officer', at: T0.toISOString() } } as MentorProfile)]);
        const refused = { ...mentor!, status: 'inactive', refusal: { reason: 'mine', at: T0.toISOString() } } as MentorProfile;
        expect(await store.saveMentor({ before: mentor!, after: refused, now: T0, jobs: [] })).toBe('changed');
        const ghost = mentorAt(2);
        expect(await store.saveMentor({ before: ghost, after: { ...ghost, status: 'active' }, now: T0, jobs: [] })).toBe('changed');
        expect(await store.getMentor(ghost.id)).toBeUndefined();
      });
    });

    describe('partners', () => {
      it('creates a partner once, listed by name in its status', async () => {
        const b = partnerNamed('Bâtisseurs');
        const a = partnerNamed('atelier Sud');
        expect(await store.createPartner(b)).toBe('created');
        expect(await store.createPartner(a)).toBe('created');
        expect(await store.createPartner({ ...b, name: 'Other' })).toBe('exists');
        expect(await store.getPartner(b.id)).toEqual(b);
        expect(await store.listPartners('active')).toEqual([a, b]);
        expect(await store.listPartners('inactive')).toEqual([]);
      });

      it('renames and deactivates: the name index follows, the contact address removed with null', async () => {
        const p = partnerNamed('Zèbre', { contactEmail: 'contact@zebre.example' });
        const other = partnerNamed('Mistral');
        await subject.put([partnerItem(p), partnerItem(other)]);
        const renamed: Partner = { ...p, name: 'Abeille' };
        delete renamed.contactEmail;
        expect(await store.savePartner({ before: p, after: renamed })).toBe('saved');
        expect(await store.listPartners('active')).toEqual([renamed, other]);
        expect((await subject.readItem(keys.partner(p.id)))?.[GSI1.sortKey]).toBe(`abeille#${p.id}`);
        const inactive: Partner = { ...renamed, status: 'inactive' };
        expect(await store.savePartner({ before: renamed, after: inactive })).toBe('saved');
        expect(await store.listPartners('active')).toEqual([other]);
        expect(await store.listPartners('inactive')).toEqual([inactive]);
      });

      it('writes nothing over a partner changed meanwhile', async () => {
        const p = partnerNamed('Cigale');
        await subject.put([partnerItem({ ...p, kind: 'school' })]);
        expect(await store.savePartner({ before: p, after: { ...p, name: 'Fourmi' } })).toBe('changed');
        expect(await store.getPartner(p.id)).toEqual({ ...p, kind: 'school' });
      });
    });
  });
}
