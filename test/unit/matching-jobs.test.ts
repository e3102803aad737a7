/**
 * The matching workflow's jobs and sweeps on the in-memory store and workflow: starting an attempt,
 * delivering a mentor's decision to the waiting task, retrying unmatched mentees when capacity
 * appears (once a day), the reminder sweep (once per proposal) and the local runtime's resume.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mailJobSchema } from '../../shared/domain/mail-job';
import { startMatchingJobSchema, type CapacityAppearedJob, type DeliverDecisionJob, type StartMatchingJob } from '../../shared/domain/matching-jobs';
import { DAY, makeMatchingHub, SECOND, type MatchingHub } from '../helpers/matching-hub';

const jobBase = (hub: MatchingHub) => ({ id: randomUUID(), locale: 'fr' as const, recordedAt: hub.clock.now().toISOString() });
const deliverJob = (hub: MatchingHub, menteeId: string, mentorId: string): DeliverDecisionJob => ({ ...jobBase(hub), kind: 'deliver_decision', menteeId, mentorId });
const capacityJob = (hub: MatchingHub, mentorId: string): CapacityAppearedJob => ({ ...jobBase(hub), kind: 'capacity_appeared', mentorId });
const startJobs = (hub: MatchingHub) => hub.jobs().flatMap(({ job, dedupKey }) => (job.kind === 'start_matching' ? [{ job: startMatchingJobSchema.parse(job), dedupKey }] : []));

/** A mentee waiting on a proposal to `mentor` (recorded by ProposeToMentor with `token`). */
async function proposed(hub: MatchingHub, token = 'waiting-token') {
  const mentor = hub.seedMentor();
  const mentee = hub.seedMentee();
  await hub.proposeToMentor({ taskToken: token, menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
  return { mentor, mentee };
}

describe('start_matching', () => {
  it('starts the execution named after mentee and attempt; a replayed job starts nothing new', async () => {
    const hub = makeMatchingHub();
    const menteeId = randomUUID();
    const job: StartMatchingJob = { ...jobBase(hub), kind: 'start_matching', menteeId, attempt: 3 };
    expect(await hub.startMatching(job)).toBe('started');
    expect(await hub.startMatching(job)).toBe('already_started');
    expect(hub.workflow.starts).toEqual([{ name: `${menteeId}-3`, input: { menteeId, attempt: 3 } }]);
  });
});

describe('deliver_decision', () => {
  it('an accept reaches the waiting task as success', async () => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub);
    await hub.decide(mentee.id, mentor.id, 'accept');

    expect(await hub.deliverDecision(deliverJob(hub, mentee.id, mentor.id))).toBe('delivered');
    expect(hub.workflow.responses).toEqual([{ taskToken: 'waiting-token', kind: 'success', output: { decision: 'accept' }, outcome: 'delivered' }]);
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('pending'); // AcceptProposal decides the rest
  });

  it.each(['decline', 'decline_and_pause'] as const)('a %s reaches the waiting task as ProposalDeclined and closes the proposal', async (decision) => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub);
    await hub.decide(mentee.id, mentor.id, decision);

    expect(await hub.deliverDecision(deliverJob(hub, mentee.id, mentor.id))).toBe('delivered');
    expect(hub.workflow.responses).toMatchObject([{ taskToken: 'waiting-token', kind: 'failure', error: 'ProposalDeclined', outcome: 'delivered' }]);
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('declined');
  });

  it('reaches the token of the task waiting now (a resumed attempt re-bound it)', async () => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub, 'first');
    await hub.resumeMatching();
    await hub.proposeToMentor({ taskToken: 'second', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 });
    await hub.decide(mentee.id, mentor.id, 'accept');

    await hub.deliverDecision(deliverJob(hub, mentee.id, mentor.id));
    expect(hub.workflow.responses.map((r) => r.taskToken)).toEqual(['second']);
  });

  it('a task that no longer waits is a normal outcome, not an error (the expiry or the resumed attempt finds the decision)', async () => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub);
    hub.workflow.gone.add('waiting-token');
    await hub.decide(mentee.id, mentor.id, 'accept');

    expect(await hub.deliverDecision(deliverJob(hub, mentee.id, mentor.id))).toBe('task_gone');
    expect(await hub.recordExpiry({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id })).toEqual({ outcome: 'accepted_late' });
  });

  it('a replayed delivery answers the task once; the second finds it gone', async () => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub);
    await hub.decide(mentee.id, mentor.id, 'decline');
    const job = deliverJob(hub, mentee.id, mentor.id);
    expect(await hub.deliverDecision(job)).toBe('delivered');
    expect(await hub.deliverDecision(job)).toBe('task_gone');
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('declined');
  });

  it('nothing to deliver when there is no proposal or no decision on it', async () => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub);
    expect(await hub.deliverDecision(deliverJob(hub, mentee.id, mentor.id))).toBe('nothing_to_deliver');
    expect(await hub.deliverDecision(deliverJob(hub, randomUUID(), mentor.id))).toBe('nothing_to_deliver');
    expect(hub.workflow.responses).toEqual([]);
  });
});

describe('capacity_appeared', () => {
  it('retries an unmatched mentee the mentor could serve as a new attempt, at most once a day (UTC)', async () => {
    const hub = makeMatchingHub({ now: '2026-12-01T22:00:00.000Z' });
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ status: 'unmatched', matchingAttempt: 1 });

    expect(await hub.retryUnmatched(capacityJob(hub, mentor.id))).toEqual({ outcome: 'done', unmatched: 1, compatible: 1, retried: 1 });
    expect(await hub.mentee(mentee.id)).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, lastRetryDay: '2026-12-01' });
    expect(startJobs(hub)).toMatchObject([{ job: { menteeId: mentee.id, attempt: 2 }, dedupKey: `start_matching#${mentee.id}#2` }]);

    // Nobody found again the same evening: another job the same UTC day retries nothing.
    await hub.markUnmatched({ menteeId: mentee.id, attempt: 2, considered: 1, compatible: 1, excluded: {}, proposed: 1 });
    hub.advance(1.5 * 3600 * SECOND);
    expect(await hub.retryUnmatched(capacityJob(hub, mentor.id))).toMatchObject({ retried: 0 });
    expect((await hub.mentee(mentee.id)).status).toBe('unmatched');

    // Past midnight UTC, the next job retries it again.
    hub.advance(1 * 3600 * SECOND);
    expect(await hub.retryUnmatched(capacityJob(hub, mentor.id))).toMatchObject({ retried: 1 });
    expect(await hub.mentee(mentee.id)).toMatchObject({ status: 'awaiting_match', matchingAttempt: 3, lastRetryDay: '2026-12-02' });
    expect(startJobs(hub).map((s) => s.job.attempt)).toEqual([2, 3]);
  });

  it('leaves out mentees this mentor cannot serve (track, distance, declined before), and mentees in other statuses', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor({ tracks: ['business_creation'], meetingModes: ['in_person'] });
    const otherTrack = hub.seedMentee({ status: 'unmatched', track: 'job_search' });
    const tooFar = hub.seedMentee({ status: 'unmatched', postalCode: '69001', communeCode: '69381' });
    const declinedBefore = hub.seedMentee({ status: 'unmatched' });
    hub.seedProposal({ menteeId: declinedBefore.id, mentorId: mentor.id, status: 'declined' });
    const waiting = hub.seedMentee({ status: 'awaiting_match' });

    expect(await hub.retryUnmatched(capacityJob(hub, mentor.id))).toEqual({ outcome: 'done', unmatched: 3, compatible: 0, retried: 0 });
    for (const m of [otherTrack, tooFar, declinedBefore]) expect((await hub.mentee(m.id)).status).toBe('unmatched');
    expect((await hub.mentee(waiting.id)).matchingAttempt).toBe(1);
    expect(startJobs(hub)).toEqual([]);
  });

  it("retries at most as many mentees as the mentor has free places, best match first", async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor({ capacity: 3, activeMentees: 1, expertise: ['funding'] });
    const weaker = hub.seedMentee({ status: 'unmatched', needs: ['legal'] });
    const best = hub.seedMentee({ status: 'unmatched', needs: ['funding'] });
    const good = hub.seedMentee({ status: 'unmatched', needs: ['funding', 'legal'] });

    expect(await hub.retryUnmatched(capacityJob(hub, mentor.id))).toMatchObject({ compatible: 3, retried: 2 });
    expect(startJobs(hub).map((s) => s.job.menteeId)).toEqual(expect.arrayContaining([best.id, good.id]));
    expect((await hub.mentee(weaker.id)).status).toBe('unmatched');
  });

  it('retries nobody for a mentor who is not active or has no place left', async () => {
    const hub = makeMatchingHub();
    const paused = hub.seedMentor({ status: 'paused' });
    const full = hub.seedMentor({ capacity: 1, activeMentees: 1 });
    hub.seedMentee({ status: 'unmatched' });
    for (const mentor of [paused, full]) {
      expect(await hub.retryUnmatched(capacityJob(hub, mentor.id))).toEqual({ outcome: 'mentor_unavailable', unmatched: 0, compatible: 0, retried: 0 });
    }
    expect(await hub.retryUnmatched(capacityJob(hub, randomUUID()))).toMatchObject({ outcome: 'mentor_unavailable' });
    expect(startJobs(hub)).toEqual([]);
  });
});

describe('reminder sweep', () => {
  it('reminds a mentor once, when the proposal has waited the reminder delay', async () => {
    const hub = makeMatchingHub();
    const { mentor, mentee } = await proposed(hub);
    const reminders = () => hub.mails().filter((m) => m.template === 'proposal' && m.reminder);

    hub.advance(3 * DAY - SECOND);
    expect(await hub.sendReminders()).toEqual({ due: 0, recorded: 0, notDue: 0 });
    hub.advance(SECOND);
    expect(await hub.sendReminders()).toEqual({ due: 1, recorded: 1, notDue: 0 });
    hub.advance(3600 * SECOND);
    expect(await hub.sendReminders()).toEqual({ due: 0, recorded: 0, notDue: 0 });

    expect(reminders()).toHaveLength(1);
    expect(mailJobSchema.parse(reminders()[0])).toMatchObject({ to: { role: 'mentor', personId: mentor.id }, menteeId: mentee.id, reminder: true });
    expect(hub.jobs().find((j) => j.job.kind === 'mail' && j.job.template === 'proposal' && j.job.reminder)!.dedupKey).toBe(`proposal_reminder#${mentee.id}#${mentor.id}`);
    expect((await hub.proposal(mentee.id, mentor.id))!.remindedAt).toBe('2026-12-04T10:00:00.000Z');
  });

  it('does not remind a mentor who already decided, nor a closed proposal', async () => {
    const hub = makeMatchingHub();
    const decided = await proposed(hub, 'a');
    const expired = await proposed(hub, 'b');
    await hub.decide(decided.mentee.id, decided.mentor.id, 'decline');
    await hub.recordExpiry({ menteeId: expired.mentee.id, attempt: 1, mentorId: expired.mentor.id });
    hub.advance(4 * DAY);
    expect(await hub.sendReminders()).toMatchObject({ recorded: 0 });
    expect(hub.mails().filter((m) => m.template === 'proposal' && m.reminder)).toEqual([]);
  });

  it('takes every due proposal, page after page', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor({ capacity: 150 });
    for (let i = 0; i < 130; i++) {
      const mentee = hub.seedMentee();
      await hub.proposeToMentor({ taskToken: `t${i}`, menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
    }
    hub.advance(3 * DAY);
    expect(await hub.sendReminders()).toEqual({ due: 130, recorded: 130, notDue: 0 });
  });
});

describe('resume at the local runtime start', () => {
  it('gives every mentee left awaiting a match a new attempt with its start job, and no one else', async () => {
    const hub = makeMatchingHub();
    const first = hub.seedMentee({ matchingAttempt: 1 });
    const third = hub.seedMentee({ matchingAttempt: 3 });
    const unmatched = hub.seedMentee({ status: 'unmatched', matchingAttempt: 1, lastRetryDay: '2026-12-01' });

    expect(await hub.resumeMatching()).toEqual({ awaiting: 2, resumed: 2 });

    expect((await hub.mentee(first.id)).matchingAttempt).toBe(2);
    expect((await hub.mentee(third.id)).matchingAttempt).toBe(4);
    expect((await hub.mentee(unmatched.id)).status).toBe('unmatched');
    expect(startJobs(hub).map((s) => [s.job.menteeId, s.job.attempt])).toEqual(expect.arrayContaining([[first.id, 2], [third.id, 4]]));
    // The old attempt's execution, if it still ran, is superseded.
    await expect(hub.rankCandidates({ menteeId: first.id, attempt: 1 })).rejects.toMatchObject({ name: 'MatchingSuperseded' });
  });
});
