import { http } from './client';
import type { ListPage } from './types';

// Usage records one by one: GET /v1/activity (the feed) and
// GET /v1/generation?id= (one record), docs/api.md "Requests and rankings".

export interface Generation {
  id: string; // the request id (X-Request-Id)
  object: 'generation';
  created_at: string;
  model: string; // "" when the body failed validation
  provider: string;
  upstream_model: string;
  status: number; // 499: the client left first
  error_code: string | null;
  streamed: boolean;
  estimated: boolean;
  tokens_prompt: number;
  tokens_completion: number;
  total_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  cost: number;
  cost_micros: number;
  latency_ms: number;
  ttft_ms: number | null;
  upstream_latency_ms: number | null;
  api_key_id: string | null;
  organization_id: string | null;
  user_id: string | null;
}

// The feed's filters, as the API and the page's URL both name them.
export interface ActivityFilters {
  organization_id?: string;
  api_key_id?: string;
  model?: string;
  provider?: string;
  status?: string; // an HTTP status ("429") or a class ("5xx")
  errors?: boolean; // only failures
  stream?: boolean; // only streamed (true) or only not (false)
  start?: string; // ISO 8601 UTC, inclusive
  end?: string; // exclusive
}

export const STATUS_CLASSES = ['2xx', '4xx', '5xx'] as const;
export const MAX_PAGE_SIZE = 100;

const TEXT_FILTERS = ['organization_id', 'api_key_id', 'model', 'provider', 'start', 'end'] as const;
const STATUS_PATTERN = /^[1-5]([0-9][0-9]|xx)$/;

function single(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function flag(value: unknown): boolean | undefined {
  const text = single(value);
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function validTime(value: string | undefined): string | undefined {
  return value !== undefined && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

// A route's query (/activity?api_key_id=key_x&status=5xx) → filters. Values
// the API would refuse are dropped rather than turned into a 400.
export function filtersFromQuery(query: Record<string, unknown>): ActivityFilters {
  const filters: ActivityFilters = {};
  for (const name of TEXT_FILTERS) {
    const value = single(query[name]);
    if (value !== undefined) filters[name] = value;
  }
  filters.start = validTime(filters.start);
  filters.end = validTime(filters.end);
  const status = single(query.status)?.toLowerCase();
  if (status && STATUS_PATTERN.test(status)) filters.status = status;
  const errors = flag(query.errors);
  if (errors) filters.errors = true;
  const stream = flag(query.stream);
  if (stream !== undefined) filters.stream = stream;
  for (const key of Object.keys(filters) as (keyof ActivityFilters)[]) {
    if (filters[key] === undefined) delete filters[key];
  }
  return filters;
}

// Filters → query parameters (also the page's URL): only the set ones.
export function filtersToQuery(filters: ActivityFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of TEXT_FILTERS) {
    const value = filters[name]?.trim();
    if (value) query[name] = value;
  }
  if (filters.status) query.status = filters.status;
  if (filters.errors) query.errors = 'true';
  if (filters.stream !== undefined) query.stream = String(filters.stream);
  return query;
}

export function activityParams(filters: ActivityFilters, page: number, limit: number): Record<string, string> {
  const safePage = Math.max(1, Math.floor(page) || 1);
  const safeLimit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit) || 20));
  return { ...filtersToQuery(filters), page: String(safePage), limit: String(safeLimit) };
}

export async function fetchActivity(filters: ActivityFilters, page: number, limit: number): Promise<ListPage<Generation>> {
  return (await http.get<ListPage<Generation>>('/v1/activity', { params: activityParams(filters, page, limit) })).data;
}

export async function fetchGeneration(id: string): Promise<Generation> {
  return (await http.get<{ data: Generation }>('/v1/generation', { params: { id: id.trim() } })).data.data;
}

// How a status reads at a glance.
export type Outcome = 'success' | 'client_error' | 'server_error' | 'failed_stream';

export function outcomeOf(record: Pick<Generation, 'status' | 'error_code'>): Outcome {
  if (record.status >= 500) return 'server_error';
  if (record.status >= 400) return 'client_error';
  // A stream that ended in an error after its 200.
  return record.error_code ? 'failed_stream' : 'success';
}

// The feed counts at most this many matches (an exact count would scan
// millions of rows): a total at the cap means "this many or more".
export const ACTIVITY_TOTAL_CAP = 10_000;

export interface OrganizationChoice {
  id: string;
  name: string;
}

// Organizations a global admin may filter by (the first hundred by the
// API's order; an id typed into the filter works for the others).
export async function fetchOrganizationChoices(): Promise<OrganizationChoice[]> {
  const answer = await http.get<ListPage<{ id: string; name: string }>>('/v1/organizations', { params: { limit: MAX_PAGE_SIZE } });
  return answer.data.data.map((o) => ({ id: o.id, name: o.name }));
}
