// Fixed latency buckets, so hourly aggregates can be added together and
// still give percentiles. The bucket columns of usage_hourly follow these
// bounds; changing them needs a migration.
#pragma once

#include <array>
#include <cstdint>

namespace gaiarouter {

class LatencyHistogram {
 public:
  static constexpr std::size_t kBuckets = 16;
  // Upper bounds in ms (inclusive); the last bucket has none.
  static constexpr std::array<int64_t, kBuckets - 1> kUpperBoundsMs = {
      50, 100, 200, 350, 500, 750, 1000, 1500, 2000, 3000, 5000, 8000, 12000, 20000, 40000};

  static std::size_t bucketOf(int64_t ms);

  void add(int64_t ms);
  void merge(const LatencyHistogram& other);
  void addBucket(std::size_t bucket, int64_t count) { counts_[bucket] += count; }
  void observeMax(int64_t ms) {
    if (ms > max_) max_ = ms;
  }

  int64_t count() const;
  int64_t max() const { return max_; }
  const std::array<int64_t, kBuckets>& counts() const { return counts_; }

  // The q-quantile (0 < q ≤ 1) estimated by linear interpolation inside its
  // bucket; never above the largest value seen. 0 when empty. The estimate
  // lies in the same bucket as the exact value.
  double quantile(double q) const;

 private:
  std::array<int64_t, kBuckets> counts_{};
  int64_t max_ = 0;
};

}  // namespace gaiarouter
