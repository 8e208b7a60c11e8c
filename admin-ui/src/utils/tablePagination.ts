// The pagination of a listing's table: compact on phones, where the total
// and the page-size choice do not fit. `pageSizes` null: no size choice.
export interface TablePagination {
  current: number;
  pageSize: number;
  total: number;
  showTotal: boolean;
  simple: boolean;
  showPageSize?: boolean;
  pageSizeOptions?: number[];
}

export const PAGE_SIZES = [10, 20, 50, 100];

export function tablePagination(
  filters: { page: number; limit: number },
  total: number,
  narrow: boolean,
  pageSizes: number[] | null = PAGE_SIZES,
): TablePagination {
  const paging: TablePagination = { current: filters.page, pageSize: filters.limit, total, showTotal: !narrow, simple: narrow };
  if (pageSizes) {
    paging.showPageSize = !narrow;
    paging.pageSizeOptions = pageSizes;
  }
  return paging;
}
