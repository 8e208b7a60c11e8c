import { beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '@/api/ApiError';

const toasts = vi.hoisted(() => ({ error: vi.fn() }));
vi.mock('@arco-design/web-vue', () => ({ Message: toasts }));

import { useRecordAction } from '@/composables/useRecordAction';

beforeEach(() => toasts.error.mockReset());

describe('useRecordAction', () => {
  test('names the busy record while its action runs, then no record', async () => {
    const { busyId, busy, run } = useRecordAction();
    let release!: () => void;
    const running = run('org_1', () => new Promise<void>((r) => (release = r)));
    expect(busyId.value).toBe('org_1');
    expect(busy.value).toBe(true);
    release();
    await running;
    expect(busyId.value).toBeNull();
    expect(busy.value).toBe(false);
    expect(toasts.error).not.toHaveBeenCalled();
  });

  test('a failure becomes a readable toast and does not escape', async () => {
    const { busyId, run } = useRecordAction();
    await expect(run('key_1', () => Promise.reject(new ApiError('Organization is inactive', 409)))).resolves.toBeUndefined();
    expect(toasts.error).toHaveBeenCalledWith('Organization is inactive');
    expect(busyId.value).toBeNull();
  });
});
