import { describe, expect, test } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatUsd } from '@/utils/formatRecord';

describe('formatUsd', () => {
  test('shows cents at least and micro-dollars when there are any', () => {
    expect(formatUsd(25.5, 'en')).toBe('$25.50');
    expect(formatUsd(0.000013, 'en')).toBe('$0.000013');
    expect(formatUsd(1234567.891, 'en')).toBe('$1,234,567.891');
  });

  test('signs ledger amounts when asked', () => {
    expect(formatUsd(25.5, 'en', true)).toBe('+$25.50');
    expect(formatUsd(-0.5, 'en', true)).toBe('-$0.50');
    expect(formatUsd(0, 'en', true)).toBe('$0.00');
  });

  test('follows the locale', () => {
    expect(formatUsd(1000, 'zh-CN')).toContain('1,000.00');
    expect(formatUsd(1000, 'zh-CN')).toMatch(/US\$|\$/);
  });
});

describe('dates', () => {
  test('empty for no time, the text itself for an unreadable one', () => {
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDate(undefined, 'en')).toBe('');
    expect(formatDateTime('soon', 'en')).toBe('soon');
  });

  test('an expiry day is shown as its UTC day, whatever the local zone', () => {
    expect(formatDate('2027-01-31T00:00:00Z', 'en')).toBe('Jan 31, 2027');
    expect(formatDate('2027-01-31T00:00:00Z', 'zh-CN')).toBe('2027年1月31日');
  });

  test('times include the year and the time of day', () => {
    const text = formatDateTime('2026-11-22T08:07:18.285Z', 'en');
    expect(text).toContain('2026');
    expect(text).toMatch(/\d{1,2}:\d{2}/);
  });
});

test('formatCount groups digits', () => {
  expect(formatCount(1234567, 'en')).toBe('1,234,567');
});
