import { afterEach, describe, expect, test, vi } from 'vitest';
import { reactive } from 'vue';
import { ApiError } from '@/api/ApiError';
import type { ListPage } from '@/api/types';
import { usePagedListing } from '@/composables/usePagedListing';

type Filters = { name: string; page: number; limit: number };

function page(data: number[], total: number, p = 1, limit = 2): ListPage<number> {
  return { object: 'list', data, page: p, limit, total, has_more: p * limit < total };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('usePagedListing', () => {
  test('loads a page with the current filters and keeps the total', async () => {
    const filters = reactive<Filters>({ name: 'a', page: 1, limit: 2 });
    const seen: Filters[] = [];
    const listing = usePagedListing<number, Filters>(filters, async (f) => {
      seen.push(f);
      return page([1, 2], 5);
    });
    await listing.load();
    expect(seen).toEqual([{ name: 'a', page: 1, limit: 2 }]);
    expect(listing.rows.value).toEqual([1, 2]);
    expect(listing.total.value).toBe(5);
    expect(listing.loading.value).toBe(false);
  });

  test('reload goes back to page 1; a new page size too', async () => {
    const filters = reactive<Filters>({ name: '', page: 3, limit: 2 });
    const pages: number[] = [];
    const listing = usePagedListing<number, Filters>(filters, async (f) => {
      pages.push(f.page);
      return page([9], 9, f.page, f.limit);
    });
    await listing.reload();
    await listing.setPage(4);
    await listing.setPageSize(50);
    expect(pages).toEqual([1, 4, 1]);
    expect(filters.limit).toBe(50);
  });

  test('an answer to an older request does not overwrite a newer one', async () => {
    const filters = reactive<Filters>({ name: '', page: 1, limit: 2 });
    const slow = deferred<ListPage<number>>();
    const fast = deferred<ListPage<number>>();
    const answers = [slow.promise, fast.promise];
    const listing = usePagedListing<number, Filters>(filters, () => answers.shift()!);
    const first = listing.load();
    const second = listing.load();
    fast.resolve(page([2], 1));
    await second;
    slow.resolve(page([1], 1));
    await first;
    expect(listing.rows.value).toEqual([2]);
  });

  test('a page past the end (its last row deleted) moves back to the last page', async () => {
    const filters = reactive<Filters>({ name: '', page: 3, limit: 2 });
    const listing = usePagedListing<number, Filters>(filters, async (f) => (f.page === 3 ? page([], 4, 3) : page([3, 4], 4, f.page)));
    await listing.load();
    expect(filters.page).toBe(2);
    expect(listing.rows.value).toEqual([3, 4]);
  });

  test('a failure shows the gateway message and keeps the old rows', async () => {
    const filters = reactive<Filters>({ name: '', page: 1, limit: 2 });
    let fail = false;
    const listing = usePagedListing<number, Filters>(filters, async () => {
      if (fail) throw new ApiError("Unknown query parameter 'foo'.", 400, 'unknown_parameter', 'foo');
      return page([1], 1);
    });
    await listing.load();
    fail = true;
    await listing.load();
    expect(listing.error.value).toBe("Unknown query parameter 'foo'.");
    expect(listing.rows.value).toEqual([1]);
    expect(listing.loading.value).toBe(false);
  });

  describe('reloadSoon', () => {
    afterEach(() => vi.useRealTimers());

    test('reloads from page 1 once, after the typing pauses', async () => {
      vi.useFakeTimers();
      const filters = reactive<Filters>({ name: '', page: 4, limit: 2 });
      const seen: Filters[] = [];
      const listing = usePagedListing<number, Filters>(filters, async (f) => {
        seen.push(f);
        return page([1], 9, f.page, f.limit);
      });
      filters.name = 'a';
      listing.reloadSoon();
      await vi.advanceTimersByTimeAsync(200);
      filters.name = 'ac';
      listing.reloadSoon();
      await vi.advanceTimersByTimeAsync(299);
      expect(seen).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(seen).toEqual([{ name: 'ac', page: 1, limit: 2 }]);
    });
  });
});
