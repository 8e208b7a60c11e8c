// The figure columns of usage_hourly and usage_daily, named once for the
// writer that adds to them and the statistics that sum them (migrations
// keep their own text: a released migration never changes).
#pragma once

#include "usage/LatencyHistogram.h"

#include <array>
#include <string>
#include <vector>

namespace gaiarouter {

// Added up across requests, in this order.
inline constexpr std::array<const char*, 11> kAggregateCounters = {
    "requests",      "errors",           "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens",
    "reasoning_tokens", "cost_micros", "latency_sum_ms", "ttft_count",        "ttft_sum_ms"};

// The larger of two wins.
inline constexpr std::array<const char*, 2> kAggregateMaxima = {"latency_max_ms", "ttft_max_ms"};

// latency_b0 … latency_b15, then ttft_b0 … ttft_b15: added up.
inline const std::vector<std::string>& histogramBucketColumns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> out;
    for (const char* histogram : {"latency", "ttft"}) {
      for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) out.push_back(histogram + ("_b" + std::to_string(b)));
    }
    return out;
  }();
  return columns;
}

}  // namespace gaiarouter
