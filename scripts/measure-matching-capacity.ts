/**
 * `npx tsx scripts/measure-matching-capacity.ts [--json]`: the DynamoDB capacity units a match
 * costs, step by step, as the workflow's use cases call the DynamoDB MatchingStore, read from
 * DynamoDB Local's consumed-capacity reports (ReturnConsumedCapacity TOTAL on every call: table and
 * indexes together). For docs/cost.md.
 *
 * Data: the demo programme (`npm start -- --demo`: 250 mentors, 195 active, in Aix-Marseille) in
 * the availability index, and one `awaiting_match` mentee of it who accepts remote meetings (so
 * its candidate load reads its département's partition and the 8 remote shards). Two courses:
 * - one successful match: rank (RankCandidates), proposal (ProposeToMentor), the mentor's click
 *   (the decide route's store call), the decision's delivery (jobs consumer), the accept
 *   (AcceptProposal);
 * - a decline then an accept: the same with a first candidate who declines (its delivery closes
 *   the proposal) before the second accepts.
 * The workflow engine is a stub that answers "delivered": Step Functions costs no table capacity.
 * A call refused by a condition reports no capacity to the SDK (DynamoDB still bills it): none is
 * refused on these courses. DynamoDB Local counts a transactional write twice what AWS bills (a
 * one-item transaction of a 0.5 KB item: 4 WCU, AWS 2): the script prints that calibration. Mail jobs' consumers and the stream are not table capacity and are
 * left out (the mail consumer's reads are counted in test/integration/capacity.int.test.ts).
 */
import { BatchWriteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { toDocumentClient } from '../shared/adapters/dynamodb/client';
import { dynamoMatchingStore } from '../shared/adapters/dynamodb/matching-store';
import { partnerItem, type Item } from '../shared/db/items';
import { keys } from '../shared/db/keys';
import { MATCHING_DEFAULTS, type Decision } from '../shared/domain/matching';
import type { MatchingWorkflow } from '../shared/ports/matching-workflow';
import { makeAcceptProposal } from '../shared/use-cases/accept-proposal';
import { decisionDedupKey } from '../shared/use-cases/decide-proposal';
import { makeDeliverDecision } from '../shared/use-cases/deliver-decision';
import { makeProposeToMentor } from '../shared/use-cases/propose-to-mentor';
import { makeRankCandidates } from '../shared/use-cases/rank-candidates';
import { demoItems, demoProgramme } from '../infra/local/demo-seed';
import { ensureTable, localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { capacityMeter } from '../test/helpers/capacity-meter';

interface Usage {
  reads: number;
  writes: number;
  calls: number;
}


const json = process.argv.includes('--json');
const dynamo = await startDynamoDbLocal({ inMemory: true });
const raw = localDynamoDbClient(dynamo.endpoint);
const db = toDocumentClient(raw);
try {
  const tableName = 'measure-matching';
  await ensureTable(dynamo.endpoint, tableName);
  const programme = demoProgramme(new Date());
  const items: Item[] = [...programme.partners.map(partnerItem), ...demoItems(programme)];
  for (let i = 0; i < items.length; i += 25) {
    let requests: Array<{ PutRequest: { Item: Item } }> | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests?.length) requests = (await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }))).UnprocessedItems?.[tableName] as typeof requests;
  }

  const meter = capacityMeter(raw);
  const measure = async (operation: () => Promise<unknown>): Promise<Usage> => {
    const { readUnits, writeUnits, calls } = await meter.measure(operation);
    return { reads: readUnits, writes: writeUnits, calls };
  };
  const store = dynamoMatchingStore(db, tableName);
  const workflow: MatchingWorkflow = { start: async () => 'started', sendTaskSuccess: async () => 'delivered', sendTaskFailure: async () => 'delivered' };
  const clock = { now: () => new Date() };
  const deps = { store, workflow, clock, config: { ...MATCHING_DEFAULTS } };
  const rankCandidates = makeRankCandidates(deps);
  const propose = makeProposeToMentor(deps);
  const deliver = makeDeliverDecision(deps);
  const accept = makeAcceptProposal(deps);
  /** The decide route's one store call (its link check reads nothing from the table). */
  const decide = (menteeId: string, mentorId: string, decision: Decision) => {
    const now = clock.now();
    return store.decide({
      menteeId,
      mentorId,
      decision,
      ...(decision === 'accept' ? {} : { reason: 'no_time' as const }),
      now,
      delivery: { job: { id: randomUUID(), kind: 'deliver_decision', locale: 'fr', recordedAt: now.toISOString(), menteeId, mentorId }, dedupKey: decisionDedupKey(menteeId, mentorId) },
    });
  };
  const deliveryJob = (menteeId: string, mentorId: string) => ({ id: randomUUID(), kind: 'deliver_decision' as const, locale: 'fr' as const, recordedAt: clock.now().toISOString(), menteeId, mentorId });

  /** A waiting mentee who accepts remote meetings, referred by a partner (its report and pool are read). */
  const waiting = programme.mentees.filter((m) => m.status === 'awaiting_match');
  const pickMentee = (n: number) => waiting.filter((m) => m.meetingModes.includes('remote'))[n] ?? waiting[n]!;

  type Row = { course: string; step: string } & Usage;
  const rows: Row[] = [];
  async function course(name: string, mentee: (typeof waiting)[number], declines: number) {
    const attempt = mentee.matchingAttempt ?? 1;
    let ranked: Awaited<ReturnType<typeof rankCandidates>> | undefined;
    rows.push({ course: name, step: 'rank (getMentee, getPartner, loadCandidates)', ...(await measure(async () => (ranked = await rankCandidates({ menteeId: mentee.id, attempt })))) });
    if (!ranked || ranked.count < declines + 1) throw new Error(`Not enough candidates for ${name}`);
    for (let i = 0; i <= declines; i++) {
      const mentorId = ranked.candidates[i]!;
      const decision: Decision = i < declines ? 'decline' : 'accept';
      const label = i < declines ? ` (candidate ${i + 1}, declines)` : declines ? ` (candidate ${i + 1}, accepts)` : '';
      rows.push({
        course: name,
        step: `proposal record${label}`,
        ...(await measure(() => propose({ taskToken: `token-${randomUUID()}`, menteeId: mentee.id, attempt, mentorId, rank: i + 1 }))),
      });
      rows.push({ course: name, step: `decide: ${decision}`, ...(await measure(() => decide(mentee.id, mentorId, decision))) });
      rows.push({
        course: name,
        step: `deliver read${decision === 'accept' ? '' : ' + proposal closed'}`,
        ...(await measure(() => deliver(deliveryJob(mentee.id, mentorId)))),
      });
      if (decision === 'accept') {
        let outcome: unknown;
        rows.push({ course: name, step: 'accept transaction (reads + createTandem)', ...(await measure(async () => (outcome = await accept({ menteeId: mentee.id, attempt, mentorId })))) });
        if ((outcome as { outcome: string }).outcome !== 'tandem_created') throw new Error(`The accept did not create the tandem: ${JSON.stringify(outcome)}`);
      }
    }
    const total = rows.filter((r) => r.course === name).reduce((t, r) => ({ reads: t.reads + r.reads, writes: t.writes + r.writes, calls: t.calls + r.calls }), { reads: 0, writes: 0, calls: 0 });
    rows.push({ course: name, step: 'total', ...total });
  }

  await course('one successful match', pickMentee(0), 0);
  await course('decline then accept', pickMentee(1), 1);

  const cell = (x: number) => (Math.round(x * 10) / 10).toString();
  const width = Math.max(...rows.map((r) => r.step.length));
  let current = '';
  console.log(`\nDynamoDB capacity per match step (DynamoDB Local, demo programme: ${programme.mentors.filter((m) => m.status === 'active').length} active mentors)\n`);
  console.log(`  ${'step'.padEnd(width)}  ${'RCU'.padStart(6)}  ${'WCU'.padStart(6)}  ${'calls'.padStart(5)}`);
  for (const r of rows) {
    if (r.course !== current) console.log(`\n  ${(current = r.course)}`);
    console.log(`  ${r.step.padEnd(width)}  ${cell(r.reads).padStart(6)}  ${cell(r.writes).padStart(6)}  ${String(r.calls).padStart(5)}`);
  }
  // What drives the write units (1 WCU per KB, twice in a transaction, again in each index holding the item).
  const sample = rows.length > 0 ? pickMentee(0) : undefined;
  const sizes: Record<string, number> = {};
  if (sample) {
    const found = await store.getMentee(sample.id);
    const proposal = found?.proposals[0];
    const read = (key: Record<string, string>) => db.send(new GetCommand({ TableName: tableName, Key: key })).then((r) => JSON.stringify(r.Item ?? {}).length);
    sizes['mentee profile'] = await read(keys.person('mentee', sample.id));
    if (proposal) {
      sizes['proposal'] = await read(keys.proposal(proposal.menteeId, proposal.mentorId));
      sizes['mentor profile'] = await read(keys.person('mentor', proposal.mentorId));
      if (proposal.tandemId) sizes['tandem'] = await read(keys.tandem(proposal.tandemId));
    }
    const entry = programme.mentors.find((m) => m.status === 'active');
    if (entry) sizes['availability entry'] = JSON.stringify(demoItems({ ...programme, mentors: [entry], mentees: [], tandems: [] }).at(-1)).length;
  }
  console.log(`\n  item sizes (JSON bytes, about DynamoDB's): ${Object.entries(sizes).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  // Calibration: how DynamoDB Local counts one 0.5 KB item in no index, written plainly and in a transaction.
  const calibration = { PK: 'CALIBRATION#1', SK: 'X', v: 'a'.repeat(500) };
  const plain = await measure(() => db.send(new PutCommand({ TableName: tableName, Item: calibration })));
  const transactional = await measure(() => db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName, Item: { ...calibration, PK: 'CALIBRATION#2' } } }] })));
  sizes['calibration: 0.5 KB Put WCU'] = plain.writes;
  sizes['calibration: same Put in a transaction WCU'] = transactional.writes;
  console.log(
    `  calibration: a 0.5 KB Put counts ${plain.writes} WCU, ${transactional.writes} WCU in a one-item transaction (AWS bills 1 and 2: DynamoDB Local's transactional figures are about twice AWS's)`,
  );
  if (json) console.log(JSON.stringify({ rows, sizes }));
} finally {
  db.destroy();
  await dynamo.stop();
}
