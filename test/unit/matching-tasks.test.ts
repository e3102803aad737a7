/**
 * The matching workflow's Lambda tasks (rank, propose, accept, expiry, unmatched, failed) as use
 * cases on the in-memory store and workflow: every outcome the state machine branches on, with the
 * items and jobs each leaves behind.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys';
import { MatchingSupersededError } from '../../shared/domain/errors';
import { mailJobSchema } from '../../shared/domain/mail-job';
import { acceptOutput, rankedState, recordExpiryOutput, WORKFLOW_ERRORS } from '../../shared/domain/matching';
import { nameBasedUuid, tandemIdOf } from '../../shared/use-cases/accept-proposal';
import { DAY, makeMatchingHub, SECOND } from '../helpers/matching-hub';

describe('RankCandidates', () => {
  it('ranks the available mentors within reach, best first, with the counts of those left out', async () => {
    const hub = makeMatchingHub({ config: { candidatesPerAttempt: 2 } });
    const mentee = hub.seedMentee();
    const best = hub.seedMentor({ expertise: ['funding', 'business_plan'] });
    const second = hub.seedMentor({ expertise: ['funding'] });
    const third = hub.seedMentor({ expertise: [] });
    hub.seedMentor({ capacity: 1, activeMentees: 1 }); // full: still listed, counted as no place left
    hub.seedMentor({ languages: ['en'] }); // no shared language
    hub.seedMentor({ postalCode: '69001', communeCode: '69381', meetingModes: ['in_person'] }); // Lyon, in person: never read
    hub.seedMentor({ status: 'paused' }); // out of the availability index

    const state = await hub.rankCandidates({ menteeId: mentee.id, attempt: 1 });

    expect(rankedState.parse(state)).toEqual(state);
    expect(state).toMatchObject({ menteeId: mentee.id, attempt: 1, candidates: [best.id, second.id], count: 2, index: 0, considered: 5, compatible: 3 });
    expect(state.candidates).not.toContain(third.id);
    expect(state.excluded).toEqual({ no_capacity: 1, no_shared_language: 1 });
  });

  it('reads the remote shards when the mentee accepts remote meetings', async () => {
    const hub = makeMatchingHub();
    const mentee = hub.seedMentee({ meetingModes: ['in_person', 'remote'] });
    const lyon = hub.seedMentor({ postalCode: '69001', communeCode: '69381', meetingModes: ['remote'] });
    const state = await hub.rankCandidates({ menteeId: mentee.id, attempt: 1 });
    expect(state.candidates).toEqual([lyon.id]);
  });

  it('leaves out mentors who declined, let the proposal lapse or had no place, and mentors of an ended tandem or a conflicting organisation', async () => {
    const hub = makeMatchingHub();
    const [declined, expired, full, ended, _conflicting, fresh] = Array.from({ length: 6 }, (_, i) =>
      hub.seedMentor({ company: i === 4 ? 'Cabinet Giraud & Associés' : `Entreprise ${i}` }),
    );
    const mentee = hub.seedMentee({ endedWith: [ended!.id], conflictingOrganisations: ['cabinet giraud et associes'] });
    hub.seedProposal({ menteeId: mentee.id, mentorId: declined!.id, status: 'declined' });
    hub.seedProposal({ menteeId: mentee.id, mentorId: expired!.id, status: 'expired' });
    hub.seedProposal({ menteeId: mentee.id, mentorId: full!.id, status: 'capacity_gone' });

    const state = await hub.rankCandidates({ menteeId: mentee.id, attempt: 1 });

    expect(state.candidates).toEqual([fresh!.id]);
    expect(state.excluded).toEqual({ declined_before: 3, ended_before: 1, conflict_of_interest: 1 });
  });

  it("holds a mentee to the referring partner's dedicated pool", async () => {
    const hub = makeMatchingHub();
    const partner = hub.seedPartner({ dedicatedPool: true });
    const member = hub.seedMentor({ expertise: [], pools: [partner.id] });
    hub.seedMentor(); // a better match, outside the pool
    const mentee = hub.seedMentee({ partnerId: partner.id });
    const state = await hub.rankCandidates({ menteeId: mentee.id, attempt: 1 });
    expect(state.candidates).toEqual([member.id]);
    expect(state.excluded).toEqual({ outside_dedicated_pool: 1 });
  });

  it('puts the mentors of still-pending proposals first (a resumed attempt) and leaves out withdrawn ones', async () => {
    const hub = makeMatchingHub();
    const best = hub.seedMentor();
    const pendingOne = hub.seedMentor({ expertise: [] });
    const withdrawn = hub.seedMentor();
    const mentee = hub.seedMentee({ matchingAttempt: 2 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: pendingOne.id, attempt: 1 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: withdrawn.id, status: 'withdrawn' });

    const state = await hub.rankCandidates({ menteeId: mentee.id, attempt: 2 });

    expect(state.candidates).toEqual([pendingOne.id, best.id]);
  });

  it('is superseded when the mentee left the attempt (a newer attempt, matched, erased)', async () => {
    const hub = makeMatchingHub();
    hub.seedMentor();
    const newer = hub.seedMentee({ matchingAttempt: 2 });
    const matched = hub.seedMentee({ status: 'in_tandem' });
    await expect(hub.rankCandidates({ menteeId: newer.id, attempt: 1 })).rejects.toBeInstanceOf(MatchingSupersededError);
    await expect(hub.rankCandidates({ menteeId: matched.id, attempt: 1 })).rejects.toThrow(MatchingSupersededError);
    const erased = hub.rankCandidates({ menteeId: '4a1f0d1e-5b6c-4d7e-8f90-a1b2c3d4e5f6', attempt: 1 });
    await expect(erased).rejects.toMatchObject({ name: WORKFLOW_ERRORS.superseded });
  });
});

describe('ProposeToMentor', () => {
  it('records a new proposal with its score, reasons, lifetime and one mail to the mentor, and leaves the task waiting', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor({ locale: 'en' });
    const mentee = hub.seedMentee();

    const result = await hub.proposeToMentor({ taskToken: 'token-1', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });

    expect(result).toEqual({ outcome: 'recorded' });
    expect(hub.workflow.responses).toEqual([]);
    const proposal = await hub.proposal(mentee.id, mentor.id);
    expect(proposal).toMatchObject({ status: 'pending', attempt: 1, rank: 1, createdAt: '2026-12-01T10:00:00.000Z', expiresAt: '2026-12-08T10:00:00.000Z' });
    expect(proposal!.score).toBeGreaterThan(0);
    expect(proposal!.reasons.map((r) => r.code)).toContain('same_sector');
    expect(proposal!.reasons[0]!.text.fr).toMatch(/\S/);
    expect(await hub.tokenOf(mentee.id, mentor.id)).toBe('token-1');
    const jobs = hub.jobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.dedupKey).toBe(`proposal#${mentee.id}#${mentor.id}`);
    const mail = mailJobSchema.parse(jobs[0]!.job);
    expect(mail).toMatchObject({ template: 'proposal', to: { role: 'mentor', personId: mentor.id }, menteeId: mentee.id, reminder: false, locale: 'en' });
  });

  it('skips a mentor who is paused or has no place left, through the task token', async () => {
    const hub = makeMatchingHub();
    const paused = hub.seedMentor({ status: 'paused' });
    const full = hub.seedMentor({ capacity: 1, activeMentees: 1 });
    const mentee = hub.seedMentee();

    for (const [token, mentor] of [['t-paused', paused], ['t-full', full]] as const) {
      const result = await hub.proposeToMentor({ taskToken: token, menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
      expect(result).toMatchObject({ outcome: 'skipped', reason: 'mentor_unavailable', response: 'delivered' });
    }
    expect(hub.workflow.responses.map((r) => [r.taskToken, r.kind, r.kind === 'failure' ? r.error : undefined])).toEqual([
      ['t-paused', 'failure', 'ProposalSkipped'],
      ['t-full', 'failure', 'ProposalSkipped'],
    ]);
    expect(await hub.proposal(mentee.id, paused.id)).toBeUndefined();
    expect(hub.jobs()).toEqual([]);
  });

  it('skips a mentor no longer compatible and withdraws its pending proposal of an earlier attempt', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor({ languages: ['en'] });
    const mentee = hub.seedMentee({ matchingAttempt: 2 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, attempt: 1 }, 'old-token', '2026-12-04T10:00:00.000Z');

    const result = await hub.proposeToMentor({ taskToken: 'new-token', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 });

    expect(result).toMatchObject({ outcome: 'skipped', reason: 'not_compatible' });
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('withdrawn');
    expect(await hub.store.dueReminders(new Date('2026-12-30T00:00:00Z'), 10)).toEqual([]);
  });

  it('re-binds a pending proposal of an earlier attempt to the new token, without a second mail', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ matchingAttempt: 1 });
    await hub.proposeToMentor({ taskToken: 'first', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
    // The hub restarted: the attempt resumes as attempt 2.
    await hub.resumeMatching();
    expect((await hub.mentee(mentee.id)).matchingAttempt).toBe(2);

    const result = await hub.proposeToMentor({ taskToken: 'second', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 });

    expect(result).toEqual({ outcome: 'rebound' });
    expect(await hub.tokenOf(mentee.id, mentor.id)).toBe('second');
    expect(hub.mails().filter((m) => m.template === 'proposal')).toHaveLength(1);
    expect(hub.workflow.responses).toEqual([]);
  });

  it('hands an accept recorded while no task waited to its own token at once', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ matchingAttempt: 2 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, attempt: 1 }, 'dead-token');
    expect(await hub.decide(mentee.id, mentor.id, 'accept')).toEqual({ outcome: 'recorded' });

    const result = await hub.proposeToMentor({ taskToken: 'live-token', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 });

    expect(result).toEqual({ outcome: 'decided', decision: 'accept', response: 'delivered' });
    expect(hub.workflow.responses).toEqual([{ taskToken: 'live-token', kind: 'success', output: { decision: 'accept' }, outcome: 'delivered' }]);
  });

  it('hands a decline recorded while no task waited to its own token and closes the proposal as declined', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ matchingAttempt: 2 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, attempt: 1 }, 'dead-token');
    await hub.decide(mentee.id, mentor.id, 'decline');

    const result = await hub.proposeToMentor({ taskToken: 'live-token', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 });

    expect(result).toMatchObject({ outcome: 'decided', decision: 'decline' });
    expect(hub.workflow.responses).toMatchObject([{ taskToken: 'live-token', kind: 'failure', error: 'ProposalDeclined' }]);
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('declined');
  });

  it('a decline-and-pause recorded while no task waited: the mentor is paused, the candidate skipped, the proposal closed as declined', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ matchingAttempt: 2 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, attempt: 1 }, 'dead-token');
    await hub.decide(mentee.id, mentor.id, 'decline_and_pause');

    const result = await hub.proposeToMentor({ taskToken: 'live-token', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 });

    expect(result).toMatchObject({ outcome: 'skipped', reason: 'mentor_unavailable' });
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('declined');
  });

  it('skips a candidate whose proposal is over (one proposal per mentee and mentor, ever)', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id, status: 'withdrawn' });

    const result = await hub.proposeToMentor({ taskToken: 't', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });

    expect(result).toMatchObject({ outcome: 'skipped', reason: 'final' });
    expect(hub.workflow.responses).toMatchObject([{ taskToken: 't', error: 'ProposalSkipped' }]);
    expect(hub.jobs()).toEqual([]);
  });

  it('is superseded when the mentee left the attempt, and records nothing', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ status: 'in_tandem' });
    await expect(hub.proposeToMentor({ taskToken: 't', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 })).rejects.toBeInstanceOf(MatchingSupersededError);
    expect(await hub.proposal(mentee.id, mentor.id)).toBeUndefined();
    expect(hub.workflow.responses).toEqual([]);
  });
});

describe('AcceptProposal', () => {
  it('creates one tandem (a retried task finds it), moves the mentee, counts the mentor and introduces everyone, the partner included', async () => {
    const hub = makeMatchingHub();
    const partner = hub.seedPartner();
    const mentor = hub.seedMentor({ capacity: 2, activeMentees: 0 });
    const mentee = hub.seedMentee({ partnerId: partner.id });
    await hub.proposeToMentor({ taskToken: 't', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
    await hub.decide(mentee.id, mentor.id, 'accept');

    const first = await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });
    hub.advance(5 * SECOND);
    const retried = await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });

    const tandemId = tandemIdOf(mentee.id, mentor.id);
    expect(acceptOutput.parse(first)).toEqual({ outcome: 'tandem_created', tandemId });
    expect(retried).toEqual(first);
    expect(await hub.store.getTandem(tandemId)).toMatchObject({ menteeId: mentee.id, mentorId: mentor.id, partnerId: partner.id, status: 'active', attempt: 1, track: 'business_creation' });
    expect(await hub.mentee(mentee.id)).toMatchObject({ status: 'in_tandem', tandemId });
    expect((await hub.mentor(mentor.id)).activeMentees).toBe(1);
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('accepted');
    const introductions = hub.mails().filter((m) => m.template === 'introduction');
    expect(introductions.map((m) => m.to)).toEqual(
      expect.arrayContaining([{ role: 'mentor', personId: mentor.id }, { role: 'mentee', personId: mentee.id }, { partnerId: partner.id }]),
    );
    expect(introductions).toHaveLength(3);
    for (const mail of introductions) expect(mailJobSchema.parse(mail)).toMatchObject({ tandemId });
  });

  it('introduces only mentor and mentee when the mentee came without a partner', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });
    await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });
    expect(hub.mails().map((m) => m.to)).toEqual(expect.arrayContaining([{ role: 'mentor', personId: mentor.id }, { role: 'mentee', personId: mentee.id }]));
    expect(hub.mails()).toHaveLength(2);
  });

  it('capacity gone: the mentor has no place left by now; the proposal says so and the workflow moves on', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor({ capacity: 1, activeMentees: 1 });
    const mentee = hub.seedMentee();
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });

    const result = await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });

    expect(result).toEqual({ outcome: 'capacity_gone' });
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('capacity_gone');
    expect((await hub.mentee(mentee.id)).status).toBe('awaiting_match');
    expect(hub.hasItem(keys.tandem(tandemIdOf(mentee.id, mentor.id)))).toBe(false);
    expect(hub.mails()).toEqual([]);
  });

  it('is superseded when the mentee left the attempt', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee({ matchingAttempt: 3 });
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });
    await expect(hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id })).rejects.toBeInstanceOf(MatchingSupersededError);
  });

  it('tandem ids are name-based UUIDs: stable, distinct per pair, valid version 5', () => {
    const a = tandemIdOf('7d3c1a52-3a1e-4c1b-9f0e-2b4d6e8f0a11', '0c2e4a6b-8d0f-4e2a-9c4b-6d8e0f2a4c61');
    expect(a).toBe(tandemIdOf('7d3c1a52-3a1e-4c1b-9f0e-2b4d6e8f0a11', '0c2e4a6b-8d0f-4e2a-9c4b-6d8e0f2a4c61'));
    expect(a).not.toBe(tandemIdOf('0c2e4a6b-8d0f-4e2a-9c4b-6d8e0f2a4c61', '7d3c1a52-3a1e-4c1b-9f0e-2b4d6e8f0a11'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // RFC 9562's own example: the DNS namespace and "www.example.com".
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('RecordExpiry', () => {
  it('closes an unanswered proposal as expired, out of the reminder index', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    await hub.proposeToMentor({ taskToken: 't', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
    hub.advance(7 * DAY);

    const result = await hub.recordExpiry({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });

    expect(recordExpiryOutput.parse(result)).toEqual({ outcome: 'expired' });
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('expired');
    expect(await hub.store.dueReminders(hub.clock.now(), 10)).toEqual([]);
  });

  it('an accept recorded but never delivered: accepted_late (the workflow goes on to AcceptProposal)', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });
    await hub.decide(mentee.id, mentor.id, 'accept');

    expect(await hub.recordExpiry({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id })).toEqual({ outcome: 'accepted_late' });
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('pending');
    expect(await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id })).toMatchObject({ outcome: 'tandem_created' });
  });

  it('a decline recorded but never delivered: declined_late, the proposal closed as declined', async () => {
    const hub = makeMatchingHub();
    const mentor = hub.seedMentor();
    const mentee = hub.seedMentee();
    hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });
    await hub.decide(mentee.id, mentor.id, 'decline');

    expect(await hub.recordExpiry({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id })).toEqual({ outcome: 'declined_late' });
    expect((await hub.proposal(mentee.id, mentor.id))!.status).toBe('declined');
  });
});

describe('MarkUnmatched', () => {
  it('ends the attempt as unmatched and reports the counts to the CCI and the referring partner', async () => {
    const hub = makeMatchingHub();
    const partner = hub.seedPartner();
    const mentee = hub.seedMentee({ partnerId: partner.id });
    const input = { menteeId: mentee.id, attempt: 1, considered: 12, compatible: 2, excluded: { no_capacity: 4, too_far_for_in_person: 6 }, proposed: 2 };

    expect(await hub.markUnmatched(input)).toEqual({ outcome: 'ended' });
    expect(await hub.markUnmatched(input)).toEqual({ outcome: 'superseded' }); // a retried task changes nothing more

    expect((await hub.mentee(mentee.id)).status).toBe('unmatched');
    const reports = hub.mails().map((m) => mailJobSchema.parse(m));
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => r.to)).toEqual(expect.arrayContaining([{ programme: true }, { partnerId: partner.id }]));
    for (const report of reports) {
      expect(report).toMatchObject({ template: 'unmatched_report', menteeId: mentee.id, attempt: 1, considered: 12, compatible: 2, proposed: 2, excluded: input.excluded });
    }
  });

  it('reports to the CCI only when the mentee came without a partner', async () => {
    const hub = makeMatchingHub();
    const mentee = hub.seedMentee();
    await hub.markUnmatched({ menteeId: mentee.id, attempt: 1, considered: 0, compatible: 0, excluded: {}, proposed: 0 });
    expect(hub.mails().map((m) => m.to)).toEqual([{ programme: true }]);
  });

  it('a mentee who left the attempt is not reported', async () => {
    const hub = makeMatchingHub();
    const mentee = hub.seedMentee({ status: 'in_tandem' });
    expect(await hub.markUnmatched({ menteeId: mentee.id, attempt: 1, considered: 0, compatible: 0, excluded: {}, proposed: 0 })).toEqual({ outcome: 'superseded' });
    expect(hub.mails()).toEqual([]);
    expect((await hub.mentee(mentee.id)).status).toBe('in_tandem');
  });
});

describe('MarkFailed', () => {
  it('marks the mentee matching_failed and alerts the CCI with the error name only', async () => {
    const hub = makeMatchingHub();
    const mentee = hub.seedMentee();

    const result = await hub.markFailed({ menteeId: mentee.id, attempt: 1, error: { Error: 'States.TaskFailed', Cause: '{"errorMessage":"Yanis Benali at 12 rue X"}' } });

    expect(result).toEqual({ outcome: 'ended', errorName: 'States.TaskFailed' });
    expect((await hub.mentee(mentee.id)).status).toBe('matching_failed');
    const [alert] = hub.mails();
    expect(mailJobSchema.parse(alert)).toMatchObject({ template: 'matching_failed', to: { programme: true }, menteeId: mentee.id, attempt: 1, errorName: 'States.TaskFailed' });
    expect(JSON.stringify(hub.jobs())).not.toContain('Benali');
  });

  it('an error name that is not an identifier, or none, is reported as unknown', async () => {
    const hub = makeMatchingHub();
    const a = hub.seedMentee();
    const b = hub.seedMentee();
    expect((await hub.markFailed({ menteeId: a.id, attempt: 1, error: { Error: 'Yanis Benali, 12 rue X' } })).errorName).toBe('unknown');
    expect((await hub.markFailed({ menteeId: b.id, attempt: 1 })).errorName).toBe('unknown');
  });
});

describe('one attempt, task after task (as the state machine runs them)', () => {
  it('the best mentor declines, the next one accepts: one tandem, each mentor mailed once, the decline kept for later rankings', async () => {
    const hub = makeMatchingHub();
    const first = hub.seedMentor({ expertise: ['funding', 'business_plan'] });
    const second = hub.seedMentor({ expertise: ['funding'] });
    const mentee = hub.seedMentee();

    const state = await hub.rankCandidates({ menteeId: mentee.id, attempt: 1 });
    expect(state.candidates).toEqual([first.id, second.id]);

    let tandemId: string | undefined;
    for (let index = state.index; index < state.count && !tandemId; index++) {
      const mentorId = state.candidates[index]!;
      const taskToken = `token-${index}`;
      await hub.proposeToMentor({ taskToken, menteeId: mentee.id, attempt: 1, mentorId, rank: index + 1 });
      await hub.decide(mentee.id, mentorId, mentorId === first.id ? 'decline' : 'accept');
      await hub.deliverDecision({ kind: 'deliver_decision', id: randomUUID(), locale: 'fr', recordedAt: hub.clock.now().toISOString(), menteeId: mentee.id, mentorId });
      const answer = hub.workflow.responses.find((r) => r.taskToken === taskToken)!;
      if (answer.kind === 'failure') {
        expect(answer.error).toBe(WORKFLOW_ERRORS.declined);
        continue;
      }
      expect(answer.output).toEqual({ decision: 'accept' });
      tandemId = (await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId })).tandemId;
    }

    expect(tandemId).toBe(tandemIdOf(mentee.id, second.id));
    expect(await hub.mentee(mentee.id)).toMatchObject({ status: 'in_tandem', tandemId });
    expect(hub.mails().filter((m) => m.template === 'proposal').map((m) => m.to)).toEqual(
      expect.arrayContaining([{ role: 'mentor', personId: first.id }, { role: 'mentor', personId: second.id }]),
    );
    expect(hub.mails().filter((m) => m.template === 'proposal')).toHaveLength(2);
    const history = (await hub.store.getMentee(mentee.id))!.proposals.map((p) => [p.mentorId, p.status]);
    expect(history).toEqual(expect.arrayContaining([[first.id, 'declined'], [second.id, 'accepted']]));
  });
});

describe('reminder sweep as a scheduled job', () => {
  it('sweeps as of the scheduled time it is given (npm run jobs -- reminders --now …), else as of the clock', async () => {
    const hub = makeMatchingHub();
    const mentee = hub.seedMentee();
    const mentor = hub.seedMentor();
    await hub.proposeToMentor({ taskToken: 't1', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });

    // The clock has not moved: nothing is due now, but three days later it is.
    expect(await hub.sendReminders({})).toEqual({ due: 0, recorded: 0, notDue: 0 });
    expect(await hub.sendReminders({ scheduledTime: '2026-12-04T11:00:00+01:00' })).toEqual({ due: 1, recorded: 1, notDue: 0 });

    expect((await hub.proposal(mentee.id, mentor.id))!.remindedAt).toBe('2026-12-04T10:00:00.000Z');
  });
});
