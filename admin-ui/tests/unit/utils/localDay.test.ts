import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dayRange, daysOf, formatLocalDay, isAfterToday, parseLocalDay } from '@/utils/localDay';

// Local days depend on the zone; run in one far from UTC so a UTC slip shows.
const zone = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterEach(() => {
  process.env.TZ = zone;
});

describe('parseLocalDay and formatLocalDay', () => {
  test('a picker day is that local midnight, and back', () => {
    const day = parseLocalDay('2026-12-01')!;
    expect([day.getFullYear(), day.getMonth(), day.getDate(), day.getHours()]).toEqual([2026, 11, 1, 0]);
    expect(day.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(formatLocalDay(day)).toBe('2026-12-01');
  });

  test('refuses malformed and impossible days', () => {
    expect(parseLocalDay('2026-02-31')).toBeNull();
    expect(parseLocalDay('2026-13-01')).toBeNull();
    expect(parseLocalDay('12/01/2026')).toBeNull();
    expect(parseLocalDay('')).toBeNull();
  });
});

describe('dayRange', () => {
  test('covers both picked days whole', () => {
    const range = dayRange(parseLocalDay('2026-11-01')!, parseLocalDay('2026-11-07')!);
    expect(range.start.toISOString()).toBe('2026-11-01T07:00:00.000Z'); // PDT
    expect(range.end.toISOString()).toBe('2026-11-08T08:00:00.000Z'); // PST: the clocks changed on Nov 1
    expect(daysOf(range)).toEqual(['2026-11-01', '2026-11-07']);
  });

  test('stops at now when the last day is today', () => {
    const now = new Date('2026-12-02T20:00:00Z');
    const range = dayRange(parseLocalDay('2026-12-01')!, parseLocalDay('2026-12-02')!, now);
    expect(range.end.getTime()).toBe(now.getTime());
    const past = dayRange(parseLocalDay('2026-11-01')!, parseLocalDay('2026-11-02')!, now);
    expect(past.end.toISOString()).toBe('2026-11-03T08:00:00.000Z');
  });
});

describe('isAfterToday', () => {
  test('today can be picked, tomorrow cannot', () => {
    const now = new Date('2026-12-02T20:00:00Z'); // 12:00 local
    expect(isAfterToday(parseLocalDay('2026-12-02')!, now)).toBe(false);
    expect(isAfterToday(new Date('2026-12-03T07:59:59Z'), now)).toBe(false); // 23:59:59 local
    expect(isAfterToday(parseLocalDay('2026-12-03')!, now)).toBe(true);
  });
});
