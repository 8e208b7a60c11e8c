import { http } from './client';

// The model catalog (GET /v1/models) and the leaderboard (GET /v1/rankings).

export interface ModelPricing {
  prompt: string; // USD per token, decimal strings as OpenRouter prints them
  completion: string;
  input_cache_read?: string;
}

export type Capability = 'tools' | 'vision' | 'json';
export const CAPABILITIES: Capability[] = ['tools', 'vision', 'json'];

export interface Model {
  id: string;
  object: 'model';
  created: number;
  owned_by: string; // the provider id
  name: string;
  context_length: number;
  max_output_tokens: number;
  pricing: ModelPricing;
  capabilities: Record<Capability, boolean>;
  available: boolean;
}

export type RankingPeriod = 'day' | 'week' | 'month';

export interface RankingEntry {
  rank: number;
  model: string;
  provider: string;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  share: number; // 0 to 1, of all tokens
}

export interface Rankings {
  object: 'rankings';
  period: RankingPeriod;
  start: string;
  end: string;
  data: RankingEntry[];
}

export async function fetchModels(): Promise<Model[]> {
  return (await http.get<{ object: 'list'; data: Model[] }>('/v1/models')).data.data;
}

export async function fetchRankings(period: RankingPeriod): Promise<Rankings> {
  return (await http.get<Rankings>('/v1/rankings', { params: { period } })).data;
}

export interface ModelFilter {
  search?: string; // a case-insensitive part of the id or the name
  provider?: string;
  capability?: Capability;
  availableOnly?: boolean;
}

export function filterModels(models: Model[], filter: ModelFilter): Model[] {
  const needle = filter.search?.trim().toLowerCase() ?? '';
  return models.filter(
    (m) =>
      (!needle || m.id.toLowerCase().includes(needle) || m.name.toLowerCase().includes(needle)) &&
      (!filter.provider || m.owned_by === filter.provider) &&
      (!filter.capability || m.capabilities[filter.capability] === true) &&
      (!filter.availableOnly || m.available),
  );
}

// The providers of a catalog, sorted, each once.
export function providersOf(models: Model[]): string[] {
  return [...new Set(models.map((m) => m.owned_by))].sort();
}
