import { describe, expect, test } from 'vitest';
import {
  API_KEY_LIMIT_FIELDS,
  ORGANIZATION_LIMIT_FIELDS,
  changedLimits,
  hasAnyLimit,
  limitsFromText,
  limitsToText,
  parseLimit,
} from '@/api/limits';

describe('parseLimit', () => {
  test('an empty box is no cap (null)', () => {
    expect(parseLimit('', 'count')).toEqual({ ok: true, value: null });
    expect(parseLimit('  ', 'usd')).toEqual({ ok: true, value: null });
  });

  test('counts are whole numbers ≥ 0, digit grouping allowed', () => {
    expect(parseLimit('10000', 'count')).toEqual({ ok: true, value: 10000 });
    expect(parseLimit('1,000,000', 'count')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseLimit('0', 'count')).toEqual({ ok: true, value: 0 });
    expect(parseLimit('1.5', 'count')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parseLimit('ten', 'count')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parseLimit('-1', 'count')).toEqual({ ok: false, problem: 'negative' });
  });

  test('counts beyond what a JSON number keeps exactly are refused', () => {
    expect(parseLimit('9007199254740991', 'count')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(parseLimit('9007199254740993', 'count')).toEqual({ ok: false, problem: 'too_large' });
  });

  test('costs are dollars with at most six decimals, never negative', () => {
    expect(parseLimit('50', 'usd')).toEqual({ ok: true, value: 50 });
    expect(parseLimit('0.25', 'usd')).toEqual({ ok: true, value: 0.25 });
    expect(parseLimit('0.0000001', 'usd')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(parseLimit('-5', 'usd')).toEqual({ ok: false, problem: 'negative' });
  });
});

describe('limitsFromText', () => {
  test('turns every box into a number or null, all six caps present', () => {
    const { limits, problems } = limitsFromText(ORGANIZATION_LIMIT_FIELDS, {
      monthly_requests: '10000',
      monthly_tokens: '',
      monthly_cost: '50',
      yearly_requests: ' ',
      yearly_tokens: '2000000',
      yearly_cost: '',
    });
    expect(limits).toEqual({
      monthly_requests: 10000,
      monthly_tokens: null,
      monthly_cost: 50,
      yearly_requests: null,
      yearly_tokens: 2_000_000,
      yearly_cost: null,
    });
    expect(problems).toEqual({});
  });

  test('names each box that does not parse', () => {
    const { problems } = limitsFromText(API_KEY_LIMIT_FIELDS, { monthly_requests: '1.5', monthly_tokens: '3', monthly_cost: 'x' });
    expect(problems).toEqual({ monthly_requests: 'not_whole', monthly_cost: 'not_number' });
  });
});

describe('limitsToText', () => {
  test('null caps become empty boxes and numbers their text', () => {
    expect(limitsToText(API_KEY_LIMIT_FIELDS, { monthly_requests: null, monthly_tokens: 0, monthly_cost: 10.5 })).toEqual({
      monthly_requests: '',
      monthly_tokens: '0',
      monthly_cost: '10.5',
    });
    expect(limitsToText(API_KEY_LIMIT_FIELDS, null)).toEqual({ monthly_requests: '', monthly_tokens: '', monthly_cost: '' });
  });

  test('round-trips through limitsFromText', () => {
    const caps = { monthly_requests: 5, monthly_tokens: null, monthly_cost: 0.000001 };
    expect(limitsFromText(API_KEY_LIMIT_FIELDS, limitsToText(API_KEY_LIMIT_FIELDS, caps)).limits).toEqual(caps);
  });
});

describe('changedLimits', () => {
  test('lists only caps that differ, with null for a removed cap', () => {
    const before = { monthly_requests: 100, monthly_tokens: null, monthly_cost: 50 };
    const after = { monthly_requests: 100, monthly_tokens: 2000, monthly_cost: null };
    expect(changedLimits(API_KEY_LIMIT_FIELDS, before, after)).toEqual({ monthly_tokens: 2000, monthly_cost: null });
    expect(changedLimits(API_KEY_LIMIT_FIELDS, before, { ...before })).toEqual({});
  });
});

describe('hasAnyLimit', () => {
  test('is true when at least one cap is set', () => {
    expect(hasAnyLimit({ monthly_requests: null, monthly_cost: 0 })).toBe(true);
    expect(hasAnyLimit({ monthly_requests: null, monthly_cost: null })).toBe(false);
    expect(hasAnyLimit(null)).toBe(false);
  });
});
