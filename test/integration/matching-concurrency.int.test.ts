/**
 * The matching store's invariants under real contention, on DynamoDB Local: racing calls settle in
 * the database (conditions and transactions), never in the caller. A call refused because of a
 * conflicting transaction is told to retry (ServiceUnavailableError), and is retried here as the
 * workflow's Retry and the stream's redelivery would: the outcome after retries is what counts.
 * The table is read back with a Scan (test code only) to count what was really written.
 */
import { BatchWriteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMatchingStore, type DynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { availabilityItems, personItem, type Item } from '../../shared/db/items';
import type { Decision } from '../../shared/domain/matching';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { activeMentor, delivery, introductions, proposalMail, proposalOf, tandemOf, waitingMentee } from '../contract/matching-store.contract';
import { later, race } from '../contract/support';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

let table: TestTable;
let store: DynamoMatchingStore;
let client: ReturnType<typeof toDocumentClient>;

beforeAll(async () => {
  table = await createTestTable('matching-race');
  client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  store = dynamoMatchingStore(client, table.tableName);
});
afterAll(async () => {
  client.destroy();
  await table.drop();
});

const put = (items: Item[]) => Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
/** The items that pass `filter` (a Scan: test code only). */
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

/** Runs the calls at once, then retries each one told to retry until it gets an answer. */
async function settleAll<T>(calls: Array<() => Promise<T>>): Promise<{ outcomes: T[]; retried: number }> {
  const first = await race(calls.map((call) => call()));
  let retried = 0;
  const outcomes = await Promise.all(
    first.map(async (outcome, i) => {
      let result = outcome;
      for (let round = 0; result === 'retry' && round < 20; round++) {
        retried += 1;
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 50));
        result = (await race([calls[i]!()]))[0]!;
      }
      if (result === 'retry') throw new Error('still contended after 20 retries');
      return result;
    }),
  );
  return { outcomes, retried };
}

async function proposalFor(mentor = activeMentor(), mentee = waitingMentee()) {
  await put([personItem(mentor), ...availabilityItems(mentor), personItem(mentee)]);
  const proposal = proposalOf(mentee, mentor);
  expect(await store.recordProposal({ proposal, taskToken: `token-${mentee.id}`, remindAt: later(3 * 86400).toISOString(), mail: proposalMail(proposal) })).toEqual({
    outcome: 'recorded',
  });
  return proposal;
}

describe('matching store under contention (DynamoDB Local)', () => {
  it('50 simultaneous clicks on one proposal: exactly one decision recorded, one delivery job', async () => {
    const proposal = await proposalFor();
    const decisions: Decision[] = ['accept', 'decline', 'decline_and_pause'];
    const clicks = Array.from({ length: 50 }, (_, i) => {
      const now = later(3600 + i);
      // Each click brings its own delivery key: a delivery job recorded by a losing click would show as a second item.
      const job = { ...delivery(proposal.menteeId, proposal.mentorId, now), dedupKey: `${proposal.menteeId}#${proposal.mentorId}#${i}` };
      return () => store.decide({ menteeId: proposal.menteeId, mentorId: proposal.mentorId, decision: decisions[i % 3]!, now, delivery: job });
    });
    const { outcomes } = await settleAll(clicks);
    const recorded = outcomes.map((o, i) => [o, i] as const).filter(([o]) => o.outcome === 'recorded');
    expect(recorded).toHaveLength(1);
    const winner = recorded[0]![1];
    expect(outcomes.filter((o) => o.outcome !== 'recorded')).toEqual(Array.from({ length: 49 }, () => ({ outcome: 'already_decided', decision: decisions[winner % 3] })));
    const jobs = await scan((item) => item.kind === 'deliver_decision' && (item.job as { menteeId: string }).menteeId === proposal.menteeId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.PK).toBe(`OUTBOX#DELIVER_DECISION#${proposal.menteeId}#${proposal.mentorId}#${winner}`);
    const stored = await store.getProposal(proposal.menteeId, proposal.mentorId);
    expect(stored).toMatchObject({ status: 'pending', decision: decisions[winner % 3], decidedAt: later(3600 + winner).toISOString() });
  });

  it('two proposals accepted at once for a mentor with one place left: one tandem, the other capacity_gone', async () => {
    const mentor = activeMentor({ capacity: 3, activeMentees: 2 });
    const [pa, pb] = [await proposalFor(mentor), await proposalFor(mentor)];
    const tandems = [tandemOf(pa), tandemOf(pb)];
    const { outcomes } = await settleAll([pa, pb].map((p, i) => () => store.createTandem({ tandem: tandems[i]!, now: later(7200), mails: introductions(later(7200)) })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['capacity_gone', 'created']);
    const winner = outcomes.findIndex((o) => o.outcome === 'created');
    const loser = 1 - winner;
    expect((await store.getMentor(mentor.id))?.activeMentees).toBe(3);
    const entries = await scan((item) => item.entity === 'Availability' && item.mentorId === mentor.id);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => (e.candidate as { activeMentees: number }).activeMentees)).toEqual(entries.map(() => 3));
    expect(await scan((item) => item.entity === 'Tandem' && item.mentorId === mentor.id)).toHaveLength(1);
    expect((await store.getProposal(tandems[loser]!.menteeId, mentor.id))?.status).toBe('capacity_gone');
    expect((await store.getMentee(tandems[loser]!.menteeId))?.mentee.status).toBe('awaiting_match');
    expect((await store.getMentee(tandems[winner]!.menteeId))?.mentee).toMatchObject({ status: 'in_tandem', tandemId: tandems[winner]!.id });
    const intros = await scan((item) => item.kind === 'mail' && (item.job as { template: string; tandemId?: string }).tandemId === tandems[loser]!.id);
    expect(intros).toEqual([]);
  });

  it('a mentee is never in two active tandems: two mentors accept at once, one tandem, the other mentee_gone', async () => {
    const mentee = waitingMentee();
    const [m1, m2, m3] = [activeMentor(), activeMentor(), activeMentor()];
    const proposals = [await proposalFor(m1, mentee), await proposalFor(m2, mentee), await proposalFor(m3, mentee)];
    const { outcomes } = await settleAll(proposals.map((p) => () => store.createTandem({ tandem: tandemOf(p), now: later(7200), mails: introductions(later(7200)) })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['created', 'mentee_gone', 'mentee_gone']);
    const tandems = await scan((item) => item.entity === 'Tandem' && item.menteeId === mentee.id);
    expect(tandems).toHaveLength(1);
    const counts = await Promise.all([m1, m2, m3].map(async (m) => (await store.getMentor(m.id))?.activeMentees));
    expect(counts.sort()).toEqual([0, 0, 1]);
    expect((await store.getMentee(mentee.id))?.mentee).toMatchObject({ status: 'in_tandem', tandemId: tandems[0]!.id });
  });
});

describe('loadCandidates past one Query page (DynamoDB Local)', () => {
  it('reads every page of a partition larger than 1 MB, each mentor once', async () => {
    // 2 500 remote-capable mentors of one track in a département no other test uses: ~1.5 MB in its partition.
    const mentors = Array.from({ length: 2_500 }, () => activeMentor({ tracks: ['job_search'], postalCode: '84000', communeCode: '84007' }));
    const items = mentors.flatMap(availabilityItems);
    await Promise.all(
      Array.from({ length: Math.ceil(items.length / 25) }, async (_, i) => {
        let requests: Array<{ PutRequest: { Item: Item } }> | undefined = items.slice(i * 25, i * 25 + 25).map((Item) => ({ PutRequest: { Item } }));
        while (requests?.length) {
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }));
          requests = result.UnprocessedItems?.[table.tableName] as typeof requests;
        }
      }),
    );
    const inPerson = await store.loadCandidatePages({ track: 'job_search', departement: '84', remote: false });
    expect(inPerson.pages).toBeGreaterThan(1);
    expect(inPerson.candidates.map((c) => c.id).sort()).toEqual(mentors.map((m) => m.id).sort());
    // With the remote shards: the same mentors again (each in its shard too), listed once, with the
    // remote-capable mentors of the earlier tests (Marseille, job_search among their tracks).
    const remote = await store.loadCandidatePages({ track: 'job_search', departement: '84', remote: true });
    expect(remote.pages).toBeGreaterThan(inPerson.pages + 8 - 1);
    const ids = remote.candidates.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(mentors.map((m) => m.id)));
    expect(remote.candidates.filter((c) => c.place.departement === '84')).toHaveLength(mentors.length);
  }, 60_000);
});
