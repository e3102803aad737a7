/**
 * The console's mentee use cases on DynamoDB Local, wired as functions/commons/admin-mentees-wiring.ts
 * wires them: the ranking read from the availability partitions, names by BatchGetItem, the pending
 * index and the last report as the workflow's own writes leave them, and the CCI's new attempt in
 * one transaction.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { dynamoBackOfficeReads } from '../../shared/adapters/dynamodb/back-office-reads';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { availabilityItems, personItem, type Item } from '../../shared/db/items';
import { MATCHING_DEFAULTS, type Proposal } from '../../shared/domain/matching';
import { makeGetAttention } from '../../shared/use-cases/admin/get-attention';
import { makeGetMentee } from '../../shared/use-cases/admin/get-mentee';
import { makeStartMenteeMatching } from '../../shared/use-cases/admin/start-mentee-matching';
import { makeMarkUnmatched } from '../../shared/use-cases/mark-unmatched';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

let table: TestTable;
let client: ReturnType<typeof toDocumentClient>;
const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };

beforeAll(async () => {
  table = await createTestTable('back-office-use-cases');
  client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
});
afterAll(async () => {
  client.destroy();
  await table.drop();
});

const put = (items: Item[]) => Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
const wired = () => {
  const store = dynamoMatchingStore(client, table.tableName);
  const reads = dynamoBackOfficeReads(client, table.tableName);
  return {
    store,
    getAttention: makeGetAttention({ reads, clock }),
    getMentee: makeGetMentee({ store, reads, clock }),
    startMenteeMatching: makeStartMenteeMatching({ store, clock }),
    markUnmatched: makeMarkUnmatched({ store, clock }),
  };
};

describe('console mentee use cases on DynamoDB', () => {
  it('the ranking, the unanswered proposal, the new attempt with a chosen mentor, and the report of an unmatched mentee', async () => {
    const w = wired();
    const mentee = menteeProfile({ firstName: 'Lina' });
    const [pending, chosen, full] = [mentorProfile({ firstName: 'Aline' }), mentorProfile({ firstName: 'Bruno' }), mentorProfile({ firstName: 'Chloé', capacity: 1, activeMentees: 1 })];
    await put([personItem(mentee), ...[pending, chosen, full].flatMap((m) => [personItem(m), ...availabilityItems(m)])]);
    const proposal: Proposal = {
      menteeId: mentee.id,
      mentorId: pending.id,
      attempt: 1,
      rank: 1,
      score: 0.7,
      reasons: [],
      status: 'pending',
      createdAt: '2026-11-28T10:00:00.000Z',
      expiresAt: new Date(Date.parse('2026-11-28T10:00:00.000Z') + MATCHING_DEFAULTS.proposalLifetimeSeconds * 1000).toISOString(),
    };
    const mail = { job: { kind: 'mail' as const, id: randomUUID(), locale: 'fr' as const, recordedAt: proposal.createdAt, template: 'proposal' as const, to: { role: 'mentor' as const, personId: pending.id }, menteeId: mentee.id, reminder: false }, dedupKey: `p#${mentee.id}` };
    expect(await w.store.recordProposal({ proposal, taskToken: 't', remindAt: '2026-12-01T10:00:00.000Z', mail })).toEqual({ outcome: 'recorded' });

    const detail = await w.getMentee(mentee.id);
    expect(detail.proposals.map((p) => [p.mentor.firstName, p.status])).toEqual([['Aline', 'pending']]);
    expect(detail.ranking?.candidates.map((c) => c.mentor.firstName).sort()).toEqual(['Aline', 'Bruno']);
    expect(detail.ranking?.excludedMentors.map((e) => [e.mentor.firstName, e.code])).toEqual([['Chloé', 'no_capacity']]);

    const unanswered = (await w.getAttention()).proposalsUnanswered;
    expect(unanswered).toEqual([
      { mentee: { id: mentee.id, firstName: 'Lina', lastName: 'Benali' }, mentor: { id: pending.id, firstName: 'Aline', lastName: 'Durand' }, createdAt: proposal.createdAt, expiresAt: proposal.expiresAt, daysWaiting: 3 },
    ]);

    expect(await w.startMenteeMatching({ menteeId: mentee.id, mentorId: chosen.id })).toEqual({ status: 'matching_started', attempt: 2 });
    expect((await w.store.getMentee(mentee.id))?.mentee).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, preferredMentor: { attempt: 2, mentorId: chosen.id } });
    expect((await w.store.getProposal(mentee.id, pending.id))?.status).toBe('withdrawn');
    expect((await w.getAttention()).proposalsUnanswered).toEqual([]);

    expect(await w.markUnmatched({ menteeId: mentee.id, attempt: 2, considered: 3, compatible: 1, proposed: 1, excluded: { no_capacity: 1, declined_before: 1 } })).toEqual({ outcome: 'ended' });
    const attention = await w.getAttention();
    expect(attention.unmatched.map((u) => [u.mentee.id, u.report?.lines.length])).toEqual([[mentee.id, 2]]);
    expect((await w.getMentee(mentee.id)).lastUnmatchedReport).toMatchObject({ considered: 3, proposed: 1, excluded: { no_capacity: 1, declined_before: 1 } });
  });
});
