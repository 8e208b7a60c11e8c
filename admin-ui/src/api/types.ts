// Shapes of the gateway's answers (host/openapi/openapi.yaml is the contract).

export interface ListPage<T> {
  object: 'list';
  data: T[];
  page: number;
  limit: number;
  total: number;
  has_more: boolean;
}

export type Permission = 'read' | 'write' | 'admin';

export interface OrganizationLimits {
  monthly_requests: number | null;
  monthly_tokens: number | null;
  monthly_cost: number | null;
  yearly_requests: number | null;
  yearly_tokens: number | null;
  yearly_cost: number | null;
}

export interface Organization {
  id: string;
  object: 'organization';
  name: string;
  description: string | null;
  admin_user_id: string | null;
  status: 'active' | 'inactive' | 'deleted';
  limits: OrganizationLimits;
  credit_balance: number;
  credit_balance_micros: number;
  credit_enforced: boolean;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ApiKeyLimits {
  monthly_requests: number | null;
  monthly_tokens: number | null;
  monthly_cost: number | null;
}

export interface ApiKey {
  id: string;
  object: 'api_key';
  name: string;
  description: string | null;
  key_prefix: string;
  organization_id: string;
  permissions: Permission[];
  status: 'active' | 'inactive' | 'deleted';
  expires_at: string | null;
  limits: ApiKeyLimits;
  last_used_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ApiKeyCreated extends ApiKey {
  key: string; // the secret, shown once
}

export interface User {
  id: string;
  object: 'user';
  email: string;
  name: string;
  role: 'admin' | 'member';
  organization_id: string | null;
  status: 'active' | 'inactive' | 'deleted';
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LoginAnswer {
  token: string;
  token_type: 'Bearer';
  expires_at: string;
  user: User;
}

export interface Profile {
  user: User;
  organization: Organization | null;
  is_organization_admin: boolean;
}

export interface KeyInfo {
  id: string;
  name?: string;
  label: string;
  organization_id?: string | null;
  permissions?: Permission[];
  is_admin: boolean;
  expires_at?: string | null;
}
