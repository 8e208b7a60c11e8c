import { describe, expect, test } from 'vitest';
import { compactQuery, pageParams } from '@/api/query';

describe('compactQuery', () => {
  test('leaves out blank, null and undefined filters and trims text', () => {
    expect(compactQuery({ name: '  acme ', status: '', organization_id: null, role: undefined, page: 2 })).toEqual({
      name: 'acme',
      page: 2,
    });
  });

  test('keeps zero, false and white-space-free text as they are', () => {
    expect(compactQuery({ page: 0, stream: false, q: 'x' })).toEqual({ page: 0, stream: false, q: 'x' });
  });

  test('drops numbers that are not finite', () => {
    expect(compactQuery({ limit: Number.NaN, page: Number.POSITIVE_INFINITY })).toEqual({});
  });
});

describe('pageParams', () => {
  test('passes a valid page and limit through', () => {
    expect(pageParams(3, 50)).toEqual({ page: 3, limit: 50 });
  });

  test('clamps the limit to 1..100 and resets a bad page to 1', () => {
    expect(pageParams(0, 500)).toEqual({ page: 1, limit: 100 });
    expect(pageParams(-4, 0)).toEqual({ page: 1, limit: 1 });
    expect(pageParams(1.5, 2.5)).toEqual({ page: 1, limit: 20 });
  });
});
