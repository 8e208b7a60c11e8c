import type { Stats, StatsFigures, StatsSeriesEntry } from '@/api/stats';

// Figures as the gateway answers them (all zero unless given).
export function figures(over: Partial<StatsFigures> = {}): StatsFigures {
  return {
    requests: 0,
    errors: 0,
    error_rate: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
    cached_tokens: 0,
    reasoning_tokens: 0,
    cost: 0,
    cost_micros: 0,
    latency_avg_ms: 0,
    latency_p50_ms: 0,
    latency_p95_ms: 0,
    latency_max_ms: 0,
    ttft_avg_ms: 0,
    ttft_p50_ms: 0,
    ttft_p95_ms: 0,
    ttft_max_ms: 0,
    ...over,
  };
}

export function stats(series: StatsSeriesEntry[], group_by: Stats['group_by'], totals: Partial<StatsFigures> = {}): Stats {
  return {
    object: 'stats',
    scope: 'global',
    scope_id: null,
    start: '2026-12-01T18:00:00Z',
    end: '2026-12-02T19:00:00Z',
    group_by,
    filters: { model: null, provider: null },
    totals: figures(totals),
    series,
  };
}
