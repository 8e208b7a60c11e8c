import { http } from './client';

// Usage statistics: GET /v1/stats, /v1/organizations/{id}/stats and
// /v1/api-keys/{id}/stats (docs/api.md "Statistics").

export interface StatsFigures {
  requests: number;
  errors: number;
  error_rate: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  cost: number;
  cost_micros: number;
  latency_avg_ms: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
  latency_max_ms: number;
  ttft_avg_ms: number;
  ttft_p50_ms: number;
  ttft_p95_ms: number;
  ttft_max_ms: number;
}

// One series entry: a time bucket (start/end) or a group (model, provider, key).
export interface StatsSeriesEntry extends StatsFigures {
  start?: string;
  end?: string;
  model?: string | null;
  provider?: string | null;
  api_key_id?: string | null;
}

export type StatsGroupBy = 'hour' | 'day' | 'model' | 'provider' | 'key';
export type TimeGrouping = 'hour' | 'day';
export type StatsPeriod = 'day' | 'week' | 'month';

export interface Stats {
  object: 'stats';
  scope: 'global' | 'organization' | 'api_key';
  scope_id: string | null;
  start: string;
  end: string;
  group_by: StatsGroupBy | null;
  filters: { model: string | null; provider: string | null };
  totals: StatsFigures;
  series: StatsSeriesEntry[];
}

// Whose figures: everything, one organization's, or one key's.
export type StatsScope = 'global' | 'organization' | 'key';
export interface StatsTarget {
  scope: StatsScope;
  id?: string;
}

export interface StatsQuery {
  start?: string;
  end?: string;
  period?: StatsPeriod;
  group_by?: StatsGroupBy;
  model?: string;
  provider?: string;
}

export interface TimeRange {
  start: Date;
  end: Date;
}

export type RangePreset = '24h' | '7d' | '30d';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Hourly buckets up to two days (at most 49 points); daily ones beyond.
const HOURLY_LIMIT_MS = 2 * DAY_MS;
// The gateway refuses longer ranges (400 invalid_parameter).
export const MAX_RANGE_DAYS = 366;

export function statsPath(target: StatsTarget): string {
  if (target.scope === 'global') return '/v1/stats';
  if (!target.id) throw new Error(`A ${target.scope} statistics target needs an id.`);
  const id = encodeURIComponent(target.id);
  return target.scope === 'organization' ? `/v1/organizations/${id}/stats` : `/v1/api-keys/${id}/stats`;
}

export function presetRange(preset: RangePreset, now: Date = new Date()): TimeRange {
  const span = preset === '24h' ? DAY_MS : preset === '7d' ? 7 * DAY_MS : 30 * DAY_MS;
  return { start: new Date(now.getTime() - span), end: new Date(now.getTime()) };
}

export function timeGroupingFor(range: TimeRange): TimeGrouping {
  return range.end.getTime() - range.start.getTime() <= HOURLY_LIMIT_MS ? 'hour' : 'day';
}

// The range the gateway accepts: end after start, at most MAX_RANGE_DAYS.
export function rangeProblem(range: TimeRange): 'order' | 'too_long' | null {
  const span = range.end.getTime() - range.start.getTime();
  if (!(span > 0)) return 'order';
  if (span > MAX_RANGE_DAYS * DAY_MS) return 'too_long';
  return null;
}

// Query parameters for a range: ISO 8601 UTC times (the gateway refuses
// times without a zone) and the grouping, by default the time grouping.
export function rangeQuery(range: TimeRange, groupBy: StatsGroupBy = timeGroupingFor(range)): StatsQuery {
  return { start: range.start.toISOString(), end: range.end.toISOString(), group_by: groupBy };
}

// Drops empty values: the gateway refuses parameters it cannot parse.
export function statsParams(query: StatsQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.trim() !== '') params[name] = value.trim();
  }
  return params;
}

export async function fetchStats(target: StatsTarget, query: StatsQuery): Promise<Stats> {
  return (await http.get<Stats>(statsPath(target), { params: statsParams(query) })).data;
}

export interface StatsDownload {
  filename: string;
  blob: Blob;
}

// The file name from Content-Disposition (attachment; filename="…").
export function attachmentFilename(header: unknown, fallback: string): string {
  if (typeof header !== 'string') return fallback;
  const quoted = /filename="([^"]+)"/i.exec(header);
  const bare = /filename=([^;\s]+)/i.exec(header);
  const name = (quoted?.[1] ?? bare?.[1] ?? '').replace(/[/\\]/g, '_');
  return name || fallback;
}

// format=csv is a download; it needs the Authorization header, so it is
// fetched here and saved from a Blob. Read as text so an error answer
// (JSON) still becomes a readable ApiError; the byte order mark the
// gateway sends for spreadsheets is lost in decoding and put back.
export async function downloadStatsCsv(target: StatsTarget, query: StatsQuery): Promise<StatsDownload> {
  const response = await http.get<string>(statsPath(target), {
    params: { ...statsParams(query), format: 'csv' },
    responseType: 'text',
  });
  const text = response.data.startsWith('\uFEFF') ? response.data : `\uFEFF${response.data}`;
  return {
    filename: attachmentFilename(response.headers['content-disposition'], 'gaiarouter-stats.csv'),
    blob: new Blob([text], { type: 'text/csv;charset=utf-8' }),
  };
}

// What the dashboard of a session shows: global figures for global admins,
// the organization's for its managers and members, a key's own figures for
// a key with `read` alone (its id comes from GET /v1/key), else nothing.
export interface StatsViewer {
  globalAdmin: boolean;
  canManage: boolean;
  canRead: boolean;
  organizationId: string | null;
  kind: 'key' | 'user' | null;
}

export type DashboardTarget = StatsTarget | { scope: 'own-key' } | null;

export function dashboardTarget(viewer: StatsViewer): DashboardTarget {
  if (viewer.globalAdmin) return { scope: 'global' };
  if (viewer.canManage && viewer.organizationId) return { scope: 'organization', id: viewer.organizationId };
  if (viewer.kind === 'key' && viewer.canRead) return { scope: 'own-key' };
  return null;
}

