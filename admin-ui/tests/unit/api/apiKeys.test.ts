import { afterEach, describe, expect, test, vi } from 'vitest';
import { http } from '@/api/client';
import {
  activityLinkFor,
  apiKeyCreateBody,
  apiKeyFormProblems,
  apiKeyListParams,
  apiKeyPatch,
  apiKeyToForm,
  canGrantAdmin,
  createApiKey,
  emptyApiKeyFilters,
  emptyApiKeyForm,
  expiryState,
  hasKeyProblems,
  isFutureDate,
  listApiKeys,
  revokeApiKey,
  sortPermissions,
  updateApiKey,
  utcDate,
  type ApiKeyFormContext,
} from '@/api/apiKeys';
import { apiKey, listOf } from './managementFixtures';

const NOW = Date.parse('2026-12-02T18:00:00Z');
const create: ApiKeyFormContext = { mode: 'create', needsOrganization: false, mayGrantAdmin: true, now: NOW };

afterEach(() => vi.restoreAllMocks());

describe('permissions', () => {
  test('are listed read, write, admin whatever order they came in, without duplicates or unknowns', () => {
    expect(sortPermissions(['admin', 'read'])).toEqual(['read', 'admin']);
    expect(sortPermissions(['write', 'write', 'superuser', 'read'])).toEqual(['read', 'write']);
    expect(sortPermissions([])).toEqual([]);
  });

  test('admin may be granted by global admins and org-admins only', () => {
    expect(canGrantAdmin({ globalAdmin: true, organizationAdmin: false })).toBe(true);
    expect(canGrantAdmin({ globalAdmin: false, organizationAdmin: true })).toBe(true);
    expect(canGrantAdmin({ globalAdmin: false, organizationAdmin: false })).toBe(false);
    expect(canGrantAdmin(null)).toBe(false);
  });
});

describe('apiKeyListParams', () => {
  test('sends only the filters that are set', () => {
    expect(apiKeyListParams(emptyApiKeyFilters())).toEqual({ page: 1, limit: 20 });
    expect(apiKeyListParams({ name: 'ci', status: 'deleted', organization_id: 'org_1', page: 2, limit: 10 })).toEqual({
      name: 'ci',
      status: 'deleted',
      organization_id: 'org_1',
      page: 2,
      limit: 10,
    });
  });

  test('listApiKeys, createApiKey, updateApiKey and revokeApiKey hit the documented paths', async () => {
    const get = vi.spyOn(http, 'get').mockResolvedValue({ data: listOf([apiKey()]) });
    const post = vi.spyOn(http, 'post').mockResolvedValue({ data: { ...apiKey(), key: 'gr-secret' } });
    const patch = vi.spyOn(http, 'patch').mockResolvedValue({ data: apiKey() });
    const del = vi.spyOn(http, 'delete').mockResolvedValue({ data: { deleted: true } });
    await listApiKeys({ ...emptyApiKeyFilters(), organization_id: 'org_1' });
    const created = await createApiKey(apiKeyCreateBody({ ...emptyApiKeyForm('org_1'), name: 'ci' }, true));
    await updateApiKey('key_1', { status: 'inactive' });
    await revokeApiKey('key_1');
    expect(get).toHaveBeenCalledWith('/v1/api-keys', { params: { organization_id: 'org_1', page: 1, limit: 20 } });
    expect(post.mock.calls[0][0]).toBe('/v1/api-keys');
    expect(created.key).toBe('gr-secret');
    expect(patch).toHaveBeenCalledWith('/v1/api-keys/key_1', { status: 'inactive' });
    expect(del).toHaveBeenCalledWith('/v1/api-keys/key_1');
  });
});

describe('expiry', () => {
  test('utcDate gives the UTC calendar day of a time', () => {
    expect(utcDate('2027-01-31T00:00:00Z')).toBe('2027-01-31');
    expect(utcDate('2027-01-31T23:30:00-02:00')).toBe('2027-02-01');
    expect(utcDate(null)).toBe('');
    expect(utcDate('not a time')).toBe('');
  });

  test('a day counts as future when its midnight UTC is after now', () => {
    expect(isFutureDate('2026-12-03', NOW)).toBe(true);
    expect(isFutureDate('2026-12-02', NOW)).toBe(false);
    expect(isFutureDate('2026-13-40', NOW)).toBe(false);
    expect(isFutureDate('tomorrow', NOW)).toBe(false);
  });

  test('expiryState tells never, valid and expired apart', () => {
    expect(expiryState(null, NOW)).toBe('never');
    expect(expiryState('2027-01-01T00:00:00Z', NOW)).toBe('valid');
    expect(expiryState('2026-12-02T18:00:00Z', NOW)).toBe('expired');
  });
});

describe('create body', () => {
  test('defaults: read and write, no expiry, no caps, no organization for org-scoped callers', () => {
    const body = apiKeyCreateBody({ ...emptyApiKeyForm(), name: ' ci ' }, false);
    expect(body).toEqual({
      name: 'ci',
      description: '',
      permissions: ['read', 'write'],
      expires_at: null,
      limits: { monthly_requests: null, monthly_tokens: null, monthly_cost: null },
    });
    expect('organization_id' in body).toBe(false);
  });

  test('global admins send the chosen organization, the expiry day and the caps', () => {
    const form = emptyApiKeyForm('org_9');
    form.name = 'batch';
    form.permissions = ['admin', 'read'];
    form.expires_on = '2027-01-31';
    form.limits.monthly_cost = '10';
    const body = apiKeyCreateBody(form, true);
    expect(body.organization_id).toBe('org_9');
    expect(body.permissions).toEqual(['read', 'admin']);
    expect(body.expires_at).toBe('2027-01-31');
    expect(body.limits).toEqual({ monthly_requests: null, monthly_tokens: null, monthly_cost: 10 });
  });
});

describe('validation', () => {
  test('a name and one permission are required', () => {
    const form = { ...emptyApiKeyForm(), permissions: [] };
    const problems = apiKeyFormProblems(form, create);
    expect(problems.name).toBe('required');
    expect(problems.permissions).toBe('required');
    expect(hasKeyProblems(problems)).toBe(true);
  });

  test('global admins must choose the organization', () => {
    const form = { ...emptyApiKeyForm(), name: 'ci' };
    expect(apiKeyFormProblems(form, { ...create, needsOrganization: true }).organization_id).toBe('required');
    expect(apiKeyFormProblems({ ...form, organization_id: 'org_1' }, { ...create, needsOrganization: true }).organization_id).toBeUndefined();
  });

  test('a member who is not org-admin cannot add admin, but may keep it on a key that has it', () => {
    const form = { ...emptyApiKeyForm(), name: 'ci', permissions: ['read' as const, 'admin' as const] };
    expect(apiKeyFormProblems(form, { ...create, mayGrantAdmin: false }).permissions).toBe('admin_not_allowed');
    const edit: ApiKeyFormContext = { mode: 'edit', needsOrganization: false, mayGrantAdmin: false, originalPermissions: ['admin'], now: NOW };
    expect(apiKeyFormProblems(form, edit).permissions).toBeUndefined();
  });

  test('a new expiry must be in the future; an unchanged past one is left alone', () => {
    const form = { ...emptyApiKeyForm(), name: 'ci', expires_on: '2026-12-01' };
    expect(apiKeyFormProblems(form, create).expires_on).toBe('past');
    const edit: ApiKeyFormContext = { mode: 'edit', needsOrganization: false, mayGrantAdmin: true, originalExpiry: '2026-12-01', now: NOW };
    expect(apiKeyFormProblems(form, edit).expires_on).toBeUndefined();
    expect(apiKeyFormProblems({ ...form, expires_on: '2026-12-02' }, edit).expires_on).toBe('past');
  });

  test('bad caps are reported per box and a clean form has no problems', () => {
    const form = { ...emptyApiKeyForm(), name: 'ci' };
    form.limits = { ...form.limits, monthly_tokens: '-1' };
    expect(apiKeyFormProblems(form, create).limits).toEqual({ monthly_tokens: 'negative' });
    form.limits.monthly_tokens = '';
    expect(hasKeyProblems(apiKeyFormProblems(form, create))).toBe(false);
  });
});

describe('apiKeyPatch', () => {
  test('an unchanged form sends nothing', () => {
    const key = apiKey({ permissions: ['write', 'read'] });
    expect(apiKeyPatch(key, apiKeyToForm(key))).toEqual({});
  });

  test('sends the changed fields: status, expiry removed, a cap, permissions', () => {
    const key = apiKey();
    const form = apiKeyToForm(key);
    form.status = 'inactive';
    form.expires_on = '';
    form.limits.monthly_cost = '';
    form.limits.monthly_requests = '5000';
    form.permissions = ['read'];
    expect(apiKeyPatch(key, form)).toEqual({
      status: 'inactive',
      expires_at: null,
      permissions: ['read'],
      limits: { monthly_cost: null, monthly_requests: 5000 },
    });
  });

  test('a new expiry day is sent as a date', () => {
    const key = apiKey();
    const form = apiKeyToForm(key);
    form.expires_on = '2027-03-01';
    expect(apiKeyPatch(key, form)).toEqual({ expires_at: '2027-03-01' });
  });
});

test('the activity link filters by the key', () => {
  expect(activityLinkFor('key_1')).toEqual({ path: '/activity', query: { api_key_id: 'key_1' } });
});
