#include "usage/LatencyHistogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace gaiarouter {
namespace {

TEST(LatencyHistogramTest, ValuesGoToTheBucketOfTheirUpperBound) {
  EXPECT_EQ(LatencyHistogram::bucketOf(0), 0u);
  EXPECT_EQ(LatencyHistogram::bucketOf(50), 0u);
  EXPECT_EQ(LatencyHistogram::bucketOf(51), 1u);
  EXPECT_EQ(LatencyHistogram::bucketOf(40'000), LatencyHistogram::kBuckets - 2);
  EXPECT_EQ(LatencyHistogram::bucketOf(40'001), LatencyHistogram::kBuckets - 1);
}

TEST(LatencyHistogramTest, AnEmptyHistogramHasNoQuantiles) { EXPECT_EQ(LatencyHistogram().quantile(0.5), 0); }

TEST(LatencyHistogramTest, QuantilesFallInTheBucketOfTheExactValueAndNeverAboveTheMaximum) {
  std::mt19937 random(7);
  std::lognormal_distribution<double> latency(6.0, 1.2);  // a median around 400 ms, a long tail
  std::vector<int64_t> values;
  LatencyHistogram h;
  for (int i = 0; i < 5000; ++i) {
    const auto ms = static_cast<int64_t>(latency(random));
    values.push_back(ms);
    h.add(ms);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.95, 0.99, 1.0}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    const int64_t exact = values[rank - 1];
    const double estimate = h.quantile(q);
    EXPECT_EQ(LatencyHistogram::bucketOf(static_cast<int64_t>(std::ceil(estimate))), LatencyHistogram::bucketOf(exact))
        << "q=" << q << " exact " << exact << " estimate " << estimate;
    EXPECT_LE(estimate, static_cast<double>(values.back()));
  }
  EXPECT_EQ(h.quantile(1.0), static_cast<double>(values.back()));
}

TEST(LatencyHistogramTest, MergingAddsCountsAndKeepsTheLargerMaximum) {
  LatencyHistogram a, b;
  a.add(10);
  a.add(700);
  b.add(60'000);
  a.merge(b);
  EXPECT_EQ(a.count(), 3);
  EXPECT_EQ(a.max(), 60'000);
  EXPECT_EQ(a.counts()[LatencyHistogram::kBuckets - 1], 1);
}

}  // namespace
}  // namespace gaiarouter
