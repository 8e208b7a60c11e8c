import { describe, expect, test } from 'vitest';
import { parseUsd } from '@/api/money';

describe('parseUsd', () => {
  test('reads plain, decimal, dollar-signed and grouped amounts', () => {
    expect(parseUsd('25')).toEqual({ ok: true, value: 25 });
    expect(parseUsd(' 12.50 ')).toEqual({ ok: true, value: 12.5 });
    expect(parseUsd('$1,000.000001')).toEqual({ ok: true, value: 1000.000001 });
    expect(parseUsd('0.000001')).toEqual({ ok: true, value: 0.000001 });
    expect(parseUsd('7.')).toEqual({ ok: true, value: 7 });
    expect(parseUsd('.5')).toEqual({ ok: true, value: 0.5 });
  });

  test('refuses more than six decimals, judged on the text', () => {
    expect(parseUsd('0.1234567')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseUsd('1.0000000')).toEqual({ ok: false, problem: 'too_many_decimals' });
  });

  test('refuses what is not a number', () => {
    for (const text of ['abc', '1e3', '1.2.3', '--1', '.', '-', '12 50', '0x10']) {
      expect(parseUsd(text), text).toEqual({ ok: false, problem: 'not_number' });
    }
  });

  test('says an empty box is required', () => {
    expect(parseUsd('   ')).toEqual({ ok: false, problem: 'required' });
  });

  test('refuses negative amounts unless asked to allow them', () => {
    expect(parseUsd('-3')).toEqual({ ok: false, problem: 'negative' });
    expect(parseUsd('-3', { allowNegative: true })).toEqual({ ok: true, value: -3 });
  });

  test('refuses zero only when asked to, and never returns -0', () => {
    expect(parseUsd('0')).toEqual({ ok: true, value: 0 });
    expect(parseUsd('0.000', { allowZero: false })).toEqual({ ok: false, problem: 'zero' });
    const negativeZero = parseUsd('-0', { allowNegative: true });
    expect(negativeZero.ok && Object.is(negativeZero.value, 0)).toBe(true);
  });

  test('caps amounts at one billion dollars either way', () => {
    expect(parseUsd('1000000000')).toEqual({ ok: true, value: 1_000_000_000 });
    expect(parseUsd('1000000000.000001')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseUsd('-1000000001', { allowNegative: true })).toEqual({ ok: false, problem: 'too_large' });
  });
});
