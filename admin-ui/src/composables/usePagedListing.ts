import { ref, shallowRef, type Ref } from 'vue';
import { errorMessage } from '@/api/ApiError';
import type { ListPage } from '@/api/types';

// One page of a gateway listing with its loading and error state. A newer
// load wins over an older one still in flight (fast typing in a filter).
export function usePagedListing<T, F extends { page: number; limit: number }>(
  filters: F,
  fetchPage: (filters: F) => Promise<ListPage<T>>,
) {
  const rows = shallowRef<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const answer = await fetchPage({ ...filters });
      if (mine !== generation) return;
      // A page past the end (after deleting its last row): go back one.
      if (answer.data.length === 0 && answer.total > 0 && filters.page > 1) {
        filters.page = Math.max(1, Math.ceil(answer.total / filters.limit));
        await load();
        return;
      }
      rows.value = answer.data;
      total.value = answer.total;
    } catch (e) {
      if (mine !== generation) return;
      error.value = errorMessage(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  // Any filter change starts again from page 1.
  function reload(): Promise<void> {
    filters.page = 1;
    return load();
  }

  // Search as the user types: reload from page 1 once they pause.
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  function reloadSoon(pauseMs = 300): void {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => void reload(), pauseMs);
  }

  function setPage(page: number): Promise<void> {
    filters.page = page;
    return load();
  }

  function setPageSize(limit: number): Promise<void> {
    filters.limit = limit;
    filters.page = 1;
    return load();
  }

  return { rows, total, loading, error, load, reload, reloadSoon, setPage, setPageSize };
}
