/**
 * Pagination cursors: the LastEvaluatedKey of a Query, handed to the client as an opaque
 * base64url string and checked on the way back (only the key attributes of that list, strings of
 * a sane length), so a tampered cursor is a 400, never a 500 nor a read elsewhere in the table.
 * Keys hold ids, statuses and dates only: no personal data reaches a URL through a cursor.
 */
import { InvalidCursorError } from '../../domain/errors';

type Key = Record<string, unknown>;

export function encodeCursor(key: Key | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * The start key of a cursor, whose attributes must be exactly `attributes` (e.g. PK, SK, GSI1PK,
 * GSI1SK) and, when given, whose `partitionAttribute` must equal `partitionValue` (the list asked
 * for: a cursor of another status or partner is refused).
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: readonly string[]; partitionAttribute?: string; partitionValue?: string },
): Key | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('Cursor is not decodable');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidCursorError('Cursor is not a key');
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (names.length !== expected.attributes.length || [...expected.attributes].sort().some((n, i) => n !== names[i])) {
    throw new InvalidCursorError('Cursor has other attributes');
  }
  if (entries.some(([, value]) => typeof value !== 'string' || value.length === 0 || value.length > 512)) throw new InvalidCursorError('Cursor values are not keys');
  const key = parsed as Record<string, string>;
  if (expected.partitionAttribute && expected.partitionValue !== undefined && key[expected.partitionAttribute] !== expected.partitionValue) {
    throw new InvalidCursorError('Cursor of another list');
  }
  return key;
}
