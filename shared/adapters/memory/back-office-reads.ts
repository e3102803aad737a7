/**
 * In-memory BackOfficeReads with the DynamoDB adapter's semantics: the same index entries (the
 * items the builders made), in the index's order (strings compared byte by byte, as DynamoDB
 * does), a page of `limit` with a cursor made of the last shown item's keys only when another
 * follows, and the same cursor checks (shared/adapters/dynamodb/cursor.ts). GSI2 lines carry only
 * what that index projects.
 */
import { personFromItem, tandemAlertFromItem, tandemFromItem, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE, type IndexName } from '../../db/table';
import type { Tandem } from '../../domain/matching';
import type { MenteeProfile, MentorProfile } from '../../domain/people';
import type { BackOfficeReads, OpenAlertLine, Page, PageRequest, PersonName } from '../../ports/back-office-reads';
import { partnerMenteeLine, partnerTandemLine, pendingProposalLine } from '../dynamodb/back-office-lines';
import { decodeCursor, encodeCursor } from '../dynamodb/cursor';
import type { MemoryTable } from './table';

const utf8Order = (a: unknown, b: unknown) => Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));

export function memoryBackOfficeReads(table: MemoryTable): BackOfficeReads {
  function queryPage(list: { index: IndexName; value: string }, page: PageRequest, forward: boolean): Page<Item> {
    const index = TABLE.indexes[list.index];
    const attributes = [TABLE.partitionKey, TABLE.sortKey, index.partitionKey, index.sortKey];
    const start = decodeCursor(page.cursor, { attributes, partitionAttribute: index.partitionKey, partitionValue: list.value });
    // Index order: the index's sort key, then the table's keys (DynamoDB's order between equal index keys is its own).
    const order = (a: Item, b: Item) =>
      utf8Order(a[index.sortKey], b[index.sortKey]) || utf8Order(a[TABLE.partitionKey], b[TABLE.partitionKey]) || utf8Order(a[TABLE.sortKey], b[TABLE.sortKey]);
    const direction = forward ? 1 : -1;
    const items = table
      .scan()
      .filter((item) => item[index.partitionKey] === list.value && typeof item[index.sortKey] === 'string')
      .sort((a, b) => direction * order(a, b))
      .filter((item) => !start || direction * order(item, start) > 0);
    const shown = items.slice(0, page.limit);
    const last = shown.at(-1);
    const nextCursor = items.length > page.limit && last ? encodeCursor(Object.fromEntries(attributes.map((name) => [name, last[name]]))) : undefined;
    return { items: shown, ...(nextCursor ? { nextCursor } : {}) };
  }
  const mapPage = <T>(page: Page<Item>, map: (item: Item) => T): Page<T> => ({ ...page, items: page.items.map(map) });

  return {
    async menteesByStatus(status, page) {
      return mapPage(queryPage(keys.personsByStatus('mentee', status), page, true), (item) => personFromItem(item) as MenteeProfile);
    },
    async mentorsByStatus(status, page) {
      return mapPage(queryPage(keys.personsByStatus('mentor', status), page, true), (item) => personFromItem(item) as MentorProfile);
    },
    async countMentors(status) {
      const list = keys.personsByStatus('mentor', status);
      return table.scan().filter((item) => item[list.partitionKey] === list.value).length;
    },
    async tandemsByStatus(status, page) {
      return mapPage(queryPage(keys.tandemsByStatus(status), page, false), (item) => tandemFromItem(item) as Tandem);
    },
    async getTandem(tandemId) {
      return tandemFromItem(table.get(keys.tandem(tandemId)));
    },
    async namesOf(people) {
      const names = new Map<string, PersonName>();
      for (const { role, id } of people) {
        const item = table.get(keys.person(role, id));
        if (item) names.set(id, { id, firstName: String(item.firstName ?? ''), lastName: String(item.lastName ?? '') });
      }
      return names;
    },
    async openAlerts(limit) {
      const list = keys.openAlerts();
      return table
        .scan()
        .filter((item) => item[list.partitionKey] === list.value && typeof item[list.sortKey] === 'string')
        .sort((a, b) => utf8Order(b[list.sortKey], a[list.sortKey]))
        .slice(0, limit)
        .map(tandemAlertFromItem)
        .flatMap((alert): OpenAlertLine[] => {
          const tandem = tandemFromItem(table.get(keys.tandem(alert.tandemId)));
          return tandem ? [{ ...alert, menteeId: tandem.menteeId, mentorId: tandem.mentorId }] : [];
        });
    },
    async pendingProposals(page) {
      return mapPage(queryPage(keys.pendingProposals(), page, true), pendingProposalLine);
    },
    async partnerMentees(partnerId, page) {
      return mapPage(queryPage(keys.menteesOfPartner(partnerId), page, false), partnerMenteeLine);
    },
    async partnerTandems(partnerId, page) {
      return mapPage(queryPage(keys.tandemsOfPartner(partnerId), page, false), partnerTandemLine);
    },
  };
}
