/**
 * The matching pool as the workflow reads it: how long RankCandidates takes to load a mentee's
 * candidates from the availability index and rank them, with 50 000 active mentors in the table.
 * Called by `scripts/bench.ts`.
 *
 * Setup: DynamoDB Local in memory, the table from the same definition as production, and the
 * availability entries of 50 000 active mentors of one track (the generator's profiles, then placed
 * over 18 départements — a fifth in the Bouches-du-Rhône, the rest spread evenly — with about half
 * of them meeting remotely), written with parallel BatchWriteItem requests, entries built by
 * `availabilityItems` as the stores write them.
 *
 * Measurement, for a mentee in Marseille who accepts remote meetings (the département's partition
 * and the 8 remote shards) and one who meets in person only (the département's partition):
 * `loadCandidates` of the DynamoDB store (Query pages in parallel, the candidate attribute only)
 * and `rank` on what it returned, each the median of a few runs after a warm-up; with the number
 * of mentors loaded and of Query pages read.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toDocumentClient } from '../shared/adapters/dynamodb/client';
import { dynamoMatchingStore } from '../shared/adapters/dynamodb/matching-store';
import { availabilityItems, type Item } from '../shared/db/items';
import type { MenteeProfile, MentorProfile } from '../shared/domain/people';
import { menteeRequest } from '../shared/matching/from-profiles';
import { rank } from '../shared/matching/rank';
import { generateProgramme, seededRandom } from '../shared/synthetic/generator';
import { ensureTable, localDynamoDbClient, startDynamoDbLocal } from '../infra/local/dynamodb-local';

export interface MatchingPoolSide {
  /** Mentors loaded (each once). */
  loaded: number;
  /** Query pages read (1 MB each at most), all partitions together. */
  pages: number;
  loadP50Ms: number;
  rankP50Ms: number;
  /** Candidates the ranking found compatible. */
  compatible: number;
}

export interface MatchingPool {
  mentors: number;
  /** Availability entries written (a remote-capable mentor has two). */
  entries: number;
  seedMs: number;
  remote: MatchingPoolSide;
  inPerson: MatchingPoolSide;
}

export interface MatchingPoolOptions {
  mentors?: number;
  runs?: number;
  seed?: number;
  log?: (line: string) => void;
}

const TRACK = 'business_creation';
/** Where the mentors live: [postal code, commune code], the first (Marseille) weighted. */
const PLACES: ReadonlyArray<readonly [string, string]> = [
  ['13001', '13201'],
  ['13100', '13001'],
  ['83000', '83137'],
  ['84000', '84007'],
  ['75001', '75101'],
  ['69001', '69381'],
  ['06000', '06088'],
  ['31000', '31555'],
  ['33000', '33063'],
  ['59000', '59350'],
  ['44000', '44109'],
  ['34000', '34172'],
  ['67000', '67482'],
  ['35000', '35238'],
  ['04000', '04070'],
  ['05000', '05061'],
  ['30000', '30189'],
  ['38000', '38185'],
];
/** Share of the mentors in the Bouches-du-Rhône (the first two places). */
const HOME_SHARE = 0.2;
const REMOTE_SHARE = 0.5;
/** BatchWriteItem requests in flight while seeding. */
const WRITERS = 16;

const round = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: Item[]) {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const writer = async () => {
    while (next < batches.length) {
      let requests: Array<{ PutRequest: { Item: Item } }> | undefined = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (requests && requests.length > 0) {
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = result.UnprocessedItems?.[tableName] as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

export async function benchMatchingPool(options: MatchingPoolOptions = {}): Promise<MatchingPool> {
  const count = options.mentors ?? 50_000;
  const runs = options.runs ?? 5;
  const seed = options.seed ?? 20261126;
  const log = options.log ?? (() => undefined);
  const random = seededRandom(seed + 7);

  const programme = generateProgramme({ seed, mentors: count, mentees: 1, lifecycle: 'cohort', capacity: [1, 3] });
  const mentors: MentorProfile[] = programme.mentors.map((m) => {
    const home = random.next() < HOME_SHARE;
    const [postalCode, communeCode] = home ? PLACES[random.int(0, 1)]! : PLACES[random.int(2, PLACES.length - 1)]!;
    const remote = random.next() < REMOTE_SHARE;
    return { ...m, tracks: [TRACK], postalCode, communeCode, meetingModes: remote ? ['in_person', 'remote'] : ['in_person'] };
  });
  const items = mentors.flatMap(availabilityItems);

  const dynamo = await startDynamoDbLocal({ inMemory: true });
  const raw = localDynamoDbClient(dynamo.endpoint);
  const db = toDocumentClient(raw);
  try {
    const tableName = 'bench-matching-pool';
    await ensureTable(dynamo.endpoint, tableName);
    log(`matching pool: writing ${items.length} availability entries of ${count} mentors (${WRITERS} parallel batch writers)`);
    let t0 = performance.now();
    await writeAll(db, tableName, items);
    const seedMs = performance.now() - t0;
    const store = dynamoMatchingStore(db, tableName);

    const base = programme.mentees[0]!;
    const mentee = (modes: MenteeProfile['meetingModes']): MenteeProfile => ({ ...base, track: TRACK, postalCode: '13001', communeCode: '13201', meetingModes: modes, languages: ['fr'] });
    const side = async (profile: MenteeProfile): Promise<MatchingPoolSide> => {
      const request = menteeRequest(profile);
      const query = { track: TRACK, departement: request.place.departement, remote: profile.meetingModes.includes('remote') };
      await store.loadCandidatePages(query); // warm-up
      const loads: number[] = [];
      const ranks: number[] = [];
      let loaded = 0;
      let pages = 0;
      let compatible = 0;
      for (let run = 0; run < runs; run++) {
        t0 = performance.now();
        const result = await store.loadCandidatePages(query);
        loads.push(performance.now() - t0);
        t0 = performance.now();
        compatible = rank(request, result.candidates).compatible;
        ranks.push(performance.now() - t0);
        loaded = result.candidates.length;
        pages = result.pages;
      }
      return { loaded, pages, loadP50Ms: round(median(loads)), rankP50Ms: round(median(ranks)), compatible };
    };
    log('matching pool: loading and ranking for a remote-accepting mentee');
    const remote = await side(mentee(['in_person', 'remote']));
    log('matching pool: loading and ranking for an in-person-only mentee');
    const inPerson = await side(mentee(['in_person']));
    return { mentors: count, entries: items.length, seedMs: Math.round(seedMs), remote, inPerson };
  } finally {
    db.destroy();
    await dynamo.stop();
  }
}
