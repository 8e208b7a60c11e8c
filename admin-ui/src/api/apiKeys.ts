import { http } from './client';
import { compactQuery, pageParams } from './query';
import {
  API_KEY_LIMIT_FIELDS,
  changedLimits,
  limitsFromText,
  limitsToText,
  type ApiKeyLimitKey,
  type LimitProblem,
  type LimitsText,
} from './limits';
import { charCount, DESCRIPTION_MAX, type TextProblem } from './organizations';
import type { ApiKey, ApiKeyCreated, ApiKeyLimits, ListPage, Permission } from './types';

export type ApiKeyStatus = ApiKey['status'];

// Canonical order: the way the console always lists them.
export const PERMISSIONS: readonly Permission[] = ['read', 'write', 'admin'];

export function sortPermissions(permissions: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => permissions.includes(p));
}

// Who may put `admin` on a key: global admins, the org-admin, and keys that
// have `admin` themselves (docs/api.md, "who may do what").
export function canGrantAdmin(caller: { globalAdmin: boolean; organizationAdmin: boolean } | null | undefined): boolean {
  return !!caller && (caller.globalAdmin || caller.organizationAdmin);
}

export interface ApiKeyFilters {
  name: string;
  status: ApiKeyStatus | '';
  organization_id: string;
  page: number;
  limit: number;
}

export function emptyApiKeyFilters(): ApiKeyFilters {
  return { name: '', status: '', organization_id: '', page: 1, limit: 20 };
}

export function apiKeyListParams(filters: ApiKeyFilters) {
  return compactQuery({
    name: filters.name,
    status: filters.status,
    organization_id: filters.organization_id,
    ...pageParams(filters.page, filters.limit),
  });
}

export async function listApiKeys(filters: ApiKeyFilters): Promise<ListPage<ApiKey>> {
  return (await http.get<ListPage<ApiKey>>('/v1/api-keys', { params: apiKeyListParams(filters) })).data;
}

export async function getApiKey(id: string): Promise<ApiKey> {
  return (await http.get<ApiKey>(`/v1/api-keys/${encodeURIComponent(id)}`)).data;
}

export interface ApiKeyCreateBody {
  name: string;
  description: string;
  permissions: Permission[];
  expires_at: string | null;
  limits: ApiKeyLimits;
  organization_id?: string;
}

export type ApiKeyPatch = Partial<{
  name: string;
  description: string;
  permissions: Permission[];
  expires_at: string | null;
  status: 'active' | 'inactive';
  limits: Partial<ApiKeyLimits>;
}>;

export async function createApiKey(body: ApiKeyCreateBody): Promise<ApiKeyCreated> {
  return (await http.post<ApiKeyCreated>('/v1/api-keys', body)).data;
}

export async function updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKey> {
  return (await http.patch<ApiKey>(`/v1/api-keys/${encodeURIComponent(id)}`, patch)).data;
}

export async function revokeApiKey(id: string): Promise<void> {
  await http.delete(`/v1/api-keys/${encodeURIComponent(id)}`);
}

// Expiry as the form holds it: a calendar date "YYYY-MM-DD" (sent as is,
// which the gateway reads as midnight UTC), or '' for "never".
export interface ApiKeyForm {
  name: string;
  description: string;
  permissions: Permission[];
  expires_on: string;
  status: 'active' | 'inactive';
  limits: LimitsText<ApiKeyLimitKey>;
  organization_id: string;
}

export function emptyApiKeyForm(organizationId = ''): ApiKeyForm {
  return {
    name: '',
    description: '',
    permissions: ['read', 'write'],
    expires_on: '',
    status: 'active',
    limits: limitsToText(API_KEY_LIMIT_FIELDS, null),
    organization_id: organizationId,
  };
}

// The UTC calendar day of an ISO time ("2027-01-31T00:00:00Z" → "2027-01-31").
export function utcDate(iso: string | null): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
}

export function apiKeyToForm(key: ApiKey): ApiKeyForm {
  return {
    name: key.name,
    description: key.description ?? '',
    permissions: sortPermissions(key.permissions),
    expires_on: utcDate(key.expires_at),
    status: key.status === 'inactive' ? 'inactive' : 'active',
    limits: limitsToText(API_KEY_LIMIT_FIELDS, key.limits),
    organization_id: key.organization_id,
  };
}

// An expiry must be in the future; a bare date means its midnight UTC.
export function isFutureDate(date: string, now: number = Date.now()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && time > now;
}

export type ExpiryState = 'never' | 'valid' | 'expired';

export function expiryState(expiresAt: string | null, now: number = Date.now()): ExpiryState {
  if (!expiresAt) return 'never';
  return Date.parse(expiresAt) <= now ? 'expired' : 'valid';
}

export const API_KEY_NAME_MAX = 200;

export interface ApiKeyFormProblems {
  name?: TextProblem;
  description?: TextProblem;
  permissions?: 'required' | 'admin_not_allowed';
  expires_on?: 'past';
  organization_id?: 'required';
  limits: Partial<Record<ApiKeyLimitKey, LimitProblem>>;
}

export interface ApiKeyFormContext {
  mode: 'create' | 'edit';
  needsOrganization: boolean; // global admins must name the key's organization
  mayGrantAdmin: boolean;
  originalPermissions?: readonly Permission[]; // editing: `admin` already there may stay
  originalExpiry?: string; // editing: an unchanged past expiry is not an error
  now?: number;
}

export function apiKeyFormProblems(form: ApiKeyForm, context: ApiKeyFormContext): ApiKeyFormProblems {
  const problems: ApiKeyFormProblems = { limits: limitsFromText(API_KEY_LIMIT_FIELDS, form.limits).problems };
  const name = form.name.trim();
  if (name === '') problems.name = 'required';
  else if (charCount(name) > API_KEY_NAME_MAX) problems.name = 'too_long';
  if (charCount(form.description.trim()) > DESCRIPTION_MAX) problems.description = 'too_long';
  if (form.permissions.length === 0) problems.permissions = 'required';
  else if (
    form.permissions.includes('admin') &&
    !context.mayGrantAdmin &&
    !(context.originalPermissions ?? []).includes('admin')
  ) {
    problems.permissions = 'admin_not_allowed';
  }
  const expiryChanged = context.mode === 'create' || form.expires_on !== (context.originalExpiry ?? '');
  if (form.expires_on !== '' && expiryChanged && !isFutureDate(form.expires_on, context.now)) problems.expires_on = 'past';
  if (context.mode === 'create' && context.needsOrganization && form.organization_id.trim() === '') {
    problems.organization_id = 'required';
  }
  return problems;
}

export function hasKeyProblems(problems: ApiKeyFormProblems): boolean {
  const { limits, ...rest } = problems;
  return Object.keys(limits).length > 0 || Object.values(rest).some(Boolean);
}

export function apiKeyCreateBody(form: ApiKeyForm, includeOrganization: boolean): ApiKeyCreateBody {
  const body: ApiKeyCreateBody = {
    name: form.name.trim(),
    description: form.description.trim(),
    permissions: sortPermissions(form.permissions),
    expires_at: form.expires_on === '' ? null : form.expires_on,
    limits: limitsFromText(API_KEY_LIMIT_FIELDS, form.limits).limits,
  };
  if (includeOrganization && form.organization_id.trim() !== '') body.organization_id = form.organization_id.trim();
  return body;
}

// Only what changed: an unchanged `permissions` is not sent again, so a
// member may edit a key that already has `admin` without "granting" it.
export function apiKeyPatch(original: ApiKey, form: ApiKeyForm): ApiKeyPatch {
  const patch: ApiKeyPatch = {};
  const name = form.name.trim();
  const description = form.description.trim();
  if (name !== original.name) patch.name = name;
  if (description !== (original.description ?? '')) patch.description = description;
  const permissions = sortPermissions(form.permissions);
  if (permissions.join(',') !== sortPermissions(original.permissions).join(',')) patch.permissions = permissions;
  if (form.expires_on !== utcDate(original.expires_at)) patch.expires_at = form.expires_on === '' ? null : form.expires_on;
  if (form.status !== original.status) patch.status = form.status;
  const limits = changedLimits(API_KEY_LIMIT_FIELDS, original.limits, limitsFromText(API_KEY_LIMIT_FIELDS, form.limits).limits);
  if (Object.keys(limits).length > 0) patch.limits = limits;
  return patch;
}

// Where the activity page lists this key's requests.
export function activityLinkFor(keyId: string): { path: string; query: Record<string, string> } {
  return { path: '/activity', query: { api_key_id: keyId } };
}
