import type { Stats, StatsFigures, StatsSeriesEntry } from '@/api/stats';

// The gateway's statistics answer → the columns charts draw.

export interface TimeSeries {
  starts: string[]; // bucket starts, ISO 8601, oldest first
  requests: number[];
  errors: number[];
  promptTokens: number[];
  completionTokens: number[];
  totalTokens: number[];
  cost: number[];
  // null where a bucket had no requests: a gap in the line, not a fall to 0
  latencyAvg: (number | null)[];
  latencyP95: (number | null)[];
  ttftAvg: (number | null)[];
}

export function hasUsage(stats: Pick<Stats, 'totals'> | null | undefined): boolean {
  return !!stats && stats.totals.requests > 0;
}

function latency(entry: StatsFigures, value: number): number | null {
  return entry.requests > 0 ? value : null;
}

// Time buckets of an hour/day grouping, oldest first (the gateway sends
// them in order; sorting keeps the chart right if that ever changes).
export function timeSeriesOf(stats: Pick<Stats, 'series'>): TimeSeries {
  const buckets = stats.series
    .filter((entry): entry is StatsSeriesEntry & { start: string } => typeof entry.start === 'string')
    .slice()
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return {
    starts: buckets.map((e) => e.start),
    requests: buckets.map((e) => e.requests),
    errors: buckets.map((e) => e.errors),
    promptTokens: buckets.map((e) => e.prompt_tokens),
    completionTokens: buckets.map((e) => e.completion_tokens),
    totalTokens: buckets.map((e) => e.total_tokens),
    cost: buckets.map((e) => e.cost),
    latencyAvg: buckets.map((e) => latency(e, e.latency_avg_ms)),
    latencyP95: buckets.map((e) => latency(e, e.latency_p95_ms)),
    ttftAvg: buckets.map((e) => latency(e, e.ttft_avg_ms)),
  };
}

export type BreakdownKey = 'model' | 'provider' | 'api_key_id';
export type BreakdownMetric = 'requests' | 'total_tokens' | 'cost' | 'errors';

export interface BreakdownItem {
  name: string;
  requests: number;
  total_tokens: number;
  cost: number;
  errors: number;
}

// Entries of a model/provider/key grouping. `unnamed` labels the group
// without a value (a request refused before its model was known, the
// master key's requests).
export function breakdownOf(stats: Pick<Stats, 'series'>, key: BreakdownKey, unnamed: string): BreakdownItem[] {
  return stats.series
    .filter((entry) => key in entry)
    .map((entry) => {
      const value = entry[key];
      return {
        name: typeof value === 'string' && value !== '' ? value : unnamed,
        requests: entry.requests,
        total_tokens: entry.total_tokens,
        cost: entry.cost,
        errors: entry.errors,
      };
    });
}

export interface NamedValue {
  name: string;
  value: number;
}

// The `limit` largest items by `metric`, the rest summed as `otherName`:
// a pie with forty slivers says nothing. Items worth 0 are left out.
export function topItems(items: BreakdownItem[], metric: BreakdownMetric, limit: number, otherName: string): NamedValue[] {
  const sorted = items
    .map((item) => ({ name: item.name, value: item[metric] }))
    .filter((item) => item.value > 0)
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  if (sorted.length <= limit) return sorted;
  const head = sorted.slice(0, Math.max(0, limit - 1));
  const rest = sorted.slice(head.length).reduce((sum, item) => sum + item.value, 0);
  return [...head, { name: otherName, value: rest }];
}
