// Usage records for the statistics tests, written through the real
// UsageWriter, and the expected figures computed straight from those
// records (not from the hourly aggregates the repository reads).
#pragma once

#include "stats/StatsFigures.h"
#include "usage/LatencyHistogram.h"
#include "usage/UsageRecord.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gaiarouter::test {

constexpr int64_t kStatsHour = 3'600'000;
constexpr int64_t kStatsDay = 24 * kStatsHour;
// 2026-09-21T00:00:00Z: a day boundary, so day buckets are easy to check.
constexpr int64_t kStatsDay0 = 1'790'000'000'000 / kStatsDay * kStatsDay;

inline UsageRecord usageRecord(int i, int64_t at, const std::string& org, const std::string& key,
                               const std::string& model) {
  UsageRecord r;
  r.requestId = "req-" + std::to_string(i);
  r.createdAtMs = at;
  r.organizationId = org;
  r.apiKeyId = key;
  r.model = model;
  r.provider = model.substr(0, model.find('/'));
  r.upstreamModel = model.substr(model.find('/') + 1);
  r.status = 200;
  r.promptTokens = 10 + i;
  r.completionTokens = 2 * i;
  r.totalTokens = r.promptTokens + r.completionTokens;
  r.cachedTokens = i % 5;
  r.reasoningTokens = i % 3;
  r.costMicros = 100 * i + 7;
  r.latencyMs = 30 + (i * 137) % 9000;
  if (i % 4 != 0) r.ttftMs = r.latencyMs / 3;
  r.upstreamMs = r.latencyMs - 5;
  return r;
}

// What a statistics entry should say about some records.
struct ExpectedFigures {
  int64_t requests = 0, errors = 0, prompt = 0, completion = 0, total = 0, cached = 0, reasoning = 0, cost = 0;
  std::vector<int64_t> latencies, ttfts;

  static ExpectedFigures of(const std::vector<UsageRecord>& records, const std::function<bool(const UsageRecord&)>& take) {
    ExpectedFigures e;
    for (const auto& r : records) {
      if (!take(r)) continue;
      ++e.requests;
      e.errors += r.failed() ? 1 : 0;
      e.prompt += r.promptTokens;
      e.completion += r.completionTokens;
      e.total += r.totalTokens;
      e.cached += r.cachedTokens;
      e.reasoning += r.reasoningTokens;
      e.cost += r.costMicros;
      e.latencies.push_back(r.latencyMs);
      if (r.ttftMs) e.ttfts.push_back(*r.ttftMs);
    }
    std::sort(e.latencies.begin(), e.latencies.end());
    std::sort(e.ttfts.begin(), e.ttfts.end());
    return e;
  }
};

inline double averageOf(const std::vector<int64_t>& values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (auto v : values) sum += static_cast<double>(v);
  return sum / static_cast<double>(values.size());
}

// The exact nearest-rank quantile of sorted values.
inline int64_t exactQuantile(const std::vector<int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// The estimate lies in the histogram bucket of the exact value:
// (previous bound, bound], capped by the largest value.
inline void expectInBucketOf(double estimate, const std::vector<int64_t>& sorted, double q, const std::string& what) {
  if (sorted.empty()) {
    EXPECT_EQ(estimate, 0) << what;
    return;
  }
  const int64_t exact = exactQuantile(sorted, q);
  const std::size_t bucket = LatencyHistogram::bucketOf(exact);
  const double lower = bucket == 0 ? 0 : static_cast<double>(LatencyHistogram::kUpperBoundsMs[bucket - 1]);
  const double upper = std::min<double>(
      bucket < LatencyHistogram::kUpperBoundsMs.size() ? static_cast<double>(LatencyHistogram::kUpperBoundsMs[bucket])
                                                        : static_cast<double>(sorted.back()),
      static_cast<double>(sorted.back()));
  EXPECT_GE(estimate, lower) << what << " (exact " << exact << ")";
  EXPECT_LE(estimate, upper) << what << " (exact " << exact << ")";
}

inline void expectFigures(const StatsFigures& f, const ExpectedFigures& e, const std::string& what) {
  EXPECT_EQ(f.requests, e.requests) << what;
  EXPECT_EQ(f.errors, e.errors) << what;
  EXPECT_EQ(f.promptTokens, e.prompt) << what;
  EXPECT_EQ(f.completionTokens, e.completion) << what;
  EXPECT_EQ(f.totalTokens, e.total) << what;
  EXPECT_EQ(f.cachedTokens, e.cached) << what;
  EXPECT_EQ(f.reasoningTokens, e.reasoning) << what;
  EXPECT_EQ(f.costMicros, e.cost) << what;
  EXPECT_EQ(f.ttftCount, static_cast<int64_t>(e.ttfts.size())) << what;
  EXPECT_NEAR(f.errorRate(), e.requests ? static_cast<double>(e.errors) / static_cast<double>(e.requests) : 0, 0.00005)
      << what;
  EXPECT_NEAR(f.latencyAverageMs(), averageOf(e.latencies), 0.0501) << what;
  EXPECT_NEAR(f.ttftAverageMs(), averageOf(e.ttfts), 0.0501) << what;
  EXPECT_EQ(f.latency.max(), e.latencies.empty() ? 0 : e.latencies.back()) << what;
  EXPECT_EQ(f.ttft.max(), e.ttfts.empty() ? 0 : e.ttfts.back()) << what;
  for (double q : {0.5, 0.95}) {
    expectInBucketOf(f.latencyQuantileMs(q), e.latencies, q, what + " latency p" + std::to_string(int(q * 100)));
    expectInBucketOf(f.ttftQuantileMs(q), e.ttfts, q, what + " ttft p" + std::to_string(int(q * 100)));
  }
}

}  // namespace gaiarouter::test
