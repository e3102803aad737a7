import { describe, expect, it } from 'vitest';
import {
  inRange,
  parisDay,
  parisMidnight,
  parisMonth,
  parisOffsetMinutes,
  parsePeriod,
  previousMonth,
  sinceStart,
  utcMonthsOf,
} from '../../shared/domain/report-period';

describe('parisMidnight', () => {
  it('is 23:00Z the day before in winter and 22:00Z in summer', () => {
    expect(parisMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parisMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('follows the March and October switches (last Sundays: 2026-03-29 and 2026-10-25)', () => {
    // Midnight of the switch days is still on the old offset (the switch is at 02:00/03:00).
    expect(parisMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(parisMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parisMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('takes a wall-clock time', () => {
    expect(parisMidnight('2026-09-30', '23:30').toISOString()).toBe('2026-09-30T21:30:00.000Z');
    expect(parisMidnight('2026-08-01', '00:30').toISOString()).toBe('2026-07-31T22:30:00.000Z');
    expect(parisMidnight('2026-12-31', '23:59').toISOString()).toBe('2026-12-31T22:59:00.000Z');
  });

  it('round-trips with parisDay on every day of a year (no DST day lands on the wrong date)', () => {
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
      const day = new Date(d).toISOString().slice(0, 10);
      expect(parisDay(parisMidnight(day))).toBe(day);
      // One millisecond earlier is still the previous Paris day.
      expect(parisDay(new Date(parisMidnight(day).getTime() - 1))).not.toBe(day);
    }
  });
});

describe('parisOffsetMinutes', () => {
  it('is 60 in winter and 120 in summer, switching at 01:00Z', () => {
    expect(parisOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });
});

describe('parsePeriod', () => {
  it('reads a summer month as Paris instants', () => {
    expect(parsePeriod('2026-09')).toEqual({ id: '2026-09', kind: 'month', start: '2026-08-31T22:00:00.000Z', end: '2026-09-30T22:00:00.000Z' });
  });

  it('reads the October switch month: starts in summer time, ends in winter time', () => {
    expect(parsePeriod('2026-10')).toEqual({ id: '2026-10', kind: 'month', start: '2026-09-30T22:00:00.000Z', end: '2026-10-31T23:00:00.000Z' });
  });

  it('reads the March switch month: starts in winter time, ends in summer time', () => {
    expect(parsePeriod('2026-03')).toEqual({ id: '2026-03', kind: 'month', start: '2026-02-28T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z' });
  });

  it('reads December into the next year, and a year', () => {
    expect(parsePeriod('2025-12')).toMatchObject({ start: '2025-11-30T23:00:00.000Z', end: '2025-12-31T23:00:00.000Z' });
    expect(parsePeriod('2026')).toEqual({ id: '2026', kind: 'year', start: '2025-12-31T23:00:00.000Z', end: '2026-12-31T23:00:00.000Z' });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', '2026/01', ' 2026-01', '2026-01 ', '', 'abcd', '2026-W40'])('refuses %j', (id) => {
    expect(parsePeriod(id)).toBeUndefined();
  });
});

describe('a tandem belongs to the Paris month of its start', () => {
  const september = parsePeriod('2026-09')!;
  const august = parsePeriod('2026-08')!;
  const october = parsePeriod('2026-10')!;

  it('23:30 on 30 September (summer time, 21:30Z) is in September, not October', () => {
    const at = parisMidnight('2026-09-30', '23:30').toISOString();
    expect(at).toBe('2026-09-30T21:30:00.000Z');
    expect(inRange(at, september)).toBe(true);
    expect(inRange(at, october)).toBe(false);
    expect(parisMonth(at)).toBe('2026-09');
  });

  it('00:30 on 1 August (22:30Z on 31 July) is in August, not July', () => {
    const at = parisMidnight('2026-08-01', '00:30').toISOString();
    expect(at.slice(0, 7)).toBe('2026-07');
    expect(inRange(at, august)).toBe(true);
    expect(inRange(at, parsePeriod('2026-07')!)).toBe(false);
    expect(parisMonth(at)).toBe('2026-08');
  });

  it('the end is exclusive and the start inclusive', () => {
    expect(inRange(september.start, september)).toBe(true);
    expect(inRange(september.end, september)).toBe(false);
    expect(inRange(undefined, september)).toBe(false);
  });

  it('the last minutes of the October switch day and month fall in October', () => {
    expect(inRange(parisMidnight('2026-10-25', '12:00').toISOString(), october)).toBe(true);
    expect(inRange(parisMidnight('2026-10-31', '23:59').toISOString(), october)).toBe(true);
    expect(inRange(parisMidnight('2026-11-01').toISOString(), october)).toBe(false);
  });
});

describe('utcMonthsOf', () => {
  it('a Paris month spans its previous UTC month’s last hours and its own', () => {
    expect(utcMonthsOf(parsePeriod('2026-10')!)).toEqual(['2026-09', '2026-10']);
    expect(utcMonthsOf(parsePeriod('2026-03')!)).toEqual(['2026-02', '2026-03']);
    expect(utcMonthsOf(parsePeriod('2026-01')!)).toEqual(['2025-12', '2026-01']);
  });

  it('a year spans thirteen UTC buckets, and a UTC-aligned range only its own', () => {
    expect(utcMonthsOf(parsePeriod('2026')!)).toEqual(['2025-12', ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
    expect(utcMonthsOf({ start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' })).toEqual(['2026-02']);
  });

  it('programme-to-date crosses years', () => {
    const range = sinceStart('2025-11', parsePeriod('2026-02')!);
    expect(range).toEqual({ start: '2025-10-31T23:00:00.000Z', end: '2026-02-28T23:00:00.000Z' });
    expect(utcMonthsOf(range)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('previousMonth', () => {
  it('is the Paris month before now’s Paris month', () => {
    expect(previousMonth(new Date('2026-11-01T06:00:00Z'))).toBe('2026-10');
    // 1 January 00:30 in Paris is still 31 December in UTC.
    expect(previousMonth(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12');
    expect(previousMonth(new Date('2026-01-15T12:00:00Z'))).toBe('2025-12');
  });
});
