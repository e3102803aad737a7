/**
 * DynamoDB implementation of BackOfficeReads: one index Query per page (GSI1 by status, GSI2 by
 * partner and the pending proposals), a count Query, a GetItem and BatchGetItem of names. A page
 * asks one item more than it shows: the cursor is then the keys of the last item shown (base and
 * index keys, as a LastEvaluatedKey), only when a next item exists, so the last page has none.
 */
import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { personFromItem, tandemAlertFromItem, tandemFromItem, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE, type IndexName } from '../../db/table';
import { ServiceUnavailableError } from '../../domain/errors';
import type { Tandem } from '../../domain/matching';
import type { MenteeProfile, MentorProfile } from '../../domain/people';
import type { BackOfficeReads, OpenAlertLine, Page, PageRequest, PersonName } from '../../ports/back-office-reads';
import { decodeCursor, encodeCursor } from './cursor';
import { partnerMenteeLine, partnerTandemLine, pendingProposalLine } from './back-office-lines';

interface IndexList {
  index: IndexName;
  partitionKey: string;
  value: string;
}

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;
/** Rounds of UnprocessedKeys retried before telling the caller to retry. */
const BATCH_ROUNDS = 5;

export function dynamoBackOfficeReads(db: DynamoDBDocumentClient, tableName: string): BackOfficeReads {
  /** Items by key (BatchGetItem, 100 at a time, unprocessed keys retried), only the attributes named. */
  async function batchGet(wanted: Record<string, unknown>[], attributes: readonly string[]): Promise<Item[]> {
    const found: Item[] = [];
    const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
    for (let i = 0; i < wanted.length; i += BATCH) {
      let pending: Record<string, unknown>[] = wanted.slice(i, i + BATCH);
      for (let round = 0; pending.length > 0; round++) {
        if (round === BATCH_ROUNDS) throw new ServiceUnavailableError('Items could not be read; retry');
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
        const out = await db.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } } }),
        );
        found.push(...(out.Responses?.[tableName] ?? []));
        pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** One page of an index list, in its sort order (`forward`) or the reverse. */
  async function queryPage(list: IndexList, page: PageRequest, forward: boolean): Promise<Page<Item>> {
    const index = TABLE.indexes[list.index];
    const attributes = [TABLE.partitionKey, TABLE.sortKey, index.partitionKey, index.sortKey];
    let start: Record<string, unknown> | undefined = decodeCursor(page.cursor, { attributes, partitionAttribute: index.partitionKey, partitionValue: list.value });
    const items: Item[] = [];
    do {
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: list.index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': list.value },
          ScanIndexForward: forward,
          Limit: page.limit + 1 - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && items.length <= page.limit);
    const shown = items.slice(0, page.limit);
    const last = shown.at(-1);
    const nextCursor = items.length > page.limit && last ? encodeCursor(Object.fromEntries(attributes.map((name) => [name, last[name]]))) : undefined;
    return { items: shown, ...(nextCursor ? { nextCursor } : {}) };
  }

  const mapPage = async <T>(pending: Promise<Page<Item>>, map: (item: Item) => T): Promise<Page<T>> => {
    const page = await pending;
    return { ...page, items: page.items.map(map) };
  };

  return {
    menteesByStatus(status, page) {
      return mapPage(queryPage(keys.personsByStatus('mentee', status), page, true), (item) => personFromItem(item) as MenteeProfile);
    },

    mentorsByStatus(status, page) {
      return mapPage(queryPage(keys.personsByStatus('mentor', status), page, true), (item) => personFromItem(item) as MentorProfile);
    },

    async countMentors(status) {
      const list = keys.personsByStatus('mentor', status);
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: list.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': list.partitionKey },
            ExpressionAttributeValues: { ':pk': list.value },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        count += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return count;
    },

    tandemsByStatus(status, page) {
      return mapPage(queryPage(keys.tandemsByStatus(status), page, false), (item) => tandemFromItem(item) as Tandem);
    },

    async getTandem(tandemId) {
      return tandemFromItem((await db.send(new GetCommand({ TableName: tableName, Key: keys.tandem(tandemId) }))).Item);
    },

    async namesOf(people) {
      const wanted = [...new Map(people.map((p) => [`${p.role}#${p.id}`, keys.person(p.role, p.id)])).values()];
      const names = new Map<string, PersonName>();
      for (const item of await batchGet(wanted, ['id', 'firstName', 'lastName'])) {
        names.set(String(item.id), { id: String(item.id), firstName: String(item.firstName ?? ''), lastName: String(item.lastName ?? '') });
      }
      return names;
    },

    async openAlerts(limit) {
      const list = keys.openAlerts();
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: list.index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': list.partitionKey },
          ExpressionAttributeValues: { ':pk': list.value },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      const alerts = (out.Items ?? []).map(tandemAlertFromItem);
      const wanted = [...new Set(alerts.map((a) => a.tandemId))].map((id) => keys.tandem(id));
      const tandems = new Map((await batchGet(wanted, ['id', 'menteeId', 'mentorId'])).map((t) => [String(t.id), t]));
      return alerts.flatMap((alert): OpenAlertLine[] => {
        const tandem = tandems.get(alert.tandemId);
        return tandem ? [{ ...alert, menteeId: String(tandem.menteeId), mentorId: String(tandem.mentorId) }] : [];
      });
    },

    pendingProposals(page) {
      return mapPage(queryPage(keys.pendingProposals(), page, true), pendingProposalLine);
    },

    partnerMentees(partnerId, page) {
      return mapPage(queryPage(keys.menteesOfPartner(partnerId), page, false), partnerMenteeLine);
    },

    partnerTandems(partnerId, page) {
      return mapPage(queryPage(keys.tandemsOfPartner(partnerId), page, false), partnerTandemLine);
    },
  };
}
