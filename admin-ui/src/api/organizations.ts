import { http } from './client';
import { compactQuery, pageParams } from './query';
import {
  ORGANIZATION_LIMIT_FIELDS,
  changedLimits,
  limitsFromText,
  limitsToText,
  type LimitProblem,
  type LimitsText,
  type OrganizationLimitKey,
} from './limits';
import type { ListPage, Organization, OrganizationLimits } from './types';

export type OrganizationStatus = Organization['status'];

export interface OrganizationFilters {
  name: string;
  status: OrganizationStatus | '';
  page: number;
  limit: number;
}

export function emptyOrganizationFilters(): OrganizationFilters {
  return { name: '', status: '', page: 1, limit: 20 };
}

export function organizationListParams(filters: OrganizationFilters) {
  return compactQuery({ name: filters.name, status: filters.status, ...pageParams(filters.page, filters.limit) });
}

export async function listOrganizations(filters: OrganizationFilters): Promise<ListPage<Organization>> {
  return (await http.get<ListPage<Organization>>('/v1/organizations', { params: organizationListParams(filters) })).data;
}

export async function getOrganization(id: string): Promise<Organization> {
  return (await http.get<Organization>(`/v1/organizations/${encodeURIComponent(id)}`)).data;
}

export interface OrganizationCreateBody {
  name: string;
  description: string;
  status: 'active' | 'inactive';
  limits: OrganizationLimits;
  credit_enforced: boolean;
}

export type OrganizationPatch = Partial<{
  name: string;
  description: string;
  status: 'active' | 'inactive';
  admin_user_id: string | null;
  limits: Partial<OrganizationLimits>;
  credit_enforced: boolean;
}>;

export async function createOrganization(body: OrganizationCreateBody): Promise<Organization> {
  return (await http.post<Organization>('/v1/organizations', body)).data;
}

export async function updateOrganization(id: string, patch: OrganizationPatch): Promise<Organization> {
  return (await http.patch<Organization>(`/v1/organizations/${encodeURIComponent(id)}`, patch)).data;
}

export async function deleteOrganization(id: string): Promise<void> {
  await http.delete(`/v1/organizations/${encodeURIComponent(id)}`);
}

// What the create/edit form holds: texts for the caps (empty = no cap).
export interface OrganizationForm {
  name: string;
  description: string;
  status: 'active' | 'inactive';
  admin_user_id: string | null;
  limits: LimitsText<OrganizationLimitKey>;
  credit_enforced: boolean;
}

export function emptyOrganizationForm(): OrganizationForm {
  return {
    name: '',
    description: '',
    status: 'active',
    admin_user_id: null,
    limits: limitsToText(ORGANIZATION_LIMIT_FIELDS, null),
    credit_enforced: false,
  };
}

export function organizationToForm(org: Organization): OrganizationForm {
  return {
    name: org.name,
    description: org.description ?? '',
    status: org.status === 'inactive' ? 'inactive' : 'active',
    admin_user_id: org.admin_user_id,
    limits: limitsToText(ORGANIZATION_LIMIT_FIELDS, org.limits),
    credit_enforced: org.credit_enforced,
  };
}

export const ORGANIZATION_NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;

export type TextProblem = 'required' | 'too_long';

export interface OrganizationFormProblems {
  name?: TextProblem;
  description?: TextProblem;
  limits: Partial<Record<OrganizationLimitKey, LimitProblem>>;
}

// Characters as the gateway counts them (code points, not UTF-16 units).
export function charCount(text: string): number {
  return Array.from(text).length;
}

export function organizationFormProblems(form: OrganizationForm): OrganizationFormProblems {
  const problems: OrganizationFormProblems = { limits: limitsFromText(ORGANIZATION_LIMIT_FIELDS, form.limits).problems };
  const name = form.name.trim();
  if (name === '') problems.name = 'required';
  else if (charCount(name) > ORGANIZATION_NAME_MAX) problems.name = 'too_long';
  if (charCount(form.description.trim()) > DESCRIPTION_MAX) problems.description = 'too_long';
  return problems;
}

export function hasProblems(problems: OrganizationFormProblems): boolean {
  return !!problems.name || !!problems.description || Object.keys(problems.limits).length > 0;
}

export function organizationCreateBody(form: OrganizationForm): OrganizationCreateBody {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    status: form.status,
    limits: limitsFromText(ORGANIZATION_LIMIT_FIELDS, form.limits).limits,
    credit_enforced: form.credit_enforced,
  };
}

// Only what changed. Callers who are not global admins may change the name
// and description alone (the gateway answers 403 for any other field).
export function organizationPatch(original: Organization, form: OrganizationForm, fullAccess: boolean): OrganizationPatch {
  const patch: OrganizationPatch = {};
  const name = form.name.trim();
  const description = form.description.trim();
  if (name !== original.name) patch.name = name;
  if (description !== (original.description ?? '')) patch.description = description;
  if (!fullAccess) return patch;
  if (form.status !== original.status) patch.status = form.status;
  if (form.admin_user_id !== original.admin_user_id) patch.admin_user_id = form.admin_user_id;
  if (form.credit_enforced !== original.credit_enforced) patch.credit_enforced = form.credit_enforced;
  const limits = changedLimits(ORGANIZATION_LIMIT_FIELDS, original.limits, limitsFromText(ORGANIZATION_LIMIT_FIELDS, form.limits).limits);
  if (Object.keys(limits).length > 0) patch.limits = limits;
  return patch;
}
