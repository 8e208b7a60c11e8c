import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { SESSION_STORAGE_KEY, isExpired, useSessionStore, type SessionData } from '@/stores/session';
import { configureClient, http } from '@/api/client';
import { ApiError } from '@/api/ApiError';

// The store talks to the gateway through the axios instance; these tests
// answer its requests with an adapter that records what was asked.
type Answer = { status: number; data: unknown };
let answers: Record<string, Answer>;
let asked: { url: string; authorization: string | undefined; body: unknown }[];

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
  answers = {};
  asked = [];
  http.defaults.adapter = async (config) => {
    const url = `${config.method?.toUpperCase()} ${config.url}`;
    const headers = config.headers as unknown as { get(name: string): string | undefined };
    asked.push({ url, authorization: headers.get('Authorization'), body: config.data ? JSON.parse(config.data) : undefined });
    const answer = answers[url] ?? { status: 404, data: { error: { message: 'Unknown endpoint.', type: 'invalid_request_error' } } };
    const response = { data: answer.data, status: answer.status, statusText: '', headers: {}, config };
    if (answer.status >= 400) {
      const { AxiosError } = await import('axios');
      throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response);
    }
    return response;
  };
});

afterEach(() => {
  vi.useRealTimers();
});

const user = {
  id: 'usr_1', object: 'user', email: 'ada@example.com', name: 'Ada', role: 'member', organization_id: 'org_1',
  status: 'active', created_at: '', updated_at: '', deleted_at: null,
};

describe('session store', () => {
  test('signing in with a password keeps the token, the organization and the expiry', async () => {
    answers['POST /v1/auth/login'] = { status: 200, data: { token: 'jwt.token.sig', token_type: 'Bearer', expires_at: '2099-01-01T00:00:00Z', user } };
    answers['GET /v1/auth/profile'] = { status: 200, data: { user, organization: null, is_organization_admin: true } };
    const session = useSessionStore();
    await session.signInWithPassword(' ada@example.com ', 'pw');
    expect(asked[0].body).toEqual({ email: 'ada@example.com', password: 'pw' });
    expect(asked[1].authorization).toBe('Bearer jwt.token.sig');
    expect(session.signedIn).toBe(true);
    expect(session.globalAdmin).toBe(false);
    expect(session.organizationId).toBe('org_1');
    expect(session.canManage).toBe(true);
    expect(session.data?.organizationAdmin).toBe(true);
    const stored = JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!) as SessionData;
    expect(stored.token).toBe('jwt.token.sig');
    expect(stored.expiresAt).toBe('2099-01-01T00:00:00Z');
  });

  test('a wrong password is an ApiError with the gateway message and no session', async () => {
    answers['POST /v1/auth/login'] = {
      status: 401,
      data: { error: { message: 'Wrong email or password.', type: 'authentication_error', code: 'invalid_credentials', param: null } },
    };
    const unauthorized = vi.fn();
    configureClient({ token: () => null, unauthorized });
    const session = useSessionStore();
    await expect(session.signInWithPassword('a@b.c', 'nope')).rejects.toMatchObject({ message: 'Wrong email or password.', status: 401 });
    expect(session.signedIn).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    // A refused sign-in is not an expired session.
    expect(unauthorized).not.toHaveBeenCalled();
  });

  test('the master key signs in as a global admin', async () => {
    answers['GET /v1/key'] = { status: 200, data: { data: { id: 'master', label: 'master key', is_admin: true, limit: null, usage: 0 } } };
    const session = useSessionStore();
    await session.signInWithKey('  gr-master  ');
    expect(asked[0].authorization).toBe('Bearer gr-master');
    expect(session.globalAdmin).toBe(true);
    expect(session.organizationId).toBeNull();
    expect(session.canRead).toBe(true);
    expect(session.token).toBe('gr-master');
  });

  test('a key with read and admin manages its own organization only (is_admin is not global)', async () => {
    answers['GET /v1/key'] = {
      status: 200,
      data: { data: { id: 'key_2', label: 'gr-adm…', is_admin: true, organization_id: 'org_2', permissions: ['read', 'write', 'admin'] } },
    };
    const session = useSessionStore();
    await session.signInWithKey('gr-adm');
    expect(session.globalAdmin).toBe(false);
    expect(session.organizationId).toBe('org_2');
    expect(session.data?.organizationAdmin).toBe(true);
    expect(session.canManage).toBe(true);
  });

  test('a key with admin but not read finds its organization through the organizations list', async () => {
    answers['GET /v1/key'] = { status: 403, data: { error: { message: "This key lacks the 'read' permission.", type: 'permission_error' } } };
    answers['GET /v1/organizations'] = { status: 200, data: { object: 'list', data: [{ id: 'org_9' }], page: 1, limit: 1, total: 1, has_more: false } };
    const session = useSessionStore();
    await session.signInWithKey('gr-adminonly');
    expect(session.organizationId).toBe('org_9');
    expect(session.canManage).toBe(true);
    expect(session.canRead).toBe(false);
  });

  test('a revoked key cannot sign in', async () => {
    answers['GET /v1/key'] = { status: 401, data: { error: { message: 'This API key was revoked.', type: 'authentication_error', code: 'api_key_revoked' } } };
    const session = useSessionStore();
    await expect(session.signInWithKey('gr-revoked')).rejects.toBeInstanceOf(ApiError);
    expect(session.signedIn).toBe(false);
  });

  test('a session survives a reload (a new store reads localStorage)', async () => {
    answers['GET /v1/key'] = { status: 200, data: { data: { id: 'key_1', label: 'gr-abc…', is_admin: false, organization_id: 'org_1', permissions: ['read'] } } };
    await useSessionStore().signInWithKey('gr-abc');
    setActivePinia(createPinia());
    const reloaded = useSessionStore();
    expect(reloaded.signedIn).toBe(true);
    expect(reloaded.organizationId).toBe('org_1');
    expect(reloaded.canManage).toBe(false);
  });

  test('an expired session ends with the expired reason; signing out with its own', () => {
    const data: SessionData = {
      token: 't', kind: 'user', name: 'a', userId: 'u', organizationId: null, globalAdmin: true, organizationAdmin: true,
      permissions: ['read', 'write', 'admin'], expiresAt: '2020-01-01T00:00:00Z',
    };
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(data));
    const session = useSessionStore();
    expect(session.signedIn).toBe(true);
    expect(session.expireIfDue()).toBe(true);
    expect(session.signedIn).toBe(false);
    expect(session.endReason).toBe('expired');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();

    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...data, expiresAt: null }));
    setActivePinia(createPinia());
    const other = useSessionStore();
    expect(other.expireIfDue()).toBe(false);
    other.signOut();
    expect(other.endReason).toBe('signed_out');
  });

  test('isExpired compares with the given time; keys without expiry never expire', () => {
    const base: Omit<SessionData, 'expiresAt'> = {
      token: 't', kind: 'key', name: '', userId: null, organizationId: null, globalAdmin: false, organizationAdmin: false, permissions: [],
    };
    expect(isExpired({ ...base, expiresAt: '2030-01-01T00:00:00Z' }, Date.parse('2029-12-31T23:59:59Z'))).toBe(false);
    expect(isExpired({ ...base, expiresAt: '2030-01-01T00:00:00Z' }, Date.parse('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isExpired({ ...base, expiresAt: null }, Date.now())).toBe(false);
  });

  test('garbage in storage is no session', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(useSessionStore().signedIn).toBe(false);
  });
});

describe('client', () => {
  test('a 401 on an ordinary request reports an ended session', async () => {
    answers['GET /v1/organizations'] = { status: 401, data: { error: { message: 'The session has expired.', type: 'authentication_error', code: 'invalid_session' } } };
    const unauthorized = vi.fn();
    configureClient({ token: () => 'tok', unauthorized });
    await expect(http.get('/v1/organizations')).rejects.toMatchObject({ message: 'The session has expired.' });
    expect(asked[0].authorization).toBe('Bearer tok');
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });
});
