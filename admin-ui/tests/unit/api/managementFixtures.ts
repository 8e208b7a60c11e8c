import type { ApiKey, Organization, User } from '@/api/types';

// Objects shaped like the gateway's answers (docs/api.md examples).
export function organization(overrides: Partial<Organization> = {}): Organization {
  return {
    id: 'org_TgV2w9BWr92hsL3T',
    object: 'organization',
    name: 'Acme',
    description: 'Research team',
    admin_user_id: null,
    status: 'active',
    limits: { monthly_requests: 10000, monthly_tokens: null, monthly_cost: 50, yearly_requests: null, yearly_tokens: null, yearly_cost: null },
    credit_balance: 25.499987,
    credit_balance_micros: 25499987,
    credit_enforced: false,
    created_at: '2026-11-22T08:07:18.285Z',
    updated_at: '2026-11-22T08:07:18.285Z',
    deleted_at: null,
    ...overrides,
  };
}

export function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 'key_Eui9r9r3djr4kUar',
    object: 'api_key',
    name: 'ci',
    description: '',
    key_prefix: 'gr-KozKr5o',
    organization_id: 'org_TgV2w9BWr92hsL3T',
    permissions: ['read', 'write'],
    status: 'active',
    expires_at: '2027-01-31T00:00:00Z',
    limits: { monthly_requests: null, monthly_tokens: null, monthly_cost: 10 },
    last_used_at: null,
    created_by: null,
    created_at: '2026-11-22T08:07:18.755Z',
    updated_at: '2026-11-22T08:07:18.755Z',
    deleted_at: null,
    ...overrides,
  };
}

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 'usr_KMEj0mu5kpL6JJGV',
    object: 'user',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'member',
    organization_id: 'org_TgV2w9BWr92hsL3T',
    status: 'active',
    created_at: '2026-11-22T08:07:19.376Z',
    updated_at: '2026-11-22T08:07:19.376Z',
    deleted_at: null,
    ...overrides,
  };
}

export function listOf<T>(data: T[], page = 1, limit = 20, total = data.length) {
  return { object: 'list' as const, data, page, limit, total, has_more: page * limit < total };
}
