import { afterEach, describe, expect, test, vi } from 'vitest';
import { http } from '@/api/client';
import {
  createUser,
  deleteUser,
  emptyUserFilters,
  emptyUserForm,
  hasUserProblems,
  listUsers,
  looksLikeEmail,
  updateUser,
  userCreateBody,
  userFormProblems,
  userListParams,
  userPatch,
  userToForm,
} from '@/api/users';
import { listOf, user } from './managementFixtures';

afterEach(() => vi.restoreAllMocks());

describe('userListParams', () => {
  test('sends only the filters that are set', () => {
    expect(userListParams(emptyUserFilters())).toEqual({ page: 1, limit: 20 });
    expect(userListParams({ search: ' ada ', role: 'member', status: '', organization_id: 'org_1', page: 1, limit: 20 })).toEqual({
      search: 'ada',
      role: 'member',
      organization_id: 'org_1',
      page: 1,
      limit: 20,
    });
  });

  test('the requests go to /v1/users', async () => {
    const get = vi.spyOn(http, 'get').mockResolvedValue({ data: listOf([user()]) });
    const post = vi.spyOn(http, 'post').mockResolvedValue({ data: user() });
    const patch = vi.spyOn(http, 'patch').mockResolvedValue({ data: user() });
    const del = vi.spyOn(http, 'delete').mockResolvedValue({ data: { deleted: true } });
    await listUsers({ ...emptyUserFilters(), role: 'admin' });
    await createUser({ email: 'a@b.co', name: 'A', password: 'longenough', role: 'admin', organization_id: null });
    await updateUser('usr_1', { status: 'inactive' });
    await deleteUser('usr_1');
    expect(get).toHaveBeenCalledWith('/v1/users', { params: { role: 'admin', page: 1, limit: 20 } });
    expect(post.mock.calls[0][0]).toBe('/v1/users');
    expect(patch).toHaveBeenCalledWith('/v1/users/usr_1', { status: 'inactive' });
    expect(del).toHaveBeenCalledWith('/v1/users/usr_1');
  });
});

describe('validation', () => {
  test('email looks like an address', () => {
    expect(looksLikeEmail('ada@example.com')).toBe(true);
    expect(looksLikeEmail(' Ada@Example.com ')).toBe(true);
    expect(looksLikeEmail('ada@example')).toBe(false);
    expect(looksLikeEmail('ada example.com')).toBe(false);
    expect(looksLikeEmail('@example.com')).toBe(false);
  });

  test('creating needs email, name, a password of 8 to 256 characters and, for members, an organization', () => {
    const problems = userFormProblems(emptyUserForm(), 'create');
    expect(problems).toEqual({ email: 'required', name: 'required', password: 'required', organization_id: 'required' });
    const form = { email: 'ada@example.com', name: 'Ada', password: 'short', role: 'member' as const, organization_id: 'org_1' };
    expect(userFormProblems(form, 'create')).toEqual({ password: 'too_short' });
    expect(userFormProblems({ ...form, password: 'x'.repeat(257) }, 'create')).toEqual({ password: 'too_long' });
    expect(hasUserProblems(userFormProblems({ ...form, password: 'correct horse' }, 'create'))).toBe(false);
  });

  test('the password length is that of the trimmed text, as the gateway measures it', () => {
    const form = { email: 'ada@example.com', name: 'Ada', password: '  1234567  ', role: 'admin' as const, organization_id: '' };
    expect(userFormProblems(form, 'create').password).toBe('too_short');
  });

  test('admins need no organization; editing may leave the password empty', () => {
    const form = { email: 'root@example.com', name: 'Root', password: '', role: 'admin' as const, organization_id: '' };
    expect(userFormProblems(form, 'edit')).toEqual({});
    expect(userFormProblems(form, 'create')).toEqual({ password: 'required' });
  });
});

describe('bodies', () => {
  test('an admin is created without an organization, even if one was chosen before', () => {
    const body = userCreateBody({ email: ' Root@Example.com ', name: 'Root', password: 'pw-123456', role: 'admin', organization_id: 'org_1' });
    expect(body).toEqual({ email: 'Root@Example.com', name: 'Root', password: 'pw-123456', role: 'admin', organization_id: null });
  });

  test('an unchanged user sends nothing; email case alone is no change', () => {
    const u = user();
    expect(userPatch(u, userToForm(u))).toEqual({});
    expect(userPatch(u, { ...userToForm(u), email: 'ADA@example.com' })).toEqual({});
  });

  test('promoting to admin sends the role with a null organization', () => {
    const u = user();
    expect(userPatch(u, { ...userToForm(u), role: 'admin' })).toEqual({ role: 'admin', organization_id: null });
  });

  test('moving a member or demoting an admin sends the role and the organization', () => {
    const member = user();
    expect(userPatch(member, { ...userToForm(member), organization_id: 'org_2' })).toEqual({ role: 'member', organization_id: 'org_2' });
    const admin = user({ role: 'admin', organization_id: null });
    expect(userPatch(admin, { ...userToForm(admin), role: 'member', organization_id: 'org_3' })).toEqual({
      role: 'member',
      organization_id: 'org_3',
    });
  });

  test('a new password and name are sent when typed', () => {
    const u = user();
    expect(userPatch(u, { ...userToForm(u), name: 'Ada L.', password: 'new password' })).toEqual({ name: 'Ada L.', password: 'new password' });
  });
});
