import { afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '@/api/ApiError';
import {
  activityParams,
  fetchActivity,
  fetchGeneration,
  filtersFromQuery,
  filtersToQuery,
  outcomeOf,
} from '@/api/activity';
import { stubHttp } from './httpStub';

describe('filtersFromQuery', () => {
  test('takes the filters the API knows from a route query', () => {
    expect(
      filtersFromQuery({
        api_key_id: 'key_x',
        organization_id: 'org_y',
        model: 'mock/echo',
        provider: 'mock',
        status: '5XX',
        stream: 'false',
        errors: 'true',
        start: '2026-12-01T00:00:00.000Z',
        end: '2026-12-02T00:00:00Z',
        page: '3',
        request_id: 'req_1',
      }),
    ).toEqual({
      api_key_id: 'key_x',
      organization_id: 'org_y',
      model: 'mock/echo',
      provider: 'mock',
      status: '5xx',
      stream: false,
      errors: true,
      start: '2026-12-01T00:00:00.000Z',
      end: '2026-12-02T00:00:00Z',
    });
  });

  test('drops values the API would refuse instead of asking for a 400', () => {
    expect(filtersFromQuery({ status: '600', stream: 'maybe', errors: 'false', start: 'yesterday', model: '   ' })).toEqual({});
    expect(filtersFromQuery({ status: '6xx' })).toEqual({});
    expect(filtersFromQuery({ status: '429' })).toEqual({ status: '429' });
  });

  test('uses the first of repeated parameters', () => {
    expect(filtersFromQuery({ model: ['a/b', 'c/d'], stream: ['true'] })).toEqual({ model: 'a/b', stream: true });
  });
});

describe('filtersToQuery and activityParams', () => {
  test('sends only the set filters, as strings', () => {
    expect(filtersToQuery({ model: 'mock/echo', stream: false, errors: false, provider: ' ', status: '2xx' })).toEqual({
      model: 'mock/echo',
      stream: 'false',
      status: '2xx',
    });
    expect(filtersToQuery({ errors: true, api_key_id: 'key_x' })).toEqual({ errors: 'true', api_key_id: 'key_x' });
  });

  test('round-trips through a route query', () => {
    const filters = { model: 'mock/echo', stream: true, status: '4xx', start: '2026-12-01T00:00:00.000Z' };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });

  test('keeps page and limit within what the API accepts', () => {
    expect(activityParams({ model: 'm/x' }, 2, 50)).toEqual({ model: 'm/x', page: '2', limit: '50' });
    expect(activityParams({}, 0, 500)).toEqual({ page: '1', limit: '100' });
    expect(activityParams({}, Number.NaN, 0)).toEqual({ page: '1', limit: '20' });
  });
});

describe('outcomeOf', () => {
  test('reads the status class, and an error code after a 200 as a failed stream', () => {
    expect(outcomeOf({ status: 200, error_code: null })).toBe('success');
    expect(outcomeOf({ status: 200, error_code: 'upstream_error' })).toBe('failed_stream');
    expect(outcomeOf({ status: 429, error_code: 'limit_exceeded' })).toBe('client_error');
    expect(outcomeOf({ status: 499, error_code: 'client_disconnected' })).toBe('client_error');
    expect(outcomeOf({ status: 502, error_code: 'upstream_error' })).toBe('server_error');
  });
});

describe('requests', () => {
  let restore = () => {};
  afterEach(() => restore());

  test('fetchActivity asks /v1/activity with filters and page', async () => {
    const stub = stubHttp(() => ({ data: { object: 'list', data: [], page: 2, limit: 20, total: 0, has_more: false } }));
    restore = stub.restore;
    await fetchActivity({ api_key_id: 'key_x', errors: true }, 2, 20);
    expect(stub.requests[0].url).toBe('/v1/activity');
    expect(stub.requests[0].params).toEqual({ api_key_id: 'key_x', errors: 'true', page: '2', limit: '20' });
  });

  test('fetchGeneration unwraps data and reports a missing record readably', async () => {
    const stub = stubHttp((config) =>
      config.params.id === 'req_1'
        ? { data: { data: { id: 'req_1', object: 'generation', status: 200 } } }
        : { status: 404, data: { error: { message: 'No generation with this id.', type: 'not_found_error', code: 'generation_not_found' } } },
    );
    restore = stub.restore;
    expect((await fetchGeneration(' req_1 ')).id).toBe('req_1');
    await expect(fetchGeneration('req_2')).rejects.toMatchObject({ status: 404, code: 'generation_not_found' });
    await expect(fetchGeneration('req_2')).rejects.toBeInstanceOf(ApiError);
  });
});
