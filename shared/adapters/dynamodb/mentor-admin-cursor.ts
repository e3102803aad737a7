/**
 * The cursor of the CCI's mentor list: the full key (table and status index) of the last mentor a
 * page returned, so the next Query resumes exactly after it, whatever filters skipped after it.
 * On the way back it must name a mentor of the list asked for, its keys consistent with each
 * other (rebuilt from the id and date it holds): anything else is InvalidCursorError (400),
 * never a Query elsewhere. Shared by the DynamoDB and the in-memory adapters.
 */
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { InvalidCursorError } from '../../domain/errors';
import type { MentorProfile, MentorStatus } from '../../domain/people';
import { decodeCursor, encodeCursor } from './cursor';

const { GSI1 } = TABLE.indexes;
const ATTRIBUTES = [TABLE.partitionKey, TABLE.sortKey, GSI1.partitionKey, GSI1.sortKey] as const;

const listKey = (id: string, status: MentorStatus, createdAt: string): Key => ({
  ...keys.person('mentor', id),
  ...keys.personStatusIndex('mentor', id, status, createdAt),
});

export function mentorCursorAfter(mentor: Pick<MentorProfile, 'id' | 'status' | 'createdAt'>): string {
  return encodeCursor(listKey(mentor.id, mentor.status, mentor.createdAt))!;
}

/** The start key of a cursor of the `status` list; undefined without a cursor. */
export function mentorStartKey(cursor: string | undefined, status: MentorStatus): Key | undefined {
  const index = keys.personsByStatus('mentor', status);
  const key = decodeCursor(cursor, { attributes: ATTRIBUTES, partitionAttribute: index.partitionKey, partitionValue: index.value }) as Key | undefined;
  if (!key) return undefined;
  const sortKey = key[GSI1.sortKey]!;
  const cut = sortKey.lastIndexOf('#');
  const expected = listKey(sortKey.slice(cut + 1), status, sortKey.slice(0, cut));
  if (cut <= 0 || ATTRIBUTES.some((name) => expected[name] !== key[name])) throw new InvalidCursorError('Cursor keys do not agree');
  return key;
}
