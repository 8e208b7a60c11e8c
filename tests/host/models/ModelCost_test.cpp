// What a request costs in integer micro-dollars from a model's prices per
// million tokens and the reported usage.
#include "models/ModelCost.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

ModelPricing pricing(double input, double output, std::optional<double> cached = std::nullopt) {
  ModelPricing p;
  p.inputPerMillion = input;
  p.outputPerMillion = output;
  p.cachedInputPerMillion = cached;
  return p;
}

gr_usage usage(int64_t prompt, int64_t completion, int64_t cached = 0) {
  gr_usage u{};
  u.struct_size = sizeof(gr_usage);
  u.prompt_tokens = prompt;
  u.completion_tokens = completion;
  u.total_tokens = prompt + completion;
  u.cached_prompt_tokens = cached;
  u.cost_usd = -1;
  return u;
}

TEST(ModelCostTest, PricesPerMillionTimesTokensAreMicroDollars) {
  // 1000 × $2.50/M + 500 × $10/M = 2500 + 5000 micro-dollars.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(1000, 500)), 7'500);
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(1000, 0)), 2'500);
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(0, 500)), 5'000);
  // A million tokens each way costs the two prices.
  EXPECT_EQ(costMicros(pricing(3.0, 15.0), usage(1'000'000, 1'000'000)), 18'000'000);
  // Large counts stay exact.
  EXPECT_EQ(costMicros(pricing(60.0, 120.0), usage(1'000'000'000, 0)), 60'000'000'000);
}

TEST(ModelCostTest, CachedPromptTokensUseTheCachedPriceWhenTheModelHasOne) {
  // 600 × $2.50/M + 400 × $1.25/M + 500 × $10/M = 1500 + 500 + 5000.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0, 1.25), usage(1000, 500, 400)), 7'000);
  // Without a cached price every prompt token is billed at the input price.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(1000, 500, 400)), 7'500);
  // A cached price of zero makes cached tokens free.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0, 0.0), usage(1000, 500, 1000)), 5'000);
}

TEST(ModelCostTest, CachedTokensAreClampedToThePromptTokens) {
  // 5000 cached of 1000 prompt tokens: all 1000 at the cached price.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0, 1.25), usage(1000, 500, 5000)), 1'250 + 5'000);
  // A negative cached count is none.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0, 1.25), usage(1000, 500, -300)), 7'500);
}

TEST(ModelCostTest, NoUsageOrFreeModelsCostNothing) {
  EXPECT_EQ(costMicros(pricing(2.50, 10.0, 1.25), usage(0, 0)), 0);
  EXPECT_EQ(costMicros(pricing(0, 0), usage(123'456, 789)), 0);
  EXPECT_EQ(costMicros(ModelPricing{}, usage(1000, 1000, 500)), 0);
}

TEST(ModelCostTest, NegativeCountsNeverReduceTheCost) {
  // A plugin reporting nonsense: negative counts count as zero.
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(1000, -500)), 2'500);
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(-1000, 500)), 5'000);
  EXPECT_EQ(costMicros(pricing(2.50, 10.0, 1.25), usage(-1000, 500, 200)), 5'000);
  EXPECT_EQ(costMicros(pricing(2.50, 10.0), usage(-1000, -500)), 0);
}

TEST(ModelCostTest, TheTotalIsRoundedToTheNearestMicroDollarOnce) {
  EXPECT_EQ(costMicros(pricing(0.40, 0), usage(1, 0)), 0);   // 0.4
  EXPECT_EQ(costMicros(pricing(0.40, 0), usage(3, 0)), 1);   // 1.2
  EXPECT_EQ(costMicros(pricing(0.75, 0), usage(2, 0)), 2);   // 1.5: half rounds up
  EXPECT_EQ(costMicros(pricing(0.5, 0), usage(1, 0)), 1);    // 0.5
  EXPECT_EQ(costMicros(pricing(0.6, 0), usage(1, 0)), 1);    // 0.6
  // Rounded once on the sum, not per part: 0.4 + 0.4 = 0.8 → 1 (per part it would be 0).
  EXPECT_EQ(costMicros(pricing(0.40, 0.40), usage(1, 1)), 1);
  // 0.15/M input, 0.60/M output, 10 and 5 tokens: 1.5 + 3.0 = 4.5 → 5.
  EXPECT_EQ(costMicros(pricing(0.15, 0.60), usage(10, 5)), 5);
}

TEST(ModelCostTest, SubCentPricesAreExactWithoutFloatingPointDrift) {
  // $0.01875/M (a cached-input price): a million tokens are 18,750 µ$, and
  // 7 × 0.1 µ$ (a $0.1/M price) is 0.7 µ$, rounded once to 1 — not 0.7000000000000001.
  EXPECT_EQ(costMicros(pricing(0.01875, 0), usage(1'000'000, 0)), 18'750);
  EXPECT_EQ(costMicros(pricing(0.1, 0), usage(7, 0)), 1);
  EXPECT_EQ(costMicros(pricing(0.1, 0.1), usage(2, 2)), 0);  // 0.4 µ$ rounds down
  EXPECT_EQ(costMicros(pricing(0.15, 0.6), usage(3, 1)), 1);  // 0.45 + 0.6 = 1.05 µ$
}

TEST(ModelCostTest, AModelWithoutPricesCostsWhatTheUpstreamReported) {
  gr_usage reported = usage(100, 100);
  reported.cost_usd = 0.000123;
  EXPECT_EQ(costMicros(pricing(0, 0), reported), 123);
  // The registry's prices win when the model has them.
  EXPECT_EQ(costMicros(pricing(1.0, 1.0), reported), 200);
}

}  // namespace
}  // namespace gaiarouter
