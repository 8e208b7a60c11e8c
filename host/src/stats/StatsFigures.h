// The figures of one statistics entry (the totals, or one group of the
// series): sums read from usage_hourly, and what is derived from them
// (error rate, averages, percentiles from the merged histograms).
#pragma once

#include "usage/LatencyHistogram.h"

#include <cstdint>

namespace gaiarouter {

struct StatsFigures {
  int64_t requests = 0;
  int64_t errors = 0;
  int64_t promptTokens = 0;
  int64_t completionTokens = 0;
  int64_t totalTokens = 0;
  int64_t cachedTokens = 0;
  int64_t reasoningTokens = 0;
  int64_t costMicros = 0;
  int64_t latencySumMs = 0;
  int64_t ttftCount = 0;  // requests with a time to first token
  int64_t ttftSumMs = 0;
  LatencyHistogram latency;  // one count per request
  LatencyHistogram ttft;     // one count per request with a time to first token

  // Adds another entry's figures (hours into a day, groups into the totals).
  void merge(const StatsFigures& other);

  // Derived figures; 0 when there is nothing to derive them from. Times in
  // ms, rounded to 0.1 ms.
  double errorRate() const;
  double latencyAverageMs() const;
  double latencyQuantileMs(double q) const;
  double ttftAverageMs() const;
  double ttftQuantileMs(double q) const;
};

}  // namespace gaiarouter
