#include "usage/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace gaiarouter {

std::size_t LatencyHistogram::bucketOf(int64_t ms) {
  return static_cast<std::size_t>(std::lower_bound(kUpperBoundsMs.begin(), kUpperBoundsMs.end(), ms) -
                                  kUpperBoundsMs.begin());
}

void LatencyHistogram::add(int64_t ms) {
  ms = std::max<int64_t>(ms, 0);
  ++counts_[bucketOf(ms)];
  observeMax(ms);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (std::size_t i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  observeMax(other.max_);
}

int64_t LatencyHistogram::count() const {
  int64_t n = 0;
  for (auto c : counts_) n += c;
  return n;
}

double LatencyHistogram::quantile(double q) const {
  const int64_t n = count();
  if (n == 0) return 0;
  // The rank of the value asked for, 1-based: the nearest-rank definition.
  const int64_t rank = std::clamp<int64_t>(static_cast<int64_t>(std::ceil(q * static_cast<double>(n))), 1, n);
  int64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    if (counts_[i] == 0 || seen + counts_[i] < rank) {
      seen += counts_[i];
      continue;
    }
    const double lower = i == 0 ? 0 : static_cast<double>(kUpperBoundsMs[i - 1]);
    double upper = i < kUpperBoundsMs.size() ? static_cast<double>(kUpperBoundsMs[i]) : static_cast<double>(max_);
    upper = std::min(upper, static_cast<double>(max_));
    if (upper < lower) upper = lower;
    const double within = static_cast<double>(rank - seen) / static_cast<double>(counts_[i]);
    return lower + (upper - lower) * within;
  }
  return static_cast<double>(max_);
}

}  // namespace gaiarouter
