import { afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '@/api/ApiError';
import {
  attachmentFilename,
  dashboardTarget,
  downloadStatsCsv,
  fetchStats,
  presetRange,
  rangeProblem,
  rangeQuery,
  statsParams,
  statsPath,
  timeGroupingFor,
  type StatsViewer,
} from '@/api/stats';
import { stubHttp } from './httpStub';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-02T18:31:52.250Z');

describe('statsPath', () => {
  test('names the endpoint of each scope, escaping the id', () => {
    expect(statsPath({ scope: 'global' })).toBe('/v1/stats');
    expect(statsPath({ scope: 'organization', id: 'org_TgV2w9BWr92hsL3T' })).toBe('/v1/organizations/org_TgV2w9BWr92hsL3T/stats');
    expect(statsPath({ scope: 'key', id: 'key_Eui9r9r3djr4kUar' })).toBe('/v1/api-keys/key_Eui9r9r3djr4kUar/stats');
    expect(statsPath({ scope: 'key', id: 'a/b?c' })).toBe('/v1/api-keys/a%2Fb%3Fc/stats');
  });

  test('refuses an organization or key scope without an id', () => {
    expect(() => statsPath({ scope: 'organization' })).toThrow(/needs an id/);
    expect(() => statsPath({ scope: 'key', id: '' })).toThrow(/needs an id/);
  });
});

describe('ranges', () => {
  test('presets end now and reach back 24 hours, 7 or 30 days', () => {
    for (const [preset, hours] of [['24h', 24], ['7d', 168], ['30d', 720]] as const) {
      const range = presetRange(preset, NOW);
      expect(range.end.getTime()).toBe(NOW.getTime());
      expect(range.end.getTime() - range.start.getTime()).toBe(hours * HOUR);
    }
  });

  test('hourly buckets up to two days, daily beyond', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    const after = (ms: number) => ({ start, end: new Date(start.getTime() + ms) });
    expect(timeGroupingFor(after(HOUR))).toBe('hour');
    expect(timeGroupingFor(after(48 * HOUR))).toBe('hour');
    expect(timeGroupingFor(after(48 * HOUR + 1))).toBe('day');
    expect(timeGroupingFor(presetRange('24h', NOW))).toBe('hour');
    expect(timeGroupingFor(presetRange('7d', NOW))).toBe('day');
  });

  test('a range must run forwards and span at most 366 days', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(rangeProblem({ start, end: new Date(start.getTime() + HOUR) })).toBeNull();
    expect(rangeProblem({ start, end: start })).toBe('order');
    expect(rangeProblem({ start, end: new Date(start.getTime() - HOUR) })).toBe('order');
    expect(rangeProblem({ start, end: new Date(start.getTime() + 366 * 24 * HOUR) })).toBeNull();
    expect(rangeProblem({ start, end: new Date(start.getTime() + 366 * 24 * HOUR + 1) })).toBe('too_long');
    expect(rangeProblem({ start: new Date(Number.NaN), end: start })).toBe('order');
  });

  test('rangeQuery sends UTC times with a zone and the matching grouping', () => {
    const day = rangeQuery(presetRange('24h', NOW));
    expect(day).toEqual({ start: '2026-12-01T18:31:52.250Z', end: '2026-12-02T18:31:52.250Z', group_by: 'hour' });
    expect(rangeQuery(presetRange('30d', NOW)).group_by).toBe('day');
    expect(rangeQuery(presetRange('30d', NOW), 'model').group_by).toBe('model');
  });

  test('statsParams drops empty values and trims the rest', () => {
    expect(statsParams({ period: 'week', model: '  mock/echo ', provider: '', group_by: undefined })).toEqual({
      period: 'week',
      model: 'mock/echo',
    });
  });
});

describe('dashboardTarget', () => {
  const viewer = (over: Partial<StatsViewer>): StatsViewer => ({
    globalAdmin: false,
    canManage: false,
    canRead: false,
    organizationId: null,
    kind: 'user',
    ...over,
  });

  test('global admins see everything', () => {
    expect(dashboardTarget(viewer({ globalAdmin: true, canManage: true, canRead: true }))).toEqual({ scope: 'global' });
  });

  test('members, org admins and admin keys see their organization', () => {
    expect(dashboardTarget(viewer({ canManage: true, canRead: true, organizationId: 'org_1' }))).toEqual({
      scope: 'organization',
      id: 'org_1',
    });
    expect(dashboardTarget(viewer({ kind: 'key', canManage: true, organizationId: 'org_2' }))).toEqual({
      scope: 'organization',
      id: 'org_2',
    });
  });

  test('a key with read alone sees its own figures; without read, nothing', () => {
    expect(dashboardTarget(viewer({ kind: 'key', canRead: true, organizationId: 'org_3' }))).toEqual({ scope: 'own-key' });
    expect(dashboardTarget(viewer({ kind: 'key', organizationId: 'org_3' }))).toBeNull();
  });
});

describe('attachmentFilename', () => {
  test('reads quoted and bare names, and falls back', () => {
    expect(
      attachmentFilename('attachment; filename="gaiarouter-stats-global-20261101T000000Z-20261201T000000Z.csv"', 'x.csv'),
    ).toBe('gaiarouter-stats-global-20261101T000000Z-20261201T000000Z.csv');
    expect(attachmentFilename('attachment; filename=stats.csv; size=10', 'x.csv')).toBe('stats.csv');
    expect(attachmentFilename('attachment', 'x.csv')).toBe('x.csv');
    expect(attachmentFilename(undefined, 'x.csv')).toBe('x.csv');
  });

  test('never returns a path', () => {
    expect(attachmentFilename('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('.._.._etc_passwd');
  });
});

describe('requests', () => {
  let restore = () => {};
  afterEach(() => restore());

  test('fetchStats asks the scope endpoint with the query', async () => {
    const stub = stubHttp(() => ({ data: { object: 'stats', totals: { requests: 4 }, series: [] } }));
    restore = stub.restore;
    const answer = await fetchStats({ scope: 'organization', id: 'org_1' }, { period: 'week', group_by: 'model', model: '' });
    expect(answer.totals.requests).toBe(4);
    expect(stub.requests[0].url).toBe('/v1/organizations/org_1/stats');
    expect(stub.requests[0].params).toEqual({ period: 'week', group_by: 'model' });
  });

  test('downloadStatsCsv returns the file with its name and a byte order mark', async () => {
    const stub = stubHttp(() => ({
      data: 'row,start,end,requests\r\ntotal,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,5\r\n',
      headers: { 'content-disposition': 'attachment; filename="gaiarouter-stats-global-a-b.csv"' },
    }));
    restore = stub.restore;
    const file = await downloadStatsCsv({ scope: 'global' }, { start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
    expect(stub.requests[0].params).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', format: 'csv' });
    expect(stub.requests[0].responseType).toBe('text');
    expect(file.filename).toBe('gaiarouter-stats-global-a-b.csv');
    const text = await file.blob.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toMatch(/^row,start,end,requests\r\ntotal,/);
    expect(file.blob.type).toMatch(/^text\/csv/);
  });

  test('a refused download is a readable ApiError, not raw JSON', async () => {
    const stub = stubHttp(() => ({
      status: 400,
      data: '{"error":{"message":"The range may span at most 366 days.","type":"invalid_request_error","code":"invalid_parameter","param":"end"}}',
    }));
    restore = stub.restore;
    const failure = downloadStatsCsv({ scope: 'global' }, { start: '2020-01-01', end: '2026-01-01' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, code: 'invalid_parameter', param: 'end', message: 'The range may span at most 366 days.' });
  });
});
