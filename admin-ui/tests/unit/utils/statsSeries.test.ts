import { describe, expect, test } from 'vitest';
import { breakdownOf, hasUsage, timeSeriesOf, topItems, type BreakdownItem } from '@/utils/statsSeries';
import { figures, stats } from './statsFixture';

const hour = (h: number) => ({ start: `2026-12-02T${String(h).padStart(2, '0')}:00:00Z`, end: `2026-12-02T${String(h + 1).padStart(2, '0')}:00:00Z` });

describe('timeSeriesOf', () => {
  const answer = stats(
    [
      { ...hour(17), ...figures() },
      { ...hour(18), ...figures({ requests: 5, errors: 1, prompt_tokens: 11, completion_tokens: 11, total_tokens: 22, cost: 0.000033, latency_avg_ms: 8.2, latency_p95_ms: 41, ttft_avg_ms: 3 }) },
      { ...hour(16), ...figures({ requests: 1, total_tokens: 4, latency_avg_ms: 0, latency_p95_ms: 0 }) },
    ],
    'hour',
  );
  const series = timeSeriesOf(answer);

  test('puts the buckets in time order', () => {
    expect(series.starts).toEqual(['2026-12-02T16:00:00Z', '2026-12-02T17:00:00Z', '2026-12-02T18:00:00Z']);
  });

  test('carries each figure into its column', () => {
    expect(series.requests).toEqual([1, 0, 5]);
    expect(series.errors).toEqual([0, 0, 1]);
    expect(series.promptTokens).toEqual([0, 0, 11]);
    expect(series.completionTokens).toEqual([0, 0, 11]);
    expect(series.totalTokens).toEqual([4, 0, 22]);
    expect(series.cost).toEqual([0, 0, 0.000033]);
  });

  test('leaves latency gaps where a bucket had no requests, keeps real zeros', () => {
    expect(series.latencyAvg).toEqual([0, null, 8.2]);
    expect(series.latencyP95).toEqual([0, null, 41]);
    expect(series.ttftAvg).toEqual([0, null, 3]);
  });

  test('ignores entries without a time (another grouping)', () => {
    const byModel = stats([{ model: 'mock/echo', ...figures({ requests: 4 }) }], 'model');
    expect(timeSeriesOf(byModel).starts).toEqual([]);
  });
});

describe('hasUsage', () => {
  test('is true only when the range had requests', () => {
    expect(hasUsage(stats([], 'hour', { requests: 1 }))).toBe(true);
    expect(hasUsage(stats([{ ...hour(1), ...figures() }], 'hour'))).toBe(false);
    expect(hasUsage(null)).toBe(false);
  });
});

describe('breakdownOf', () => {
  test('names entries by the grouping and labels the nameless', () => {
    const byModel = stats(
      [
        { model: 'mock/echo', ...figures({ requests: 4, total_tokens: 22, cost: 0.000033 }) },
        { model: '', ...figures({ requests: 2, errors: 2 }) },
        { model: null, ...figures({ requests: 1, errors: 1 }) },
      ],
      'model',
    );
    expect(breakdownOf(byModel, 'model', '(none)')).toEqual([
      { name: 'mock/echo', requests: 4, total_tokens: 22, cost: 0.000033, errors: 0 },
      { name: '(none)', requests: 2, total_tokens: 0, cost: 0, errors: 2 },
      { name: '(none)', requests: 1, total_tokens: 0, cost: 0, errors: 1 },
    ]);
  });

  test('returns nothing for an answer of another grouping', () => {
    expect(breakdownOf(stats([{ ...hour(1), ...figures({ requests: 3 }) }], 'hour'), 'provider', '?')).toEqual([]);
  });
});

describe('topItems', () => {
  const item = (name: string, requests: number, cost = 0): BreakdownItem => ({ name, requests, total_tokens: 0, cost, errors: 0 });
  const items = [item('a', 5, 0.5), item('b', 9), item('c', 1), item('d', 0), item('e', 3)];

  test('sorts by the metric and drops zeros', () => {
    expect(topItems(items, 'requests', 10, 'Other')).toEqual([
      { name: 'b', value: 9 },
      { name: 'a', value: 5 },
      { name: 'e', value: 3 },
      { name: 'c', value: 1 },
    ]);
    expect(topItems(items, 'cost', 10, 'Other')).toEqual([{ name: 'a', value: 0.5 }]);
  });

  test('sums the tail into one "other" item, keeping the total', () => {
    const top = topItems(items, 'requests', 3, 'Other');
    expect(top).toEqual([
      { name: 'b', value: 9 },
      { name: 'a', value: 5 },
      { name: 'Other', value: 4 },
    ]);
    expect(top.reduce((s, i) => s + i.value, 0)).toBe(18);
  });
});
