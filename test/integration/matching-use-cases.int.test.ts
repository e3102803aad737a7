/**
 * The matching workflow's use cases on the DynamoDB MatchingStore and DynamoDB Local (the workflow
 * engine in memory): a whole attempt as the state machine runs it, a resumed attempt, a retry when
 * capacity appears and the reminder sweep, with what each really wrote read back from the table
 * (a Scan: test code only).
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { memoryMatchingWorkflow } from '../../shared/adapters/memory/matching-workflow';
import { availabilityItems, ENTITY, OUTBOX_JOB_ATTRIBUTE, partnerItem, personItem, type Item } from '../../shared/db/items';
import type { MailJob } from '../../shared/domain/mail-job';
import { MATCHING_DEFAULTS, WORKFLOW_ERRORS, type Decision } from '../../shared/domain/matching';
import type { OutboxJob } from '../../shared/domain/outbox';
import type { MenteeProfile, MentorProfile, Partner } from '../../shared/domain/people';
import type { MatchingStore } from '../../shared/ports/matching-store';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { makeAcceptProposal, tandemIdOf } from '../../shared/use-cases/accept-proposal';
import { makeDeliverDecision } from '../../shared/use-cases/deliver-decision';
import { makeMarkUnmatched } from '../../shared/use-cases/mark-unmatched';
import { makeProposeToMentor } from '../../shared/use-cases/propose-to-mentor';
import { makeRankCandidates } from '../../shared/use-cases/rank-candidates';
import { makeRecordExpiry } from '../../shared/use-cases/record-expiry';
import { makeResumeMatching } from '../../shared/use-cases/resume-matching';
import { makeRetryUnmatched } from '../../shared/use-cases/retry-unmatched';
import { makeSendReminders } from '../../shared/use-cases/send-reminders';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { DAY, menteeProfile, mentorProfile } from '../helpers/matching-hub';

let table: TestTable;
let client: ReturnType<typeof toDocumentClient>;
let store: MatchingStore;

beforeAll(async () => {
  table = await createTestTable('matching-use-cases');
  client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  store = dynamoMatchingStore(client, table.tableName);
});
afterAll(async () => {
  client.destroy();
  await table.drop();
});

const put = (items: Item[]) => Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
async function scan(filter: (item: Item) => boolean): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.filter(filter);
}
const jobsOf = async (menteeOrMentorId: string): Promise<OutboxJob[]> =>
  (await scan((i) => i.entity === ENTITY.outbox && JSON.stringify(i[OUTBOX_JOB_ATTRIBUTE]).includes(menteeOrMentorId))).map((i) => i[OUTBOX_JOB_ATTRIBUTE] as OutboxJob);
const mailsOf = async (id: string): Promise<MailJob[]> => (await jobsOf(id)).flatMap((j) => (j.kind === 'mail' ? [j] : []));

/**
 * One hub per test: its own clock and workflow engine, the same table. Each test seeds its own
 * people (fresh ids; a département of its own where rankings must not see the others' mentors).
 */
function hub(now = '2026-12-01T10:00:00.000Z') {
  let current = new Date(now);
  const clock = { now: () => current };
  const workflow = memoryMatchingWorkflow();
  const deps = { store, workflow, clock, config: { ...MATCHING_DEFAULTS } };
  return {
    workflow,
    advance: (ms: number) => (current = new Date(current.getTime() + ms)),
    now: () => current,
    rank: makeRankCandidates(deps),
    propose: makeProposeToMentor(deps),
    accept: makeAcceptProposal(deps),
    expire: makeRecordExpiry(deps),
    deliver: makeDeliverDecision(deps),
    markUnmatched: makeMarkUnmatched(deps),
    retry: makeRetryUnmatched(deps),
    remind: makeSendReminders(deps),
    resume: makeResumeMatching(deps),
    async seedMentor(overrides: Partial<MentorProfile> = {}) {
      const mentor = mentorProfile(overrides);
      await put([personItem(mentor), ...availabilityItems(mentor)]);
      return mentor;
    },
    async seedMentee(overrides: Partial<MenteeProfile> = {}) {
      const mentee = menteeProfile(overrides);
      await put([personItem(mentee)]);
      return mentee;
    },
    async seedPartner(overrides: Partial<Partner> = {}) {
      const partner: Partner = { id: `p-${randomUUID().slice(0, 8)}`, name: 'Cap emploi', kind: 'cap_emploi', status: 'active', dedicatedPool: false, createdAt: '2026-01-01T00:00:00.000Z', ...overrides };
      await put([partnerItem(partner)]);
      return partner;
    },
    async decide(menteeId: string, mentorId: string, decision: Decision) {
      return store.decide({
        menteeId,
        mentorId,
        decision,
        now: current,
        delivery: { job: { kind: 'deliver_decision', id: randomUUID(), locale: 'fr', recordedAt: current.toISOString(), menteeId, mentorId }, dedupKey: `${menteeId}#${mentorId}` },
      });
    },
  };
}

/** Places in départements no other test uses, so each ranking sees only its own mentors. */
const GAP = { postalCode: '05000', communeCode: '05061' }; // Gap, Hautes-Alpes
const DIGNE = { postalCode: '04000', communeCode: '04070' }; // Digne-les-Bains, Alpes-de-Haute-Provence
const LOZERE = { postalCode: '48000', communeCode: '48095' }; // Mende, Lozère

describe('matching use cases on DynamoDB', () => {
  it('a whole attempt: the best mentor declines, the next accepts, the tandem is created once', async () => {
    const h = hub();
    const partner = await h.seedPartner();
    const first = await h.seedMentor({ ...GAP, expertise: ['funding', 'business_plan'] });
    const second = await h.seedMentor({ ...GAP, expertise: ['funding'] });
    const remote = await h.seedMentor({ postalCode: '69001', communeCode: '69381', meetingModes: ['remote'], expertise: [] });
    const mentee = await h.seedMentee({ ...GAP, meetingModes: ['in_person', 'remote'], partnerId: partner.id });

    const state = await h.rank({ menteeId: mentee.id, attempt: 1 });
    expect(state.candidates.slice(0, 2)).toEqual([first.id, second.id]);
    expect(state.candidates).toContain(remote.id); // from a remote shard

    // First candidate: recorded with its expiry, declined, the decline delivered.
    expect(await h.propose({ taskToken: 't1', menteeId: mentee.id, attempt: 1, mentorId: first.id, rank: 1 })).toEqual({ outcome: 'recorded' });
    expect(await store.getProposal(mentee.id, first.id)).toMatchObject({ status: 'pending', expiresAt: '2026-12-08T10:00:00.000Z' });
    await h.decide(mentee.id, first.id, 'decline');
    expect(await h.deliver({ kind: 'deliver_decision', id: randomUUID(), locale: 'fr', recordedAt: h.now().toISOString(), menteeId: mentee.id, mentorId: first.id })).toBe('delivered');
    expect(h.workflow.responses.at(-1)).toMatchObject({ taskToken: 't1', kind: 'failure', error: WORKFLOW_ERRORS.declined });
    expect((await store.getProposal(mentee.id, first.id))!.status).toBe('declined');

    // Second candidate: accepted; AcceptProposal retried once, as a Lambda retry would.
    await h.propose({ taskToken: 't2', menteeId: mentee.id, attempt: 1, mentorId: second.id, rank: 2 });
    await h.decide(mentee.id, second.id, 'accept');
    await h.deliver({ kind: 'deliver_decision', id: randomUUID(), locale: 'fr', recordedAt: h.now().toISOString(), menteeId: mentee.id, mentorId: second.id });
    expect(h.workflow.responses.at(-1)).toMatchObject({ taskToken: 't2', kind: 'success', output: { decision: 'accept' } });
    const created = await h.accept({ menteeId: mentee.id, attempt: 1, mentorId: second.id });
    expect(await h.accept({ menteeId: mentee.id, attempt: 1, mentorId: second.id })).toEqual(created);

    const tandemId = tandemIdOf(mentee.id, second.id);
    expect(created).toEqual({ outcome: 'tandem_created', tandemId });
    expect(await scan((i) => i.entity === ENTITY.tandem && i.menteeId === mentee.id)).toHaveLength(1);
    expect((await store.getMentee(mentee.id))!.mentee).toMatchObject({ status: 'in_tandem', tandemId });
    expect((await store.getMentor(second.id))!.activeMentees).toBe(1);
    const mails = await mailsOf(mentee.id);
    expect(mails.filter((m) => m.template === 'proposal')).toHaveLength(2);
    expect((await mailsOf(tandemId)).filter((m) => m.template === 'introduction').map((m) => m.to)).toEqual(
      expect.arrayContaining([{ role: 'mentor', personId: second.id }, { role: 'mentee', personId: mentee.id }, { partnerId: partner.id }]),
    );
    expect((await mailsOf(tandemId)).filter((m) => m.template === 'introduction')).toHaveLength(3);
  });

  it('a resumed attempt re-binds the pending proposal (no second mail) and an expiry with an undelivered accept goes on to the tandem', async () => {
    const h = hub();
    const mentor = await h.seedMentor(DIGNE);
    const mentee = await h.seedMentee(DIGNE);
    await h.propose({ taskToken: 'before-restart', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });

    await h.resume();
    expect((await store.getMentee(mentee.id))!.mentee.matchingAttempt).toBe(2);
    expect((await jobsOf(mentee.id)).filter((j) => j.kind === 'start_matching')).toMatchObject([{ menteeId: mentee.id, attempt: 2 }]);
    const state = await h.rank({ menteeId: mentee.id, attempt: 2 });
    expect(state.candidates[0]).toBe(mentor.id);
    expect(await h.propose({ taskToken: 'after-restart', menteeId: mentee.id, attempt: 2, mentorId: mentor.id, rank: 1 })).toEqual({ outcome: 'rebound' });
    expect((await store.getProposalWithToken(mentee.id, mentor.id))!.taskToken).toBe('after-restart');
    expect((await mailsOf(mentee.id)).filter((m) => m.template === 'proposal')).toHaveLength(1);

    // The accept's delivery finds the task gone; at the timeout, RecordExpiry finds the accept.
    h.workflow.gone.add('after-restart');
    await h.decide(mentee.id, mentor.id, 'accept');
    expect(await h.deliver({ kind: 'deliver_decision', id: randomUUID(), locale: 'fr', recordedAt: h.now().toISOString(), menteeId: mentee.id, mentorId: mentor.id })).toBe('task_gone');
    h.advance(7 * DAY);
    expect(await h.expire({ menteeId: mentee.id, attempt: 2, mentorId: mentor.id })).toEqual({ outcome: 'accepted_late' });
    expect(await h.accept({ menteeId: mentee.id, attempt: 2, mentorId: mentor.id })).toMatchObject({ outcome: 'tandem_created' });
  });

  it('unmatched, then retried when a mentor has a place again, at most once a day', async () => {
    const h = hub('2026-12-01T09:00:00.000Z');
    const mentee = await h.seedMentee(LOZERE);
    expect(await h.rank({ menteeId: mentee.id, attempt: 1 })).toMatchObject({ count: 0, considered: 0 });
    expect(await h.markUnmatched({ menteeId: mentee.id, attempt: 1, considered: 0, compatible: 0, excluded: {}, proposed: 0 })).toEqual({ outcome: 'ended' });
    expect((await mailsOf(mentee.id)).filter((m) => m.template === 'unmatched_report').map((m) => m.to)).toEqual([{ programme: true }]);

    const mentor = await h.seedMentor(LOZERE);
    const job = { kind: 'capacity_appeared' as const, id: randomUUID(), locale: 'fr' as const, recordedAt: h.now().toISOString(), mentorId: mentor.id };
    expect(await h.retry(job)).toMatchObject({ retried: 1 });
    expect((await store.getMentee(mentee.id))!.mentee).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, lastRetryDay: '2026-12-01' });
    await h.markUnmatched({ menteeId: mentee.id, attempt: 2, considered: 1, compatible: 1, excluded: {}, proposed: 1 });
    expect(await h.retry({ ...job, id: randomUUID() })).toMatchObject({ retried: 0 });
    h.advance(DAY);
    expect(await h.retry({ ...job, id: randomUUID() })).toMatchObject({ retried: 1 });
    expect((await jobsOf(mentee.id)).filter((j) => j.kind === 'start_matching').map((j) => (j as { attempt: number }).attempt).sort()).toEqual([2, 3]);
  });

  it('the reminder sweep reminds a waiting mentor once', async () => {
    const h = hub('2026-11-01T10:00:00.000Z'); // before the other tests' proposals, so only this one is due
    const mentor = await h.seedMentor();
    const mentee = await h.seedMentee();
    await h.propose({ taskToken: 't', menteeId: mentee.id, attempt: 1, mentorId: mentor.id, rank: 1 });
    h.advance(3 * DAY);
    expect(await h.remind()).toMatchObject({ recorded: 1 });
    expect(await h.remind()).toMatchObject({ recorded: 0 });
    expect((await mailsOf(mentee.id)).filter((m) => m.template === 'proposal' && m.reminder)).toHaveLength(1);
  });
});
