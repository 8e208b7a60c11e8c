import { describe, expect, test } from 'vitest';
import { filterModels, providersOf, type Model } from '@/api/models';

function model(id: string, name: string, over: Partial<Model> = {}): Model {
  return {
    id,
    object: 'model',
    created: 1796235747,
    owned_by: id.split('/')[0],
    name,
    context_length: 32768,
    max_output_tokens: 4096,
    pricing: { prompt: '0.000001', completion: '0.000002' },
    capabilities: { tools: true, vision: false, json: true },
    available: true,
    ...over,
  };
}

const CATALOG = [
  model('mock/echo', 'Mock Echo'),
  model('openai/gpt-4o', 'GPT-4o', { capabilities: { tools: true, vision: true, json: true }, available: false }),
  model('anthropic/claude-sonnet-4-5', 'Claude Sonnet 4.5', { capabilities: { tools: true, vision: true, json: false } }),
  model('openrouter/gpt-4o', 'GPT-4o via OpenRouter', { available: false }),
];

const ids = (list: Model[]) => list.map((m) => m.id);

describe('filterModels', () => {
  test('searches ids and names without regard to case', () => {
    expect(ids(filterModels(CATALOG, { search: 'GPT-4O' }))).toEqual(['openai/gpt-4o', 'openrouter/gpt-4o']);
    expect(ids(filterModels(CATALOG, { search: ' sonnet ' }))).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(ids(filterModels(CATALOG, { search: '' }))).toEqual(ids(CATALOG));
  });

  test('combines provider, capability and availability', () => {
    expect(ids(filterModels(CATALOG, { provider: 'openai' }))).toEqual(['openai/gpt-4o']);
    expect(ids(filterModels(CATALOG, { capability: 'vision' }))).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4-5']);
    expect(ids(filterModels(CATALOG, { capability: 'vision', availableOnly: true }))).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(ids(filterModels(CATALOG, { search: 'gpt', provider: 'openrouter', capability: 'json' }))).toEqual(['openrouter/gpt-4o']);
    expect(filterModels(CATALOG, { provider: 'google' })).toEqual([]);
  });
});

describe('providersOf', () => {
  test('lists each provider once, sorted', () => {
    expect(providersOf([...CATALOG, model('mock/slow', 'Mock Slow')])).toEqual(['anthropic', 'mock', 'openai', 'openrouter']);
    expect(providersOf([])).toEqual([]);
  });
});
