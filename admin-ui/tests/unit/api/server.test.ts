import { afterEach, describe, expect, test } from 'vitest';
import { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { http } from '@/api/client';
import { fetchServerInfo, formatUptime, serverInfoFromReady, serverInfoFromServer } from '@/api/server';

const SERVER = {
  object: 'server',
  version: '0.1.0',
  mode: 'development',
  database: 'sqlite',
  started_at: '2026-11-22T10:04:05.250Z',
  uptime_s: 3600,
  registration_enabled: true,
  plugins: [
    { name: 'mock', version: '1.0.0', abi: '1.0' },
    { name: 'openai', version: '1.2.0', abi: '1.0' },
  ],
  providers: [
    { id: 'mock', plugin: 'mock', configured: true },
    { id: 'openai', plugin: 'openai', configured: false },
  ],
  models: 4,
};

const READY = {
  status: 'ready',
  plugins: SERVER.plugins,
  providers: SERVER.providers,
  models: 4,
  usage_collector: { queued: 0 },
};

describe('serverInfoFromServer', () => {
  test('reads every field of GET /v1/server', () => {
    expect(serverInfoFromServer(SERVER)).toEqual({
      version: '0.1.0',
      mode: 'development',
      database: 'sqlite',
      startedAt: '2026-11-22T10:04:05.250Z',
      uptimeSeconds: 3600,
      registrationEnabled: true,
      plugins: SERVER.plugins,
      providers: SERVER.providers,
      models: 4,
      source: 'server',
    });
  });

  test('unknown or missing values become null, never a guess', () => {
    const info = serverInfoFromServer({ database: 'postgres', mode: 'test', plugins: 'x', providers: [{ id: 'p' }, null] });
    expect(info.database).toBeNull();
    expect(info.mode).toBeNull();
    expect(info.version).toBeNull();
    expect(info.uptimeSeconds).toBeNull();
    expect(info.registrationEnabled).toBeNull();
    expect(info.plugins).toEqual([]);
    // A provider without `configured: true` is not configured.
    expect(info.providers).toEqual([{ id: 'p', plugin: 'p', configured: false }]);
  });
});

describe('serverInfoFromReady', () => {
  test('has the plugins and providers, and nothing /ready does not say', () => {
    const info = serverInfoFromReady(READY, '0.1.0');
    expect(info.source).toBe('ready');
    expect(info.version).toBe('0.1.0');
    expect(info.plugins.map((p) => `${p.name} ${p.version}`)).toEqual(['mock 1.0.0', 'openai 1.2.0']);
    expect(info.providers.filter((p) => p.configured).map((p) => p.id)).toEqual(['mock']);
    expect(info.models).toBe(4);
    expect(info.database).toBeNull();
    expect(info.uptimeSeconds).toBeNull();
  });
});

describe('formatUptime', () => {
  const units = { day: 'd', hour: 'h', minute: 'min', second: 's' };
  test('shows the two largest units', () => {
    expect(formatUptime(42, units)).toBe('42 s');
    expect(formatUptime(125, units)).toBe('2 min 5 s');
    expect(formatUptime(2 * 3600 + 5 * 60 + 9, units)).toBe('2 h 5 min');
    expect(formatUptime(3 * 86_400 + 4 * 3600 + 59, units)).toBe('3 d 4 h');
  });
  test('leaves out a zero second unit and rounds down', () => {
    expect(formatUptime(86_400 + 30, units)).toBe('1 d');
    expect(formatUptime(3600.9, units)).toBe('1 h');
    expect(formatUptime(0, units)).toBe('0 s');
    expect(formatUptime(-5, units)).toBe('0 s');
  });
});

// Answers axios requests by URL, as the gateway would.
function answer(routes: Record<string, { status: number; data: unknown }>): string[] {
  const asked: string[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const url = config.url ?? '';
    asked.push(url);
    const route = routes[url] ?? { status: 404, data: { error: { message: 'Unknown endpoint.', type: 'invalid_request_error', code: 'unknown_endpoint', param: null } } };
    const response: AxiosResponse = { data: route.data, status: route.status, statusText: '', headers: {}, config };
    const valid = config.validateStatus ? config.validateStatus(route.status) : route.status < 300;
    if (valid) return response;
    throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response);
  };
  http.defaults.adapter = adapter;
  return asked;
}

const realAdapter = http.defaults.adapter;

describe('fetchServerInfo', () => {
  afterEach(() => {
    http.defaults.adapter = realAdapter;
  });

  test('uses GET /v1/server when the gateway has it', async () => {
    const asked = answer({ '/v1/server': { status: 200, data: SERVER } });
    const info = await fetchServerInfo();
    expect(info.source).toBe('server');
    expect(info.database).toBe('sqlite');
    expect(asked).toEqual(['/v1/server']);
  });

  test('falls back to /ready (and /health for the version) when /v1/server is 404', async () => {
    const asked = answer({
      '/ready': { status: 503, data: { ...READY, status: 'not_ready' } },
      '/health': { status: 200, data: { status: 'ok', version: '0.0.9' } },
    });
    const info = await fetchServerInfo();
    expect(info.source).toBe('ready');
    expect(info.version).toBe('0.0.9');
    expect(info.providers).toHaveLength(2);
    expect(asked.sort()).toEqual(['/health', '/ready', '/v1/server']);
  });

  test('a refusal other than 404 is shown, not papered over', async () => {
    answer({
      '/v1/server': {
        status: 403,
        data: { error: { message: 'Only admins may read the server information.', type: 'permission_error', code: 'insufficient_permissions', param: null } },
      },
      '/ready': { status: 200, data: READY },
    });
    await expect(fetchServerInfo()).rejects.toMatchObject({ status: 403, message: 'Only admins may read the server information.' });
  });
});
