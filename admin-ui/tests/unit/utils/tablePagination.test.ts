import { describe, expect, test } from 'vitest';
import { PAGE_SIZES, tablePagination } from '@/utils/tablePagination';

describe('tablePagination', () => {
  test('wide screens show the total and the page-size choice', () => {
    expect(tablePagination({ page: 3, limit: 20 }, 95, false)).toEqual({
      current: 3,
      pageSize: 20,
      total: 95,
      showTotal: true,
      simple: false,
      showPageSize: true,
      pageSizeOptions: PAGE_SIZES,
    });
  });

  test('phones get the simple pager without total or size choice', () => {
    const paging = tablePagination({ page: 1, limit: 10 }, 12, true);
    expect(paging.simple).toBe(true);
    expect(paging.showTotal).toBe(false);
    expect(paging.showPageSize).toBe(false);
  });

  test('without page sizes there is no size choice at all', () => {
    const paging = tablePagination({ page: 2, limit: 10 }, 40, false, null);
    expect(paging).toEqual({ current: 2, pageSize: 10, total: 40, showTotal: true, simple: false });
  });
});
