import { afterEach, describe, expect, test, vi } from 'vitest';
import { http } from '@/api/client';
import {
  charCount,
  createOrganization,
  deleteOrganization,
  emptyOrganizationFilters,
  emptyOrganizationForm,
  getOrganization,
  hasProblems,
  listOrganizations,
  organizationCreateBody,
  organizationFormProblems,
  organizationListParams,
  organizationPatch,
  organizationToForm,
  updateOrganization,
} from '@/api/organizations';
import { listOf, organization } from './managementFixtures';

afterEach(() => vi.restoreAllMocks());

describe('organizationListParams', () => {
  test('sends only the filters that are set', () => {
    expect(organizationListParams(emptyOrganizationFilters())).toEqual({ page: 1, limit: 20 });
    expect(organizationListParams({ name: ' acme ', status: 'inactive', page: 3, limit: 50 })).toEqual({
      name: 'acme',
      status: 'inactive',
      page: 3,
      limit: 50,
    });
  });
});

describe('requests', () => {
  test('listOrganizations asks GET /v1/organizations with the compacted query', async () => {
    const get = vi.spyOn(http, 'get').mockResolvedValue({ data: listOf([organization()]) });
    const page = await listOrganizations({ name: '', status: 'active', page: 2, limit: 10 });
    expect(get).toHaveBeenCalledWith('/v1/organizations', { params: { status: 'active', page: 2, limit: 10 } });
    expect(page.data[0].name).toBe('Acme');
  });

  test('single-organization calls escape the id in the path', async () => {
    const get = vi.spyOn(http, 'get').mockResolvedValue({ data: organization() });
    const patch = vi.spyOn(http, 'patch').mockResolvedValue({ data: organization({ name: 'B' }) });
    const del = vi.spyOn(http, 'delete').mockResolvedValue({ data: { deleted: true } });
    await getOrganization('org/../x');
    await updateOrganization('org_1', { name: 'B' });
    await deleteOrganization('org_1');
    expect(get).toHaveBeenCalledWith('/v1/organizations/org%2F..%2Fx');
    expect(patch).toHaveBeenCalledWith('/v1/organizations/org_1', { name: 'B' });
    expect(del).toHaveBeenCalledWith('/v1/organizations/org_1');
  });

  test('createOrganization posts the body and returns the answer', async () => {
    const post = vi.spyOn(http, 'post').mockResolvedValue({ data: organization() });
    const body = organizationCreateBody({ ...emptyOrganizationForm(), name: 'Acme' });
    const created = await createOrganization(body);
    expect(post).toHaveBeenCalledWith('/v1/organizations', body);
    expect(created.id).toBe('org_TgV2w9BWr92hsL3T');
  });
});

describe('organization form', () => {
  test('an empty form has no caps and the defaults of the API', () => {
    const body = organizationCreateBody({ ...emptyOrganizationForm(), name: '  Acme  ', description: ' Research ' });
    expect(body).toEqual({
      name: 'Acme',
      description: 'Research',
      status: 'active',
      credit_enforced: false,
      limits: {
        monthly_requests: null,
        monthly_tokens: null,
        monthly_cost: null,
        yearly_requests: null,
        yearly_tokens: null,
        yearly_cost: null,
      },
    });
  });

  test('typed caps become numbers, empty ones null', () => {
    const form = emptyOrganizationForm();
    form.name = 'Acme';
    form.limits.monthly_requests = '10000';
    form.limits.yearly_cost = '1200.5';
    const body = organizationCreateBody(form);
    expect(body.limits.monthly_requests).toBe(10000);
    expect(body.limits.yearly_cost).toBe(1200.5);
    expect(body.limits.monthly_tokens).toBeNull();
  });

  test('an organization becomes a form with its caps as text', () => {
    const form = organizationToForm(organization({ description: null, credit_enforced: true }));
    expect(form.description).toBe('');
    expect(form.credit_enforced).toBe(true);
    expect(form.limits.monthly_requests).toBe('10000');
    expect(form.limits.monthly_tokens).toBe('');
    expect(form.limits.monthly_cost).toBe('50');
  });

  test('validation: name required and at most 200 characters, caps must parse', () => {
    const form = emptyOrganizationForm();
    let problems = organizationFormProblems(form);
    expect(problems.name).toBe('required');
    expect(hasProblems(problems)).toBe(true);

    form.name = '组'.repeat(200);
    expect(organizationFormProblems(form).name).toBeUndefined();
    form.name = '组'.repeat(201);
    expect(organizationFormProblems(form).name).toBe('too_long');

    form.name = 'Acme';
    form.limits.monthly_tokens = '1.5';
    problems = organizationFormProblems(form);
    expect(problems.limits).toEqual({ monthly_tokens: 'not_whole' });
    expect(hasProblems(problems)).toBe(true);

    form.limits.monthly_tokens = '';
    expect(hasProblems(organizationFormProblems(form))).toBe(false);
  });

  test('characters are counted as code points, like the gateway', () => {
    expect(charCount('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });
});

describe('organizationPatch', () => {
  test('sends nothing when nothing changed', () => {
    const org = organization();
    expect(organizationPatch(org, organizationToForm(org), true)).toEqual({});
  });

  test('sends only the changed fields and caps', () => {
    const org = organization();
    const form = organizationToForm(org);
    form.description = 'New team';
    form.limits.monthly_cost = '';
    form.limits.yearly_requests = '5';
    form.credit_enforced = true;
    expect(organizationPatch(org, form, true)).toEqual({
      description: 'New team',
      credit_enforced: true,
      limits: { monthly_cost: null, yearly_requests: 5 },
    });
  });

  test('an org-admin sends name and description only, whatever else the form holds', () => {
    const org = organization();
    const form = organizationToForm(org);
    form.name = 'Acme Labs';
    form.status = 'inactive';
    form.limits.monthly_requests = '1';
    expect(organizationPatch(org, form, false)).toEqual({ name: 'Acme Labs' });
  });

  test('clearing the org-admin sends null', () => {
    const org = organization({ admin_user_id: 'usr_1' });
    const form = organizationToForm(org);
    form.admin_user_id = null;
    expect(organizationPatch(org, form, true)).toEqual({ admin_user_id: null });
  });
});
