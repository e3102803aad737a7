/**
 * What every MatchingStore promises (shared/ports/matching-store.ts), run against each adapter:
 * the outcome of each method, all-or-nothing changes (a refused change leaves every item as it
 * was), jobs recorded with their change, the availability index kept with the mentor, and the
 * invariants held by the store under racing calls: a proposal decided once, never more tandems
 * than places, never a mentee in two tandems.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { availabilityItems, checkInRoundItem, JOB_ITEM_SECONDS, outboxItem, outcomeSurveyItem, partnerItem, personItem, silenceWatchItem, type Item } from '../../shared/db/items';
import { ALL_REMOTE_BUCKETS, departementBucket, keys, remoteBucket, type Key } from '../../shared/db/keys';
import { MatchingSupersededError } from '../../shared/domain/errors';
import { FOLLOW_UP_DEFAULTS, initialSchedule } from '../../shared/domain/follow-up';
import type { Decision, Proposal, Tandem } from '../../shared/domain/matching';
import type { MenteeProfile, MentorProfile, Partner } from '../../shared/domain/people';
import type { MatchingStore, RecordedJob } from '../../shared/ports/matching-store';
import { later, newPerson, race, T0 } from './support';

export interface MatchingStoreSubject {
  store: MatchingStore;
  /** Writes items as they are (the seed of a test). */
  put(items: Item[]): Promise<void>;
  /** The stored item under a key (the table's view). */
  readItem(key: Key): Promise<Item | undefined>;
  cleanup(): Promise<void>;
}

const TRACK = 'business_creation';
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const REMIND_AT = later(3 * 86400);

/** An active mentor of the fixture: Marseille (13), tracks business_creation and job_search, in person and remote, 2 places. */
export const activeMentor = (overrides: Partial<MentorProfile> = {}): MentorProfile => ({
  ...(newPerson({ role: 'mentor' }).person as MentorProfile),
  status: 'active',
  verifiedAt: T0.toISOString(),
  ...overrides,
});
/** A mentee of the fixture (Aix, 13, business_creation, in person) waiting for a match at attempt 1. */
export const waitingMentee = (overrides: Partial<MenteeProfile> = {}): MenteeProfile => ({
  ...(newPerson({ role: 'mentee' }).person as MenteeProfile),
  status: 'awaiting_match',
  verifiedAt: T0.toISOString(),
  matchingAttempt: 1,
  ...overrides,
});

export const proposalOf = (mentee: MenteeProfile, mentor: MentorProfile, overrides: Partial<Proposal> = {}): Proposal => ({
  menteeId: mentee.id,
  mentorId: mentor.id,
  attempt: mentee.matchingAttempt ?? 1,
  rank: 1,
  score: 0.8,
  reasons: [{ code: 'same_sector', params: { sector: 'I' }, text: { fr: 'Même secteur', en: 'Same sector' } }],
  status: 'pending',
  createdAt: T0.toISOString(),
  expiresAt: later(7 * 86400).toISOString(),
  ...overrides,
});

const jobBase = (now: Date) => ({ id: randomUUID(), locale: 'fr' as const, recordedAt: now.toISOString() });
export const proposalMail = (p: Pick<Proposal, 'menteeId' | 'mentorId'>, now = T0): RecordedJob => ({
  job: { ...jobBase(now), kind: 'mail', template: 'proposal', to: { role: 'mentor', personId: p.mentorId }, menteeId: p.menteeId, reminder: false },
  dedupKey: `${p.menteeId}#${p.mentorId}#proposal`,
});
export const reminderMail = (p: Pick<Proposal, 'menteeId' | 'mentorId'>, now: Date): RecordedJob => ({
  job: { ...jobBase(now), kind: 'mail', template: 'proposal', to: { role: 'mentor', personId: p.mentorId }, menteeId: p.menteeId, reminder: true },
  dedupKey: `${p.menteeId}#${p.mentorId}#reminder`,
});
export const delivery = (menteeId: string, mentorId: string, now = T0): RecordedJob => ({
  job: { ...jobBase(now), kind: 'deliver_decision', menteeId, mentorId },
  dedupKey: `${menteeId}#${mentorId}`,
});
export const introductions =
  (now = T0) =>
  (tandem: Tandem): RecordedJob[] =>
    (
      [
        { role: 'mentor', personId: tandem.mentorId },
        { role: 'mentee', personId: tandem.menteeId },
      ] as const
    ).map((to) => ({ job: { ...jobBase(now), kind: 'mail', template: 'introduction', to, tandemId: tandem.id }, dedupKey: `${tandem.id}#${to.role}` }));
const startJob = (menteeId: string, attempt: number, now = T0): RecordedJob => ({ job: { ...jobBase(now), kind: 'start_matching', menteeId, attempt }, dedupKey: `${menteeId}#${attempt}` });
const reportMail = (menteeId: string, attempt: number, now = T0): RecordedJob => ({
  job: { ...jobBase(now), kind: 'mail', template: 'unmatched_report', to: { programme: true }, menteeId, attempt, considered: 3, compatible: 1, proposed: 1, excluded: { no_capacity: 2 } },
  dedupKey: `${menteeId}#${attempt}#report`,
});
const capacityJob = (mentorId: string, now = T0): RecordedJob => ({ job: { ...jobBase(now), kind: 'capacity_appeared', mentorId }, dedupKey: `${mentorId}#${now.toISOString().slice(0, 10)}` });
export const tandemOf = (p: Proposal, overrides: Partial<Tandem> = {}): Tandem => ({
  id: randomUUID(),
  menteeId: p.menteeId,
  mentorId: p.mentorId,
  track: TRACK,
  status: 'active',
  startedAt: later(60).toISOString(),
  attempt: p.attempt,
  ...overrides,
});

export function matchingStoreContract(name: string, makeSubject: () => Promise<MatchingStoreSubject>) {
  describe(`MatchingStore contract: ${name}`, () => {
    let subject: MatchingStoreSubject;
    let store: MatchingStore;
    beforeEach(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const seedMentor = async (mentor: MentorProfile) => {
      await subject.put([personItem(mentor), ...availabilityItems(mentor)]);
      return mentor;
    };
    const seedMentee = async (mentee: MenteeProfile) => {
      await subject.put([personItem(mentee)]);
      return mentee;
    };
    const jobItem = (recorded: RecordedJob) => subject.readItem(keys.outbox(recorded.job.kind, recorded.dedupKey));
    const expectJob = async (recorded: RecordedJob, now: Date) =>
      expect(await jobItem(recorded)).toEqual(outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
    const profile = (role: 'mentor' | 'mentee', id: string) => subject.readItem(keys.person(role, id));
    const availability = (mentor: MentorProfile) =>
      Promise.all(
        [TRACK, 'job_search'].flatMap((track) => [departementBucket('13'), remoteBucket(mentor.id)].map((bucket) => subject.readItem(keys.availability(track, bucket, mentor.id)))),
      );
    /** A pending proposal recorded by the workflow, as ProposeToMentor does. */
    const propose = async (mentee: MenteeProfile, mentor: MentorProfile, overrides: Partial<Proposal> = {}, taskToken = `token-${randomUUID()}`, mail?: RecordedJob) => {
      const proposal = proposalOf(mentee, mentor, overrides);
      expect(await store.recordProposal({ proposal, taskToken, remindAt: REMIND_AT.toISOString(), mail: mail ?? proposalMail(proposal) })).toEqual({ outcome: 'recorded' });
      return proposal;
    };
    const decide = (p: Proposal, decision: Decision = 'accept', now = later(3600)) =>
      store.decide({ menteeId: p.menteeId, mentorId: p.mentorId, decision, ...(decision === 'accept' ? {} : { reason: 'no_time' as const }), now, delivery: delivery(p.menteeId, p.mentorId, now) });
    const accept = (p: Proposal, tandem = tandemOf(p)) =>
      store.createTandem({ tandem, now: later(7200), mails: introductions(later(7200)), schedule: initialSchedule(tandem, FOLLOW_UP_DEFAULTS) });
    /** The follow-up items a created tandem starts with, as stored (undefined where absent). */
    const followUpItems = (tandem: Tandem) =>
      Promise.all([keys.checkInRound(tandem.id, 1), ...[3, 6, 12].map((m) => keys.outcomeSurvey(tandem.id, m)), keys.silenceWatch(tandem.id)].map((key) => subject.readItem(key)));
    /** Retries a call told to retry (a contended transaction), as the workflow's Retry does. */
    const settle = async <T>(outcome: T | 'retry', again: () => Promise<T>): Promise<T> => {
      let result = outcome;
      for (let i = 0; result === 'retry' && i < 10; i++) result = (await race([again()]))[0]!;
      return result as T;
    };
    const dueFor = async (menteeId: string, now: Date) => (await store.dueReminders(now, 100)).filter((p) => p.menteeId === menteeId);

    describe('reads', () => {
      it('getMentee reads the profile and every proposal, whatever its status; unknown → undefined', async () => {
        const mentee = await seedMentee(waitingMentee());
        const [a, b] = [await seedMentor(activeMentor()), await seedMentor(activeMentor())];
        const pa = await propose(mentee, a);
        const pb = await propose(mentee, b, { rank: 2 });
        await store.closeProposal({ menteeId: mentee.id, mentorId: b.id, status: 'declined', now: later(60) });
        const read = await store.getMentee(mentee.id);
        expect(read?.mentee).toEqual(mentee);
        expect(read?.proposals.sort((x, y) => x.rank - y.rank)).toEqual([pa, { ...pb, status: 'declined' }]);
        expect(await store.getMentee(randomUUID())).toBeUndefined();
      });

      it('getMentor, getPartner, getProposal(WithToken), getTandem give the domain objects, never keys or the token', async () => {
        const mentor = await seedMentor(activeMentor({ pools: ['p1'] }));
        const partner: Partner = { id: randomUUID(), name: 'Mission Locale', kind: 'mission_locale', status: 'active', dedicatedPool: false, createdAt: T0.toISOString(), contactEmail: 'contact@ml.example.org' };
        await subject.put([partnerItem(partner)]);
        const mentee = await seedMentee(waitingMentee());
        const proposal = await propose(mentee, mentor, {}, 'the-token');
        expect(await store.getMentor(mentor.id)).toEqual(mentor);
        expect(await store.getPartner(partner.id)).toEqual(partner);
        expect(await store.getProposal(mentee.id, mentor.id)).toEqual(proposal);
        expect(await store.getProposalWithToken(mentee.id, mentor.id)).toEqual({ proposal, taskToken: 'the-token' });
        expect(await store.getMentor(randomUUID())).toBeUndefined();
        expect(await store.getPartner(randomUUID())).toBeUndefined();
        expect(await store.getProposal(mentee.id, randomUUID())).toBeUndefined();
        expect(await store.getProposalWithToken(mentee.id, randomUUID())).toBeUndefined();
        expect(await store.getTandem(randomUUID())).toBeUndefined();
      });
    });

    describe('loadCandidates', () => {
      it("reads the département's partition, plus every remote shard when remote, each mentor once, without personal data", async () => {
        const local = await seedMentor(activeMentor({ meetingModes: ['in_person'] }));
        const both = await seedMentor(activeMentor()); // in the 13 partition and a remote shard
        const farRemote = await seedMentor(activeMentor({ postalCode: '84000', communeCode: '84007', meetingModes: ['remote'] }));
        const farInPerson = await seedMentor(activeMentor({ postalCode: '84000', communeCode: '84007', meetingModes: ['in_person'] }));
        const otherTrack = await seedMentor(activeMentor({ tracks: ['job_search'] }));
        await seedMentor(activeMentor({ status: 'paused' })); // no entries while paused
        const remoteIds = (await store.loadCandidates({ track: TRACK, departement: '13', remote: true })).map((c) => c.id).sort();
        expect(remoteIds).toEqual([local.id, both.id, farRemote.id].sort());
        const inPerson = await store.loadCandidates({ track: TRACK, departement: '13', remote: false });
        expect(inPerson.map((c) => c.id).sort()).toEqual([local.id, both.id].sort());
        const candidate = inPerson.find((c) => c.id === both.id)!;
        expect(candidate).toMatchObject({ id: both.id, status: 'active', capacity: 2, activeMentees: 0, place: { departement: '13' }, organisation: 'durand conseil' });
        expect(JSON.stringify(candidate)).not.toMatch(/Camille|Durand|@|\+33/);
        const jobSearch = (await store.loadCandidates({ track: 'job_search', departement: '13', remote: false })).map((c) => c.id).sort();
        expect(jobSearch).toEqual([local.id, both.id, otherTrack.id].sort());
        // A remote-only mentor is in its département's partition too (the engine then says why it does not fit).
        expect((await store.loadCandidates({ track: TRACK, departement: '84', remote: false })).map((c) => c.id).sort()).toEqual([farInPerson.id, farRemote.id].sort());
      });

      it('reads the unknown-place partition for a mentee whose département is unknown', async () => {
        const nowhere = await seedMentor(activeMentor({ postalCode: undefined, communeCode: undefined, meetingModes: ['remote'] }));
        const ids = (await store.loadCandidates({ track: TRACK, departement: null, remote: false })).map((c) => c.id);
        expect(ids).toEqual([nowhere.id]);
        expect(ALL_REMOTE_BUCKETS).toHaveLength(8);
      });
    });

    describe('recordProposal', () => {
      it('records a new proposal with its token and mail job, in the reminder index until due', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const mail = proposalMail({ menteeId: mentee.id, mentorId: mentor.id });
        const proposal = await propose(mentee, mentor, {}, 'token-1', mail);
        expect(await store.getProposalWithToken(mentee.id, mentor.id)).toEqual({ proposal, taskToken: 'token-1' });
        await expectJob(mail, T0);
        expect(await dueFor(mentee.id, later(-1, REMIND_AT))).toEqual([]);
        expect(await dueFor(mentee.id, REMIND_AT)).toEqual([proposal]);
      });

      it('re-binds a pending proposal to the resumed attempt’s token: rebound, no second mail', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const first = await propose(mentee, mentor, {}, 'token-1');
        const mail = await jobItem(proposalMail(first));
        await subject.put([personItem({ ...mentee, matchingAttempt: 2 })]);
        const again = proposalOf({ ...mentee, matchingAttempt: 2 }, mentor, { createdAt: later(600).toISOString() });
        expect(await store.recordProposal({ proposal: again, taskToken: 'token-2', remindAt: later(600, REMIND_AT).toISOString(), mail: proposalMail(again, later(600)) })).toEqual({
          outcome: 'rebound',
        });
        expect(await store.getProposalWithToken(mentee.id, mentor.id)).toEqual({ proposal: { ...first, attempt: 2 }, taskToken: 'token-2' });
        expect(await jobItem(proposalMail(first))).toEqual(mail);
      });

      it('hands back a decision recorded but never delivered: decided (the new token is bound)', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const first = await propose(mentee, mentor, {}, 'token-1');
        expect(await decide(first, 'accept')).toEqual({ outcome: 'recorded' });
        expect(await store.recordProposal({ proposal: first, taskToken: 'token-2', remindAt: REMIND_AT.toISOString(), mail: proposalMail(first) })).toEqual({
          outcome: 'decided',
          decision: 'accept',
        });
        expect((await store.getProposalWithToken(mentee.id, mentor.id))?.taskToken).toBe('token-2');
      });

      it('answers final for a proposal that is over, and changes nothing', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const first = await propose(mentee, mentor, {}, 'token-1');
        await store.closeProposal({ menteeId: mentee.id, mentorId: mentor.id, status: 'expired', now: later(60) });
        const before = await subject.readItem(keys.proposal(mentee.id, mentor.id));
        expect(await store.recordProposal({ proposal: first, taskToken: 'token-2', remindAt: REMIND_AT.toISOString(), mail: proposalMail(first) })).toEqual({
          outcome: 'final',
          status: 'expired',
        });
        expect(await subject.readItem(keys.proposal(mentee.id, mentor.id))).toEqual(before);
      });

      it('throws MatchingSupersededError when the mentee left the attempt, and records nothing', async () => {
        const mentor = await seedMentor(activeMentor());
        for (const mentee of [waitingMentee({ matchingAttempt: 2 }), waitingMentee({ status: 'in_tandem' }), waitingMentee({ status: 'unmatched' })]) {
          await seedMentee(mentee);
          const proposal = proposalOf(mentee, mentor, { attempt: 1 });
          await expect(store.recordProposal({ proposal, taskToken: 't', remindAt: REMIND_AT.toISOString(), mail: proposalMail(proposal) })).rejects.toBeInstanceOf(
            MatchingSupersededError,
          );
          expect(await store.getProposal(mentee.id, mentor.id)).toBeUndefined();
          expect(await jobItem(proposalMail(proposal))).toBeUndefined();
        }
        await expect(
          store.recordProposal({ proposal: proposalOf(waitingMentee(), mentor), taskToken: 't', remindAt: REMIND_AT.toISOString(), mail: proposalMail(proposalOf(waitingMentee(), mentor)) }),
        ).rejects.toMatchObject({ name: 'MatchingSuperseded' });
      });
    });

    describe('decide', () => {
      it('records the decision once with its delivery job, out of the reminder index', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        const now = later(3600);
        const job = delivery(mentee.id, mentor.id, now);
        expect(await store.decide({ menteeId: mentee.id, mentorId: mentor.id, decision: 'decline', reason: 'too_far', now, delivery: job })).toEqual({ outcome: 'recorded' });
        expect(await store.getProposal(mentee.id, mentor.id)).toEqual({ ...proposal, decision: 'decline', declineReason: 'too_far', decidedAt: now.toISOString() });
        await expectJob(job, now);
        expect(await dueFor(mentee.id, REMIND_AT)).toEqual([]);
        expect((await profile('mentor', mentor.id))?.status).toBe('active');
      });

      it('a second click changes nothing: already_decided with the first decision', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        await decide(proposal, 'accept');
        const before = [await subject.readItem(keys.proposal(mentee.id, mentor.id)), await jobItem(delivery(mentee.id, mentor.id))];
        expect(await decide(proposal, 'decline', later(7200))).toEqual({ outcome: 'already_decided', decision: 'accept' });
        expect([await subject.readItem(keys.proposal(mentee.id, mentor.id)), await jobItem(delivery(mentee.id, mentor.id))]).toEqual(before);
      });

      it('answers closed for a proposal that is over and not_found for none', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        await store.closeProposal({ menteeId: mentee.id, mentorId: mentor.id, status: 'expired', now: later(60) });
        expect(await decide(proposal, 'accept')).toEqual({ outcome: 'closed', status: 'expired' });
        expect(await jobItem(delivery(mentee.id, mentor.id))).toBeUndefined();
        expect(await decide(proposalOf(mentee, activeMentor()), 'accept')).toEqual({ outcome: 'not_found' });
      });

      it('decline and pause: the mentor is paused and leaves the availability index in the same change', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        expect((await availability(mentor)).every(Boolean)).toBe(true);
        expect(await decide(proposal, 'decline_and_pause')).toEqual({ outcome: 'recorded' });
        expect(await store.getMentor(mentor.id)).toEqual({ ...mentor, status: 'paused' });
        expect(await profile('mentor', mentor.id)).toMatchObject(keys.personStatusIndex('mentor', mentor.id, 'paused', mentor.createdAt));
        expect(await availability(mentor)).toEqual([undefined, undefined, undefined, undefined]);
        expect((await store.loadCandidates({ track: TRACK, departement: '13', remote: true })).map((c) => c.id)).not.toContain(mentor.id);
      });

      it('decline and pause of a mentor already paused records the decision and leaves the mentor as it is', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        await subject.put([personItem({ ...mentor, status: 'inactive' })]);
        expect(await decide(proposal, 'decline_and_pause')).toEqual({ outcome: 'recorded' });
        expect((await store.getMentor(mentor.id))?.status).toBe('inactive');
      });

      it('racing clicks: exactly one recorded, the others already_decided', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        const decisions: Decision[] = ['accept', 'decline', 'decline_and_pause'];
        const outcomes = await race(Array.from({ length: 9 }, (_, i) => decide(proposal, decisions[i % 3], later(3600 + i))));
        const names = outcomes.map((o) => (o === 'retry' ? o : o.outcome));
        expect(names.filter((o) => o === 'recorded')).toHaveLength(1);
        expect(names.filter((o) => o !== 'recorded' && o !== 'already_decided' && o !== 'retry')).toEqual([]);
        const stored = await store.getProposal(mentee.id, mentor.id);
        const winner = outcomes.findIndex((o) => o !== 'retry' && o.outcome === 'recorded');
        expect(stored?.decision).toBe(decisions[winner % 3]);
        expect(stored?.decidedAt).toBe(later(3600 + winner).toISOString());
      });
    });

    describe('createTandem', () => {
      it('creates the tandem, counts it on the mentor and its entries, moves the mentee, accepts the proposal, records the mails', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        await decide(proposal, 'accept');
        const tandem = tandemOf(proposal);
        expect(await accept(proposal, tandem)).toEqual({ outcome: 'created', tandem });
        expect(await store.getTandem(tandem.id)).toEqual(tandem);
        expect(await store.getMentor(mentor.id)).toEqual({ ...mentor, activeMentees: 1 });
        expect((await availability(mentor)).map((e) => (e?.candidate as { activeMentees: number }).activeMentees)).toEqual([1, 1, 1, 1]);
        const after = await store.getMentee(mentee.id);
        expect(after?.mentee).toEqual({ ...mentee, status: 'in_tandem', tandemId: tandem.id });
        expect(after?.proposals).toEqual([{ ...proposal, decision: 'accept', decidedAt: later(3600).toISOString(), status: 'accepted', tandemId: tandem.id }]);
        for (const mail of introductions(later(7200))(tandem)) expect((await jobItem(mail))?.job).toMatchObject({ template: 'introduction', tandemId: tandem.id });
        // Its follow-up, each item in its due queue: the first round, the three outcome surveys, the armed silence watch.
        const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
        expect(await followUpItems(tandem)).toEqual([
          checkInRoundItem(schedule.round),
          ...schedule.surveys.map((survey) => outcomeSurveyItem(survey)),
          silenceWatchItem({ tandemId: tandem.id, dueAt: schedule.silentAt, armed: true }),
        ]);
        expect(schedule.round).toMatchObject({ seq: 1, kind: 'first', status: 'scheduled', dueAt: new Date(Date.parse(tandem.startedAt) + 14 * 86400_000).toISOString() });
        expect((await store.listMentees('in_tandem', 100)).map((m) => m.id)).toContain(mentee.id);
        expect((await store.listMentees('awaiting_match', 100)).map((m) => m.id)).not.toContain(mentee.id);
      });

      it('the last place: the entries stay, full, so the ranking can say "no place left"', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor({ capacity: 1 }));
        const proposal = await propose(mentee, mentor);
        await accept(proposal);
        const [entry] = await store.loadCandidates({ track: TRACK, departement: '13', remote: false });
        expect(entry).toMatchObject({ id: mentor.id, capacity: 1, activeMentees: 1 });
      });

      it('a replayed accept finds its tandem: created, counted once', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        const tandem = tandemOf(proposal);
        await accept(proposal, tandem);
        expect(await accept(proposal, tandemOf(proposal))).toEqual({ outcome: 'created', tandem });
        expect((await store.getMentor(mentor.id))?.activeMentees).toBe(1);
        expect((await followUpItems(tandem)).every((item) => item !== undefined)).toBe(true);
      });

      it('no place left: the proposal becomes capacity_gone and nothing else changes', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor({ capacity: 1, activeMentees: 1 }));
        const proposal = await propose(mentee, mentor);
        const tandem = tandemOf(proposal);
        expect(await accept(proposal, tandem)).toEqual({ outcome: 'capacity_gone' });
        expect(await store.getProposal(mentee.id, mentor.id)).toEqual({ ...proposal, status: 'capacity_gone' });
        expect(await store.getTandem(tandem.id)).toBeUndefined();
        expect(await store.getMentor(mentor.id)).toEqual(mentor);
        expect((await store.getMentee(mentee.id))?.mentee).toEqual(mentee);
        expect(await jobItem(introductions()(tandem)[0]!)).toBeUndefined();
        expect(await followUpItems(tandem)).toEqual([undefined, undefined, undefined, undefined, undefined]);
        expect(await dueFor(mentee.id, REMIND_AT)).toEqual([]);
      });

      it('an inactive mentor has no place either: capacity_gone', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        await subject.put([personItem({ ...mentor, status: 'inactive' })]);
        expect(await accept(proposal)).toEqual({ outcome: 'capacity_gone' });
      });

      it('a paused mentor still honours its accept', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor({ status: 'paused' }));
        const proposal = await propose(mentee, mentor);
        expect((await accept(proposal)).outcome).toBe('created');
        expect(await store.getMentor(mentor.id)).toEqual({ ...mentor, status: 'paused', activeMentees: 1 });
        expect(await availability(mentor)).toEqual([undefined, undefined, undefined, undefined]);
      });

      it('the mentee left the attempt: mentee_gone, nothing changes', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        await subject.put([personItem({ ...mentee, matchingAttempt: 2 })]);
        const tandem = tandemOf(proposal);
        expect(await accept(proposal, tandem)).toEqual({ outcome: 'mentee_gone' });
        expect(await store.getTandem(tandem.id)).toBeUndefined();
        expect(await store.getMentor(mentor.id)).toEqual(mentor);
        expect(await store.getProposal(mentee.id, mentor.id)).toEqual(proposal);
      });

      it('two accepts for the last place at once: one tandem, the other capacity_gone', async () => {
        const mentor = await seedMentor(activeMentor({ capacity: 2, activeMentees: 1 }));
        const [a, b] = [await seedMentee(waitingMentee()), await seedMentee(waitingMentee())];
        const [pa, pb] = [await propose(a, mentor), await propose(b, mentor)];
        const outcomes = await race([accept(pa), accept(pb)]);
        const settled = [await settle(outcomes[0]!, () => accept(pa)), await settle(outcomes[1]!, () => accept(pb))].map((o) => o.outcome).sort();
        expect(settled).toEqual(['capacity_gone', 'created']);
        expect((await store.getMentor(mentor.id))?.activeMentees).toBe(2);
      });

      it('two mentors accept one mentee at once: one tandem, the other mentee_gone', async () => {
        const mentee = await seedMentee(waitingMentee());
        const [m1, m2] = [await seedMentor(activeMentor()), await seedMentor(activeMentor())];
        const [p1, p2] = [await propose(mentee, m1), await propose(mentee, m2)];
        const outcomes = await race([accept(p1), accept(p2)]);
        const settled = [await settle(outcomes[0]!, () => accept(p1)), await settle(outcomes[1]!, () => accept(p2))].map((o) => o.outcome).sort();
        expect(settled).toEqual(['created', 'mentee_gone']);
        const counts = [(await store.getMentor(m1.id))?.activeMentees, (await store.getMentor(m2.id))?.activeMentees].sort();
        expect(counts).toEqual([0, 1]);
      });
    });

    describe('closeProposal', () => {
      it('closes a pending proposal once, out of the reminder index', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        expect(await store.closeProposal({ menteeId: mentee.id, mentorId: mentor.id, status: 'declined', now: later(60) })).toBe('closed');
        expect(await store.getProposal(mentee.id, mentor.id)).toEqual({ ...proposal, status: 'declined' });
        expect(await dueFor(mentee.id, REMIND_AT)).toEqual([]);
        expect(await store.closeProposal({ menteeId: mentee.id, mentorId: mentor.id, status: 'expired', now: later(120) })).toBe('not_pending');
        expect((await store.getProposal(mentee.id, mentor.id))?.status).toBe('declined');
        expect(await store.closeProposal({ menteeId: mentee.id, mentorId: randomUUID(), status: 'withdrawn', now: later(120) })).toBe('not_pending');
      });
    });

    describe('endAttempt', () => {
      it('moves the mentee out of awaiting_match with its mails', async () => {
        for (const status of ['unmatched', 'matching_failed'] as const) {
          const mentee = await seedMentee(waitingMentee());
          const mail = reportMail(mentee.id, 1, later(60));
          expect(await store.endAttempt({ menteeId: mentee.id, attempt: 1, status, now: later(60), mails: [mail] })).toBe('ended');
          expect((await store.getMentee(mentee.id))?.mentee).toEqual({ ...mentee, status });
          await expectJob(mail, later(60));
          expect((await store.listMentees(status, 100)).map((m) => m.id)).toContain(mentee.id);
        }
      });

      it('keeps the report of an attempt that found nobody on the mentee (lastUnmatchedReport)', async () => {
        const mentee = await seedMentee(waitingMentee());
        const report = { at: later(60).toISOString(), considered: 4, compatible: 1, proposed: 1, excluded: { no_capacity: 2, too_far_for_in_person: 1 } };
        expect(await store.endAttempt({ menteeId: mentee.id, attempt: 1, status: 'unmatched', now: later(60), mails: [], report })).toBe('ended');
        expect((await store.getMentee(mentee.id))?.mentee).toEqual({ ...mentee, status: 'unmatched', lastUnmatchedReport: report });
        const refused = waitingMentee({ matchingAttempt: 2 });
        await seedMentee(refused);
        expect(await store.endAttempt({ menteeId: refused.id, attempt: 1, status: 'unmatched', now: later(60), mails: [], report })).toBe('superseded');
        expect((await store.getMentee(refused.id))?.mentee.lastUnmatchedReport).toBeUndefined();
      });

      it('superseded when the mentee is at another attempt or status, and nothing is recorded', async () => {
        for (const mentee of [waitingMentee({ matchingAttempt: 2 }), waitingMentee({ status: 'in_tandem' })]) {
          await seedMentee(mentee);
          const mail = reportMail(mentee.id, 1);
          expect(await store.endAttempt({ menteeId: mentee.id, attempt: 1, status: 'unmatched', now: later(60), mails: [mail] })).toBe('superseded');
          expect((await store.getMentee(mentee.id))?.mentee).toEqual(mentee);
          expect(await jobItem(mail)).toBeUndefined();
        }
        expect(await store.endAttempt({ menteeId: randomUUID(), attempt: 1, status: 'unmatched', now: later(60), mails: [] })).toBe('superseded');
      });
    });

    describe('startAttempt', () => {
      it('starts a new attempt from an allowed status, with its start job', async () => {
        const mentee = await seedMentee(waitingMentee({ status: 'unmatched' }));
        const start = startJob(mentee.id, 2, later(60));
        expect(await store.startAttempt({ menteeId: mentee.id, from: ['unmatched'], attempt: 2, now: later(60), start })).toBe('started');
        expect((await store.getMentee(mentee.id))?.mentee).toEqual({ ...mentee, status: 'awaiting_match', matchingAttempt: 2 });
        await expectJob(start, later(60));
        expect((await store.listMentees('awaiting_match', 100)).map((m) => m.id)).toContain(mentee.id);
        expect((await store.listMentees('unmatched', 100)).map((m) => m.id)).not.toContain(mentee.id);
      });

      it('leaving unmatched voids the retention notice (unmatched again later, the mentee is noticed anew)', async () => {
        const mentee = await seedMentee(waitingMentee({ status: 'unmatched', retentionNoticeAt: T0.toISOString() }));
        expect(await store.startAttempt({ menteeId: mentee.id, from: ['unmatched'], attempt: 2, now: later(60), start: startJob(mentee.id, 2, later(60)) })).toBe('started');
        const { retentionNoticeAt: _gone, ...rest } = mentee;
        expect((await store.getMentee(mentee.id))?.mentee).toEqual({ ...rest, status: 'awaiting_match', matchingAttempt: 2 });
        expect((await profile('mentee', mentee.id))?.retentionNoticeAt).toBeUndefined();
      });

      it('not_eligible from another status, or at an attempt not above the current one', async () => {
        const mentee = await seedMentee(waitingMentee({ status: 'in_tandem' }));
        expect(await store.startAttempt({ menteeId: mentee.id, from: ['unmatched', 'matching_failed'], attempt: 2, now: T0, start: startJob(mentee.id, 2) })).toBe('not_eligible');
        const waiting = await seedMentee(waitingMentee({ matchingAttempt: 3 }));
        expect(await store.startAttempt({ menteeId: waiting.id, from: ['awaiting_match'], attempt: 3, now: T0, start: startJob(waiting.id, 3) })).toBe('not_eligible');
        expect(await jobItem(startJob(waiting.id, 3))).toBeUndefined();
        expect(await store.startAttempt({ menteeId: waiting.id, from: ['awaiting_match'], attempt: 4, now: T0, start: startJob(waiting.id, 4) })).toBe('started');
        expect(await store.startAttempt({ menteeId: randomUUID(), from: ['unmatched'], attempt: 2, now: T0, start: startJob(randomUUID(), 2) })).toBe('not_eligible');
      });

      it('at most one retry a day', async () => {
        const mentee = await seedMentee(waitingMentee({ status: 'unmatched' }));
        const retry = (attempt: number, day: string) =>
          store.startAttempt({ menteeId: mentee.id, from: ['unmatched'], attempt, retryDay: day, now: new Date(`${day}T08:00:00Z`), start: startJob(mentee.id, attempt) });
        expect(await retry(2, '2026-11-27')).toBe('started');
        expect((await store.getMentee(mentee.id))?.mentee.lastRetryDay).toBe('2026-11-27');
        await store.endAttempt({ menteeId: mentee.id, attempt: 2, status: 'unmatched', now: later(86400), mails: [] });
        expect(await retry(3, '2026-11-27')).toBe('not_eligible');
        expect(await retry(3, '2026-11-28')).toBe('started');
      });

      it('racing starts of the same attempt: one started', async () => {
        const mentee = await seedMentee(waitingMentee({ status: 'unmatched' }));
        const outcomes = await race(Array.from({ length: 5 }, () => store.startAttempt({ menteeId: mentee.id, from: ['unmatched'], attempt: 2, now: T0, start: startJob(mentee.id, 2) })));
        expect(outcomes.filter((o) => o === 'started')).toHaveLength(1);
        expect(outcomes.filter((o) => o !== 'started' && o !== 'not_eligible' && o !== 'retry')).toEqual([]);
      });
    });

    describe('listMentees', () => {
      it('lists a status oldest first, at most limit', async () => {
        const mentees = [];
        for (let i = 0; i < 5; i++) mentees.push(await seedMentee(waitingMentee({ status: 'unmatched', createdAt: later(i * 60).toISOString() })));
        await seedMentee(waitingMentee());
        expect((await store.listMentees('unmatched', 3)).map((m) => m.id)).toEqual(mentees.slice(0, 3).map((m) => m.id));
        expect(await store.listMentees('unmatched', 10)).toEqual(mentees);
        expect(await store.listMentees('closed', 10)).toEqual([]);
      });
    });

    describe('reminders', () => {
      it('a pending proposal is due at remindAt; its one reminder is recorded with its mail and leaves the index', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentor = await seedMentor(activeMentor());
        const proposal = await propose(mentee, mentor);
        const early = reminderMail(proposal, later(-60, REMIND_AT));
        expect(await store.recordReminder({ menteeId: mentee.id, mentorId: mentor.id, now: later(-60, REMIND_AT), mail: early })).toBe('not_due');
        expect(await jobItem(early)).toBeUndefined();
        const now = later(60, REMIND_AT);
        const mail = reminderMail(proposal, now);
        expect(await store.recordReminder({ menteeId: mentee.id, mentorId: mentor.id, now, mail })).toBe('recorded');
        expect(await store.getProposal(mentee.id, mentor.id)).toEqual({ ...proposal, remindedAt: now.toISOString() });
        await expectJob(mail, now);
        expect(await dueFor(mentee.id, now)).toEqual([]);
        expect(await store.recordReminder({ menteeId: mentee.id, mentorId: mentor.id, now: later(120, now), mail: reminderMail(proposal, later(120, now)) })).toBe('not_due');
      });

      it('a decided or closed proposal is never reminded', async () => {
        const mentee = await seedMentee(waitingMentee());
        const [m1, m2] = [await seedMentor(activeMentor()), await seedMentor(activeMentor())];
        const p1 = await propose(mentee, m1);
        const p2 = await propose(mentee, m2);
        await decide(p1, 'decline');
        await store.closeProposal({ menteeId: mentee.id, mentorId: m2.id, status: 'expired', now: later(60) });
        const now = later(60, REMIND_AT);
        expect(await dueFor(mentee.id, now)).toEqual([]);
        expect(await store.recordReminder({ menteeId: mentee.id, mentorId: m1.id, now, mail: reminderMail(p1, now) })).toBe('not_due');
        expect(await store.recordReminder({ menteeId: mentee.id, mentorId: m2.id, now, mail: reminderMail(p2, now) })).toBe('not_due');
      });

      it('dueReminders: oldest due first, at most limit', async () => {
        const mentor = await seedMentor(activeMentor());
        const mentees = [];
        for (let i = 0; i < 4; i++) {
          const mentee = await seedMentee(waitingMentee());
          const proposal = proposalOf(mentee, mentor);
          await store.recordProposal({ proposal, taskToken: 't', remindAt: later(i * 60, REMIND_AT).toISOString(), mail: proposalMail(proposal) });
          mentees.push(mentee.id);
        }
        expect((await store.dueReminders(later(120, REMIND_AT), 10)).map((p) => p.menteeId)).toEqual(mentees.slice(0, 3));
        expect((await store.dueReminders(later(600, REMIND_AT), 2)).map((p) => p.menteeId)).toEqual(mentees.slice(0, 2));
      });
    });

    describe('pending index', () => {
      it('holds exactly the pending proposals (decided or not, reminded or not): every way out of pending leaves it', async () => {
        const mentee = await seedMentee(waitingMentee());
        const mentors = await Promise.all(Array.from({ length: 7 }, () => seedMentor(activeMentor())));
        const full = await seedMentor(activeMentor({ capacity: 1, activeMentees: 1 }));
        const proposals = [];
        for (const [i, mentor] of [...mentors, full].entries()) proposals.push(await propose(mentee, mentor, { rank: i + 1, createdAt: later(i).toISOString() }));
        const [pending, decided, reminded, declined, expired, withdrawn, accepted, gone] = proposals as [Proposal, Proposal, Proposal, Proposal, Proposal, Proposal, Proposal, Proposal];
        const pendingIndex = (p: Proposal) => ({ GSI2PK: 'PROPOSAL#PENDING', GSI2SK: `${p.createdAt}#${p.menteeId}#${p.mentorId}` });
        expect(keys.proposalPendingIndex(pending.createdAt, pending.menteeId, pending.mentorId)).toEqual(pendingIndex(pending));
        for (const p of proposals) expect(await subject.readItem(keys.proposal(p.menteeId, p.mentorId))).toMatchObject(pendingIndex(p));

        await decide(decided, 'decline');
        const remindAt = later(60, REMIND_AT);
        expect(await store.recordReminder({ menteeId: mentee.id, mentorId: reminded.mentorId, now: remindAt, mail: reminderMail(reminded, remindAt) })).toBe('recorded');
        await store.closeProposal({ menteeId: mentee.id, mentorId: declined.mentorId, status: 'declined', now: later(60) });
        await store.closeProposal({ menteeId: mentee.id, mentorId: expired.mentorId, status: 'expired', now: later(60) });
        await store.closeProposal({ menteeId: mentee.id, mentorId: withdrawn.mentorId, status: 'withdrawn', now: later(60) });
        expect(await accept(gone)).toEqual({ outcome: 'capacity_gone' });
        expect((await accept(accepted)).outcome).toBe('created');

        for (const p of proposals) {
          const item = await subject.readItem(keys.proposal(p.menteeId, p.mentorId));
          if (item?.status === 'pending') expect(item).toMatchObject(pendingIndex(p));
          else expect([item?.GSI2PK, item?.GSI2SK]).toEqual([undefined, undefined]);
        }
        const statuses = await Promise.all(proposals.map(async (p) => (await store.getProposal(p.menteeId, p.mentorId))?.status));
        expect(statuses).toEqual(['pending', 'pending', 'pending', 'declined', 'expired', 'withdrawn', 'accepted', 'capacity_gone']);
      });
    });

    describe('reactivateMentor', () => {
      it('paused → active: entries written back, with the capacity_appeared job; then already_active', async () => {
        const mentor = await seedMentor(activeMentor({ status: 'paused', activeMentees: 1 }));
        expect(await availability(mentor)).toEqual([undefined, undefined, undefined, undefined]);
        const job = capacityJob(mentor.id, later(60));
        expect(await store.reactivateMentor({ mentorId: mentor.id, now: later(60), job })).toBe('reactivated');
        expect(await store.getMentor(mentor.id)).toEqual({ ...mentor, status: 'active' });
        expect((await availability(mentor)).map((e) => (e?.candidate as { activeMentees: number } | undefined)?.activeMentees)).toEqual([1, 1, 1, 1]);
        await expectJob(job, later(60));
        expect(await store.reactivateMentor({ mentorId: mentor.id, now: later(120), job: capacityJob(mentor.id, later(120)) })).toBe('already_active');
      });

      it('not_paused for an inactive, unvalidated or unknown mentor', async () => {
        for (const status of ['inactive', 'pending_validation'] as const) {
          const mentor = await seedMentor(activeMentor({ status }));
          expect(await store.reactivateMentor({ mentorId: mentor.id, now: T0, job: capacityJob(mentor.id) })).toBe('not_paused');
          expect((await store.getMentor(mentor.id))?.status).toBe(status);
          expect(await jobItem(capacityJob(mentor.id))).toBeUndefined();
        }
        expect(await store.reactivateMentor({ mentorId: randomUUID(), now: T0, job: capacityJob(randomUUID()) })).toBe('not_paused');
      });

      it('not_paused for a mentor the CCI paused: the link of an old proposal mail does not undo the CCI’s pause', async () => {
        const mentor = await seedMentor(activeMentor({ status: 'paused', pausedBy: 'cci' }));
        expect(await store.reactivateMentor({ mentorId: mentor.id, now: T0, job: capacityJob(mentor.id) })).toBe('not_paused');
        expect(await store.getMentor(mentor.id)).toEqual(mentor);
        expect(await availability(mentor)).toEqual([undefined, undefined, undefined, undefined]);
        expect(await jobItem(capacityJob(mentor.id))).toBeUndefined();
      });
    });
  });
}
