#include "stats/StatsFigures.h"

#include <cmath>

namespace gaiarouter {
namespace {

double tenths(double ms) { return std::round(ms * 10) / 10; }

double average(int64_t sum, int64_t count) {
  return count == 0 ? 0 : tenths(static_cast<double>(sum) / static_cast<double>(count));
}

}  // namespace

void StatsFigures::merge(const StatsFigures& other) {
  requests += other.requests;
  errors += other.errors;
  promptTokens += other.promptTokens;
  completionTokens += other.completionTokens;
  totalTokens += other.totalTokens;
  cachedTokens += other.cachedTokens;
  reasoningTokens += other.reasoningTokens;
  costMicros += other.costMicros;
  latencySumMs += other.latencySumMs;
  ttftCount += other.ttftCount;
  ttftSumMs += other.ttftSumMs;
  latency.merge(other.latency);
  ttft.merge(other.ttft);
}

double StatsFigures::errorRate() const {
  // Four decimals: a rate, not a measurement.
  return requests == 0 ? 0 : std::round(static_cast<double>(errors) / static_cast<double>(requests) * 1e4) / 1e4;
}

double StatsFigures::latencyAverageMs() const { return average(latencySumMs, requests); }
double StatsFigures::latencyQuantileMs(double q) const { return tenths(latency.quantile(q)); }
double StatsFigures::ttftAverageMs() const { return average(ttftSumMs, ttftCount); }
double StatsFigures::ttftQuantileMs(double q) const { return tenths(ttft.quantile(q)); }

}  // namespace gaiarouter
