// One page of a listing and the total count of rows matching its filter.
#pragma once

#include <cstdint>
#include <vector>

namespace gaiarouter {

struct PageRequest {
  int page = 1;    // 1-based
  int limit = 20;  // rows per page, 1..100
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // rows matching the filter, all pages together
};

}  // namespace gaiarouter
