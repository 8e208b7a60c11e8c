import { http } from './client';
import { compactQuery, pageParams } from './query';
import { charCount } from './organizations';
import type { ListPage, User } from './types';

export type UserRole = User['role'];
export type UserStatus = User['status'];

export interface UserFilters {
  search: string;
  role: UserRole | '';
  status: UserStatus | '';
  organization_id: string;
  page: number;
  limit: number;
}

export function emptyUserFilters(): UserFilters {
  return { search: '', role: '', status: '', organization_id: '', page: 1, limit: 20 };
}

export function userListParams(filters: UserFilters) {
  return compactQuery({
    search: filters.search,
    role: filters.role,
    status: filters.status,
    organization_id: filters.organization_id,
    ...pageParams(filters.page, filters.limit),
  });
}

export async function listUsers(filters: UserFilters): Promise<ListPage<User>> {
  return (await http.get<ListPage<User>>('/v1/users', { params: userListParams(filters) })).data;
}

export async function getUser(id: string): Promise<User> {
  return (await http.get<User>(`/v1/users/${encodeURIComponent(id)}`)).data;
}

export interface UserCreateBody {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  organization_id: string | null;
}

export type UserPatch = Partial<{
  email: string;
  name: string;
  password: string;
  role: UserRole;
  organization_id: string | null;
  status: 'active' | 'inactive';
}>;

export async function createUser(body: UserCreateBody): Promise<User> {
  return (await http.post<User>('/v1/users', body)).data;
}

export async function updateUser(id: string, patch: UserPatch): Promise<User> {
  return (await http.patch<User>(`/v1/users/${encodeURIComponent(id)}`, patch)).data;
}

export async function deleteUser(id: string): Promise<void> {
  await http.delete(`/v1/users/${encodeURIComponent(id)}`);
}

export interface UserForm {
  email: string;
  name: string;
  password: string; // editing: '' keeps the current password
  role: UserRole;
  organization_id: string;
}

export function emptyUserForm(): UserForm {
  return { email: '', name: '', password: '', role: 'member', organization_id: '' };
}

export function userToForm(user: User): UserForm {
  return { email: user.email, name: user.name, password: '', role: user.role, organization_id: user.organization_id ?? '' };
}

export const EMAIL_MAX = 254;
export const USER_NAME_MAX = 200;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

// A light check (one @, something on each side, a dot in the domain); the
// gateway has the last word.
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

export interface UserFormProblems {
  email?: 'required' | 'invalid' | 'too_long';
  name?: 'required' | 'too_long';
  password?: 'required' | 'too_short' | 'too_long';
  organization_id?: 'required';
}

export function userFormProblems(form: UserForm, mode: 'create' | 'edit'): UserFormProblems {
  const problems: UserFormProblems = {};
  const email = form.email.trim();
  if (email === '') problems.email = 'required';
  else if (charCount(email) > EMAIL_MAX) problems.email = 'too_long';
  else if (!looksLikeEmail(email)) problems.email = 'invalid';
  const name = form.name.trim();
  if (name === '') problems.name = 'required';
  else if (charCount(name) > USER_NAME_MAX) problems.name = 'too_long';
  // The gateway trims the password too, so the lengths are of the trimmed text.
  const password = form.password.trim();
  if (password === '') {
    if (mode === 'create') problems.password = 'required';
  } else if (charCount(password) < PASSWORD_MIN) problems.password = 'too_short';
  else if (charCount(password) > PASSWORD_MAX) problems.password = 'too_long';
  if (form.role === 'member' && form.organization_id.trim() === '') problems.organization_id = 'required';
  return problems;
}

export function hasUserProblems(problems: UserFormProblems): boolean {
  return Object.values(problems).some(Boolean);
}

export function userCreateBody(form: UserForm): UserCreateBody {
  return {
    email: form.email.trim(),
    name: form.name.trim(),
    password: form.password,
    role: form.role,
    // Admins belong to no organization; the gateway refuses one for them.
    organization_id: form.role === 'admin' ? null : form.organization_id.trim(),
  };
}

// Only what changed. A role or organization change sends both, because the
// gateway needs an organization when a user becomes a member.
export function userPatch(original: User, form: UserForm): UserPatch {
  const patch: UserPatch = {};
  const email = form.email.trim();
  const name = form.name.trim();
  if (email.toLowerCase() !== original.email.toLowerCase()) patch.email = email;
  if (name !== original.name) patch.name = name;
  if (form.password.trim() !== '') patch.password = form.password;
  const organization = form.role === 'admin' ? null : form.organization_id.trim() || null;
  if (form.role !== original.role || organization !== original.organization_id) {
    patch.role = form.role;
    patch.organization_id = organization;
  }
  return patch;
}
