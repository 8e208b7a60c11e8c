// One page of a listing and the total count of rows matching its filter.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace gaiarouter {

struct PageRequest {
  int page = 1;    // 1-based
  int limit = 20;  // rows per page, 1..100
};

// LIMIT and OFFSET of a page request. Out-of-range paging is clamped rather
// than refused (page 1.., 1..100 rows); the API validates its parameters, this
// only keeps OFFSET sane.
struct LimitOffset {
  int64_t limit;
  int64_t offset;
};

inline LimitOffset limitOffset(const PageRequest& page) {
  const int64_t limit = std::clamp(page.limit, 1, 100);
  return {limit, (static_cast<int64_t>(std::max(page.page, 1)) - 1) * limit};
}

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // rows matching the filter, all pages together
};

}  // namespace gaiarouter
