import { afterEach, describe, expect, test } from 'vitest';
import {
  DASH,
  formatBucket,
  formatCompact,
  formatCost,
  formatDateTime,
  formatInteger,
  formatLatency,
  formatPercent,
  formatPricePerMillion,
  perMillionTokens,
} from '@/utils/usageFormat';

describe('numbers', () => {
  test('integers group thousands per language', () => {
    expect(formatInteger(14870563, 'en')).toBe('14,870,563');
    expect(formatInteger(14870563, 'zh-CN')).toBe('14,870,563');
    expect(formatInteger(2.6, 'en')).toBe('3');
  });

  test('compact numbers shorten only large values', () => {
    expect(formatCompact(9999, 'en')).toBe('9,999');
    expect(formatCompact(1_234_567, 'en')).toBe('1.2M');
    expect(formatCompact(1_234_567, 'zh-CN')).toBe('123.5万');
  });

  test('missing or broken values show a dash, not NaN', () => {
    for (const format of [formatInteger, formatCompact, formatCost, formatLatency, formatPercent]) {
      expect(format(null, 'en')).toBe(DASH);
      expect(format(undefined, 'en')).toBe(DASH);
      expect(format(Number.NaN, 'en')).toBe(DASH);
    }
  });
});

describe('formatCost', () => {
  test('keeps micro-dollars below a dollar and cents above', () => {
    expect(formatCost(0.000033, 'en')).toBe('$0.000033');
    expect(formatCost(0.21, 'en')).toBe('$0.21');
    expect(formatCost(125.901233, 'en')).toBe('$125.90');
    expect(formatCost(1234.5, 'en')).toBe('$1,234.50');
    expect(formatCost(0, 'en')).toBe('$0.00');
  });

  test('names the currency in Chinese too', () => {
    expect(formatCost(0.000033, 'zh-CN')).toBe('US$0.000033');
  });
});

describe('formatLatency', () => {
  test('milliseconds below a second, seconds above', () => {
    expect(formatLatency(8.2, 'en')).toBe('8.2 ms');
    expect(formatLatency(812.5, 'en')).toBe('813 ms');
    expect(formatLatency(0, 'en')).toBe('0 ms');
    expect(formatLatency(1450, 'en')).toBe('1.45 s');
    expect(formatLatency(19001, 'en')).toBe('19 s');
  });
});

describe('formatPercent', () => {
  test('shows rates with up to two decimals', () => {
    expect(formatPercent(0.25, 'en')).toBe('25%');
    expect(formatPercent(0.0069, 'en')).toBe('0.69%');
    expect(formatPercent(1, 'zh-CN')).toBe('100%');
  });
});

describe('prices', () => {
  test('per-token decimal strings become exact per-million prices', () => {
    expect(perMillionTokens('0.0000025')).toBe(2.5);
    expect(perMillionTokens('0.0000003')).toBe(0.3);
    expect(perMillionTokens('0.000000075')).toBe(0.075);
    expect(perMillionTokens('0.000075')).toBe(75);
    expect(perMillionTokens('0')).toBe(0);
    expect(perMillionTokens('1e-6')).toBe(1);
  });

  test('absent or malformed prices are null and print as a dash', () => {
    expect(perMillionTokens(undefined)).toBeNull();
    expect(perMillionTokens('')).toBeNull();
    expect(perMillionTokens('free')).toBeNull();
    expect(formatPricePerMillion(undefined, 'en')).toBe(DASH);
  });

  test('prints dollars per million with the needed decimals', () => {
    expect(formatPricePerMillion('0.0000025', 'en')).toBe('$2.50');
    expect(formatPricePerMillion('0.000000075', 'en')).toBe('$0.075');
    expect(formatPricePerMillion('0.000015', 'en')).toBe('$15.00');
  });
});

describe('times', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  test('day buckets are labelled as the UTC day they are, whatever the viewer zone', () => {
    process.env.TZ = 'America/New_York';
    expect(formatBucket('2026-12-02T00:00:00Z', 'day', 'en')).toBe('12/02');
    process.env.TZ = 'Asia/Shanghai';
    expect(formatBucket('2026-12-02T00:00:00Z', 'day', 'en')).toBe('12/02');
  });

  test('hour buckets are in the viewer zone', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(formatBucket('2026-12-02T18:00:00Z', 'hour', 'en')).toBe('12/03, 02:00');
    process.env.TZ = 'UTC';
    expect(formatBucket('2026-12-02T18:00:00Z', 'hour', 'en')).toBe('12/02, 18:00');
  });

  test('record times show to the second, and bad input as a dash', () => {
    process.env.TZ = 'UTC';
    expect(formatDateTime('2026-11-22T10:41:07.123Z', 'en')).toBe('11/22/2026, 10:41:07');
    expect(formatDateTime('2026-11-22T10:41:07.123Z', 'zh-CN')).toBe('2026/11/22 10:41:07');
    expect(formatDateTime('not a time', 'en')).toBe(DASH);
    expect(formatDateTime(null, 'en')).toBe(DASH);
    expect(formatBucket('garbage', 'hour', 'en')).toBe('garbage');
  });
});
