/**
 * In-memory MentorAdminStore with the DynamoDB adapter's semantics: the same items (item
 * builders) under the same keys, the status index read in its sort order, the same cursor, and a
 * change written only if the stored record is still the one read (every attribute compared), all
 * checks made before any write with no `await` in between.
 */
import { availabilityChanges, JOB_ITEM_SECONDS, mentorProfileChanges, outboxItem, partnerChanges, partnerFromItem, partnerItem, personFromItem, type Item } from '../../db/items';
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { MentorProfile } from '../../domain/people';
import { MAX_EXAMINED_PER_REQUEST, type MentorAdminStore } from '../../ports/mentor-admin';
import { mentorCursorAfter, mentorStartKey } from '../dynamodb/mentor-admin-cursor';
import { epoch, memoryTable, type MemoryTable } from './table';

const { GSI1 } = TABLE.indexes;
const utf8Order = (a: unknown, b: unknown) => Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));

/** Every attribute of `before` as stored, and those only `after` has still absent. */
function stillAsRead(item: Item | undefined, before: object, after: object): item is Item {
  if (!item) return false;
  const was = before as Item;
  return [...new Set([...Object.keys(was), ...Object.keys(after)])].every((name) =>
    was[name] === undefined ? item[name] === undefined : JSON.stringify(item[name]) === JSON.stringify(was[name]),
  );
}

function updated(item: Item, changes: { set: Item; remove: readonly string[] }): Item {
  const next: Item = { ...item };
  for (const name of changes.remove) delete next[name];
  return { ...next, ...changes.set };
}

/** The items of a status index partition, in its sort order. */
function indexPartition(table: MemoryTable, index: { partitionKey: string; value: string }): Item[] {
  return table
    .scan()
    .filter((item) => item[index.partitionKey] === index.value)
    .sort((a, b) => utf8Order(a[GSI1.sortKey], b[GSI1.sortKey]));
}

export function memoryMentorAdminStore(table: MemoryTable = memoryTable()): MentorAdminStore {
  return {
    async getMentor(mentorId) {
      const mentor = personFromItem(table.get(keys.person('mentor', mentorId)));
      return mentor?.role === 'mentor' ? mentor : undefined;
    },

    async listMentors({ status, limit, cursor, matches }) {
      const start: Key | undefined = mentorStartKey(cursor, status);
      const items = indexPartition(table, keys.personsByStatus('mentor', status)).filter((item) => !start || utf8Order(item[GSI1.sortKey], start[GSI1.sortKey]) > 0);
      const mentors: MentorProfile[] = [];
      for (let i = 0; i < items.length; i++) {
        const mentor = personFromItem(items[i]) as MentorProfile;
        const more = i < items.length - 1;
        if (!matches || matches(mentor)) {
          mentors.push(mentor);
          if (mentors.length === limit) return more ? { mentors, nextCursor: mentorCursorAfter(mentor) } : { mentors };
        }
        if (i + 1 >= MAX_EXAMINED_PER_REQUEST && more) return { mentors, nextCursor: mentorCursorAfter(mentor) };
      }
      return { mentors };
    },

    async saveMentor({ before, after, now, jobs }) {
      const row = table.get(keys.person('mentor', before.id));
      if (!stillAsRead(row, before, after)) return 'changed';
      const availability = availabilityChanges(before, after);
      table.put(updated(row, mentorProfileChanges(before, after)));
      for (const key of availability.deletes) table.delete(key);
      for (const entry of availability.puts) table.put(entry);
      for (const { job, dedupKey } of jobs) table.put(outboxItem(job, { dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
      return 'saved';
    },

    async getPartner(partnerId) {
      return partnerFromItem(table.get(keys.partner(partnerId)));
    },

    async listPartners(status) {
      return indexPartition(table, keys.partnersByStatus(status)).map((item) => partnerFromItem(item)!);
    },

    async createPartner(partner) {
      if (table.get(keys.partner(partner.id))) return 'exists';
      table.put(partnerItem(partner));
      return 'created';
    },

    async savePartner({ before, after }) {
      const changes = partnerChanges(before, after);
      // Nothing to change: nothing written (as the DynamoDB adapter).
      if (Object.keys(changes.set).length === 0 && changes.remove.length === 0) return 'saved';
      const row = table.get(keys.partner(before.id));
      if (!stillAsRead(row, before, after)) return 'changed';
      table.put(updated(row, changes));
      return 'saved';
    },
  };
}
