import { ApiError } from './ApiError';
import { http } from './client';

// What the gateway runs, for the Settings page: GET /v1/server (master key
// and admin users), or — from a gateway that predates it — the plugins and
// providers that GET /ready lists.

export interface PluginInfo {
  name: string;
  version: string;
  abi: string;
}

export interface ProviderInfo {
  id: string;
  plugin: string;
  configured: boolean;
}

export interface ServerInfo {
  version: string | null;
  mode: 'development' | 'production' | null;
  database: 'sqlite' | 'mysql' | null;
  startedAt: string | null;
  uptimeSeconds: number | null;
  registrationEnabled: boolean | null;
  plugins: PluginInfo[];
  providers: ProviderInfo[];
  models: number | null;
  source: 'server' | 'ready'; // which endpoint answered
}

type Json = Record<string, unknown>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function plugins(v: unknown): PluginInfo[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((p): p is Json => !!p && typeof p === 'object')
    .map((p) => ({ name: String(p.name ?? ''), version: String(p.version ?? ''), abi: String(p.abi ?? '') }))
    .filter((p) => p.name);
}

function providers(v: unknown): ProviderInfo[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((p): p is Json => !!p && typeof p === 'object')
    .map((p) => ({ id: String(p.id ?? ''), plugin: String(p.plugin ?? p.id ?? ''), configured: p.configured === true }))
    .filter((p) => p.id);
}

// GET /v1/server's answer, read defensively (fields may be missing).
export function serverInfoFromServer(body: Json): ServerInfo {
  const mode = body.mode === 'production' || body.mode === 'development' ? body.mode : null;
  const database = body.database === 'sqlite' || body.database === 'mysql' ? body.database : null;
  return {
    version: str(body.version),
    mode,
    database,
    startedAt: str(body.started_at),
    uptimeSeconds: num(body.uptime_s),
    registrationEnabled: typeof body.registration_enabled === 'boolean' ? body.registration_enabled : null,
    plugins: plugins(body.plugins),
    providers: providers(body.providers),
    models: num(body.models),
    source: 'server',
  };
}

// GET /ready's answer (plus /health's version) when /v1/server is missing.
export function serverInfoFromReady(ready: Json, version: string | null): ServerInfo {
  return {
    version,
    mode: null,
    database: null,
    startedAt: null,
    uptimeSeconds: null,
    registrationEnabled: null,
    plugins: plugins(ready.plugins),
    providers: providers(ready.providers),
    models: num(ready.models),
    source: 'ready',
  };
}

// /ready answers 503 (with the same body) when no provider is running: that
// is still a description of the gateway, not a failure to show.
const readyOrNotReady = (status: number) => status === 200 || status === 503;

export async function fetchServerInfo(): Promise<ServerInfo> {
  try {
    const answer = await http.get<Json>('/v1/server');
    return serverInfoFromServer(answer.data);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const [ready, health] = await Promise.all([
    http.get<Json>('/ready', { validateStatus: readyOrNotReady }),
    http.get<Json>('/health').catch(() => null),
  ]);
  return serverInfoFromReady(ready.data, str(health?.data?.version));
}

export interface UptimeUnits {
  day: string;
  hour: string;
  minute: string;
  second: string;
}

// "3 d 4 h", "2 h 5 min", "42 s": the two largest units that are not zero
// (a day-old gateway does not need its seconds).
export function formatUptime(totalSeconds: number, units: UptimeUnits): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), units.day],
    [Math.floor((s % 86_400) / 3_600), units.hour],
    [Math.floor((s % 3_600) / 60), units.minute],
    [s % 60, units.second],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return `0 ${units.second}`;
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}
