/**
 * The table module's indexes are deployable as declared: DynamoDB refuses an index that projects
 * more than 20 non-key attributes, or a table whose indexes project more than 100 in all, and the
 * reports read a time-index item's kind, id and date from its sort key instead of projecting them.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys';
import { MAX_PROJECTED_ATTRIBUTES, REPORT_ATTRIBUTES, TABLE } from '../../shared/db/table';

const included = Object.values(TABLE.indexes).flatMap((index) => (index.projection.type === 'INCLUDE' ? [index.projection.attributes as readonly string[]] : []));

describe('the table’s indexes', () => {
  it('project at most 20 non-key attributes each, 100 in all, none twice in one index', () => {
    for (const attributes of included) {
      expect(attributes.length).toBeLessThanOrEqual(MAX_PROJECTED_ATTRIBUTES);
      expect(new Set(attributes).size).toBe(attributes.length);
    }
    expect(included.reduce((n, a) => n + a.length, 0)).toBeLessThanOrEqual(100);
    expect(REPORT_ATTRIBUTES.length).toBeLessThanOrEqual(MAX_PROJECTED_ATTRIBUTES);
  });

  it('never project a key attribute, a name or an address into the time index', () => {
    const keyNames = [TABLE.partitionKey, TABLE.sortKey, ...Object.values(TABLE.indexes).flatMap((i) => [i.partitionKey, i.sortKey])];
    for (const name of [...keyNames, 'firstName', 'lastName', 'email', 'phone']) expect(REPORT_ATTRIBUTES as readonly string[]).not.toContain(name);
  });
});

describe('a time-index sort key read back', () => {
  it('gives the date, the tag and the whole id, even an id holding “#”', () => {
    const sortKey = keys.timeIndex('2026-10-31T22:30:00.000Z', 'CHECKIN', 'b1c7#3')[TABLE.indexes.GSI3.sortKey]!;
    expect(keys.timeIndexEntryOf(sortKey)).toEqual({ at: '2026-10-31T22:30:00.000Z', tag: 'CHECKIN', id: 'b1c7#3' });
    const person = keys.personCreatedIndex('mentee', 'm-1', '2025-03-01T08:00:00.000Z')[TABLE.indexes.GSI3.sortKey]!;
    expect(keys.timeIndexEntryOf(person)).toEqual({ at: '2025-03-01T08:00:00.000Z', tag: 'MENTEE', id: 'm-1' });
  });

  it('is undefined for a key of another shape', () => {
    expect(keys.timeIndexEntryOf('2026-10-01')).toBeUndefined();
    expect(keys.timeIndexEntryOf('2026-10-01#TANDEM')).toBeUndefined();
  });
});
