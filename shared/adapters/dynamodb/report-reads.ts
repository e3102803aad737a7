/**
 * ReportReads on DynamoDB (docs/reports.md): Query only, never a Scan.
 *
 * - The dataset: the time index GSI3, one Query (paged) per UTC month bucket of the range
 *   (`utcMonthsOf`), a few months at once, each narrowed to the exact instants [start, end) by its
 *   sort key (`<iso>#<TAG>#<id>`: `BETWEEN start AND end` keeps every instant before `end` and
 *   none at it, ISO strings of one length comparing as text). GSI3 projects only what the KPIs
 *   read (REPORT_ATTRIBUTES); the rows here keep less still (no check-in free text). Plus the
 *   partners' status index (GSI1) for their names.
 * - The digest: waiting mentees (GSI1, by status, only those signed up before the threshold),
 *   pending proposals (GSI2) whose GSI3 entry shows no decision yet (GSI2 projects no `decision`:
 *   a mentor's click is recorded before the workflow moves the proposal out of `pending`), and
 *   open alerts (GSI1). Only ids and dates are asked for (ProjectionExpression): no name leaves
 *   the table.
 *
 * Reads are eventually consistent (a report, not a decision). Every Query asks for its consumed
 * capacity; the sum is returned for the job's and the route's logs. Transient SDK errors become
 * ServiceUnavailableError in the client's middleware (aws-errors.ts).
 *
 * The course is `reportReadsOver(run)`, over one Query primitive: the in-memory adapter runs the
 * same course over the builders' items (shared/adapters/memory/report-reads.ts).
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ENTITY, type Item } from '../../db/items';
import { keys, TIME_INDEX_TAG } from '../../db/keys';
import { TABLE, type IndexName } from '../../db/table';
import { currentOutcome, type CheckInRole, type OutcomeRecord } from '../../domain/follow-up';
import {
  DIGEST_WAITING_DAYS,
  departementOfCommune,
  type ReportCheckInRow,
  type ReportDataset,
  type ReportOutcomeRow,
  type ReportPartnerRow,
  type ReportPersonRow,
  type ReportProposalRow,
  type ReportTandemRow,
} from '../../domain/report';
import { utcMonthsOf } from '../../domain/report-period';
import type { ReportReads } from '../../ports/report-reads';

/** Month buckets read at once: a year's report reads 13 buckets in three rounds. */
export const REPORT_QUERY_CONCURRENCY = 6;
const DAY_MS = 86_400_000;

/** One index partition, optionally narrowed by its sort key; `attributes` limits what comes back. */
export interface IndexQuery {
  index: IndexName;
  partition: string;
  sortKey?: { between: readonly [string, string] } | { lessThan: string } | { beginsWith: string };
  attributes?: readonly string[];
}
/** Every item of an index query (all pages), in the index's order, and the read units consumed. */
export type RunIndexQuery = (query: IndexQuery) => Promise<{ items: Item[]; consumedCapacity: number }>;

/** The DynamoDB query primitive: paged, eventually consistent, consumed capacity summed. */
export function dynamoIndexQuery(db: DynamoDBDocumentClient, tableName: string): RunIndexQuery {
  return async (query) => {
    const index = TABLE.indexes[query.index];
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, unknown> = { ':pk': query.partition };
    let condition = '#pk = :pk';
    const range = query.sortKey;
    if (range) {
      names['#sk'] = index.sortKey;
      if ('between' in range) {
        condition += ' AND #sk BETWEEN :from AND :to';
        values[':from'] = range.between[0];
        values[':to'] = range.between[1];
      } else if ('lessThan' in range) {
        condition += ' AND #sk < :to';
        values[':to'] = range.lessThan;
      } else {
        condition += ' AND begins_with(#sk, :prefix)';
        values[':prefix'] = range.beginsWith;
      }
    }
    const projection: Pick<QueryCommandInput, 'ProjectionExpression'> = {};
    if (query.attributes) {
      query.attributes.forEach((name, i) => (names[`#a${i}`] = name));
      projection.ProjectionExpression = query.attributes.map((_, i) => `#a${i}`).join(', ');
    }
    const items: Item[] = [];
    let consumedCapacity = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: query.index,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ...projection,
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      consumedCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return { items, consumedCapacity };
  };
}

export function dynamoReportReads(db: DynamoDBDocumentClient, tableName: string): ReportReads {
  return reportReadsOver(dynamoIndexQuery(db, tableName));
}

/** Runs `fn` over `items`, at most `limit` at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const str = (item: Item, name: string): string | undefined => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
const num = (item: Item, name: string): number | undefined => (typeof item[name] === 'number' ? (item[name] as number) : undefined);
/** `{ [name]: value }` when the value is defined, else nothing (rows carry no undefined attributes). */
const opt = <K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [name]: value } as Record<K, V>));

/** What a time-index item's sort key says: its date, its tag and its id (GSI3 does not project them). */
type Entry = { at: string; tag: string; id: string };

/** The time index's tags (keys.ts TIME_INDEX_TAG) to the entity they stand for. */
const TAG_ENTITIES: Readonly<Record<string, string>> = Object.fromEntries(
  (Object.keys(TIME_INDEX_TAG) as (keyof typeof TIME_INDEX_TAG)[]).map((name) => [TIME_INDEX_TAG[name], ENTITY[name]]),
);
/** `<a>#<b>` split at its last `#` (a round's `<tandemId>#<seq>`, a survey's `<tandemId>#M<milestone>`). */
const splitLast = (id: string): [string, string] => {
  const at = id.lastIndexOf('#');
  return [id.slice(0, at), id.slice(at + 1)];
};

function personRow(item: Item, entry: Entry): ReportPersonRow {
  const role = entry.tag === TIME_INDEX_TAG.mentor ? 'mentor' : 'mentee';
  return {
    role,
    id: entry.id,
    status: item.status as ReportPersonRow['status'],
    createdAt: entry.at,
    ...opt('verifiedAt', str(item, 'verifiedAt')),
    ...opt('departement', str(item, 'departement') ?? departementOfCommune(str(item, 'communeCode'))),
    ...(role === 'mentee'
      ? { ...opt('partnerId', str(item, 'partnerId')), ...opt('track', str(item, 'track')) }
      : {
          ...opt('tracks', Array.isArray(item.tracks) ? (item.tracks as unknown[]).map(String) : undefined),
          ...opt('capacity', num(item, 'capacity')),
          ...opt('activeMentees', num(item, 'activeMentees')),
        }),
  };
}

function tandemRow(item: Item, entry: Entry): ReportTandemRow {
  return {
    id: entry.id,
    menteeId: String(item.menteeId),
    mentorId: String(item.mentorId),
    ...opt('partnerId', str(item, 'partnerId')),
    track: String(item.track),
    status: item.status as ReportTandemRow['status'],
    startedAt: entry.at,
    ...opt('endedAt', str(item, 'endedAt')),
    ...opt('endReason', str(item, 'endReason') as ReportTandemRow['endReason']),
    // An OutcomeValue (a map), never a string.
    ...opt('outcome', typeof item.outcome === 'object' && item.outcome !== null ? (item.outcome as ReportTandemRow['outcome']) : undefined),
  };
}

function proposalRow(item: Item, entry: Entry): ReportProposalRow {
  return {
    menteeId: String(item.menteeId),
    mentorId: String(item.mentorId),
    createdAt: entry.at,
    status: item.status as ReportProposalRow['status'],
    ...opt('decision', str(item, 'decision') as ReportProposalRow['decision']),
    ...opt('decidedAt', str(item, 'decidedAt')),
  };
}

/** A round's answers reduced to when each side answered and its satisfaction: never a free text. */
function checkInRow(item: Item, entry: Entry): ReportCheckInRow {
  const stored = (item.answers ?? {}) as Partial<Record<CheckInRole, Item>>;
  const answers: ReportCheckInRow['answers'] = {};
  for (const [role, answer] of Object.entries(stored) as [CheckInRole, Item | undefined][]) {
    const answeredAt = answer && str(answer, 'answeredAt');
    if (answer && answeredAt) answers[role] = { answeredAt, ...opt('satisfaction', num(answer, 'satisfaction')) };
  }
  const [tandemId, seq] = splitLast(entry.id);
  return {
    tandemId,
    seq: Number(seq),
    kind: item.kind as ReportCheckInRow['kind'],
    dueAt: entry.at,
    status: item.status as ReportCheckInRow['status'],
    ...opt('sentAt', str(item, 'sentAt')),
    answers,
  };
}

function outcomeRow(item: Item, entry: Entry): ReportOutcomeRow {
  const current = currentOutcome(Array.isArray(item.records) ? (item.records as OutcomeRecord[]) : []);
  const [tandemId, milestone] = splitLast(entry.id);
  return {
    tandemId,
    milestone: Number(milestone.replace(/^M/, '')) as ReportOutcomeRow['milestone'],
    dueAt: entry.at,
    ...(current ? { outcome: current.value, recordedAt: current.recordedAt } : {}),
  };
}

/** The time-index entry of an item (its GSI3 sort key read back), if it has one. */
const entryOf = (item: Item): Entry | undefined => {
  const sortKey = item[TABLE.indexes.GSI3.sortKey];
  return typeof sortKey === 'string' ? keys.timeIndexEntryOf(sortKey) : undefined;
};

/** The rows of time-index items, by the entity their sort key's tag names (anything else in the index is ignored). */
export function datasetOf(timeIndexItems: readonly Item[], partnerItems: readonly Item[]): ReportDataset {
  const dataset: ReportDataset = { people: [], tandems: [], proposals: [], checkIns: [], outcomes: [], partners: [] };
  for (const item of timeIndexItems) {
    const entry = entryOf(item);
    if (!entry) continue;
    switch (TAG_ENTITIES[entry.tag]) {
      case ENTITY.mentor:
      case ENTITY.mentee:
        dataset.people.push(personRow(item, entry));
        break;
      case ENTITY.tandem:
        dataset.tandems.push(tandemRow(item, entry));
        break;
      case ENTITY.proposal:
        dataset.proposals.push(proposalRow(item, entry));
        break;
      case ENTITY.checkInRound:
        dataset.checkIns.push(checkInRow(item, entry));
        break;
      case ENTITY.outcomeSurvey:
        dataset.outcomes.push(outcomeRow(item, entry));
        break;
    }
  }
  dataset.partners = partnerItems.map((item): ReportPartnerRow => ({ id: String(item.id), name: String(item.name) }));
  return dataset;
}

const WAITING_STATUSES = ['awaiting_match', 'matching_failed'] as const;

/** The ReportReads course over a query primitive (DynamoDB's or the in-memory table's). */
export function reportReadsOver(run: RunIndexQuery): ReportReads {
  const sum = (results: readonly { consumedCapacity: number }[]) => results.reduce((total, r) => total + r.consumedCapacity, 0);

  return {
    async loadDataset(range) {
      const timeIndex = await mapLimit(utcMonthsOf(range), REPORT_QUERY_CONCURRENCY, (month) =>
        run({ index: 'GSI3', partition: keys.createdInMonth(month).value, sortKey: { between: [range.start, range.end] } }),
      );
      const partners = await Promise.all(
        (['active', 'inactive'] as const).map((status) => {
          const list = keys.partnersByStatus(status);
          return run({ index: list.index, partition: list.value, attributes: ['id', 'name'] });
        }),
      );
      return {
        dataset: datasetOf(
          timeIndex.flatMap((r) => r.items),
          partners.flatMap((r) => r.items),
        ),
        consumedCapacity: sum([...timeIndex, ...partners]),
      };
    },

    async loadDigest(now) {
      const threshold = now.getTime() - DIGEST_WAITING_DAYS * DAY_MS;
      const daysSince = (iso: string) => Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);

      // Waiting mentees: since ≥ sign-up, so only those signed up before the threshold can qualify.
      const waiting = await Promise.all(
        WAITING_STATUSES.map((status) => {
          const list = keys.personsByStatus('mentee', status);
          return run({
            index: list.index,
            partition: list.value,
            sortKey: { lessThan: new Date(threshold).toISOString() },
            attributes: ['id', 'status', 'createdAt', 'verifiedAt', 'partnerId'],
          });
        }),
      );
      const menteesWaiting = waiting
        .flatMap((r) => r.items)
        .map((item) => ({ item, since: str(item, 'verifiedAt') ?? String(item.createdAt) }))
        .filter(({ since }) => Date.parse(since) < threshold)
        .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0))
        .map(({ item, since }) => ({ id: String(item.id), since, days: daysSince(since), ...opt('partnerId', str(item, 'partnerId')) }));

      // Pending proposals, then each one's decision from its time-index entry.
      const pendingList = keys.pendingProposals();
      const pending = await run({ index: pendingList.index, partition: pendingList.value, attributes: ['menteeId', 'mentorId', 'createdAt', 'status'] });
      const candidates = pending.items.filter((item) => item.status === 'pending');
      const decisions = await mapLimit(candidates, REPORT_QUERY_CONCURRENCY, async (item) => {
        const createdAt = String(item.createdAt);
        const found = await run({
          index: 'GSI3',
          partition: keys.createdInMonth(createdAt.slice(0, 7)).value,
          sortKey: { beginsWith: `${createdAt}#` },
          attributes: [TABLE.indexes.GSI3.sortKey, 'menteeId', 'mentorId', 'status', 'decision'],
        });
        const entry = found.items.find((e) => entryOf(e)?.tag === TIME_INDEX_TAG.proposal && e.menteeId === item.menteeId && e.mentorId === item.mentorId);
        return { undecided: entry === undefined || (entry.status === 'pending' && entry.decision === undefined), consumedCapacity: found.consumedCapacity };
      });
      const proposalsUnanswered = candidates
        .filter((_, i) => decisions[i]!.undecided)
        .map((item) => ({ menteeId: String(item.menteeId), mentorId: String(item.mentorId), createdAt: String(item.createdAt), days: daysSince(String(item.createdAt)) }));

      const alertList = keys.openAlerts();
      const alerts = await run({ index: alertList.index, partition: alertList.value, attributes: ['tandemId', 'kind', 'raisedAt', 'status'] });
      const tandemAlerts = alerts.items
        .filter((item) => item.status === 'open')
        .map((item) => ({ tandemId: String(item.tandemId), kind: String(item.kind), raisedAt: String(item.raisedAt) }));

      return {
        digest: { menteesWaiting, proposalsUnanswered, tandemAlerts },
        consumedCapacity: sum([...waiting, pending, ...decisions, alerts]),
      };
    },
  };
}
