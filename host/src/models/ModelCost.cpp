#include "models/ModelCost.h"

#include <algorithm>
#include <cmath>

namespace gaiarouter {
namespace {

// A price in USD per million tokens is, exactly, micro-dollars per token.
// Kept as an integer count of millionths of that, so the sum below is exact
// and rounded once.
int64_t picoDollarsPerToken(double usdPerMillion) { return std::llround(std::max(usdPerMillion, 0.0) * 1e6); }

}  // namespace

int64_t costMicros(const ModelPricing& pricing, const gr_usage& usage) {
  // Negative counts (a field not reported, or a faulty plugin) count as
  // zero, never as a refund.
  const int64_t prompt = std::max<int64_t>(usage.prompt_tokens, 0);
  const int64_t completion = std::max<int64_t>(usage.completion_tokens, 0);
  // Cached prompt tokens are part of prompt_tokens; they are billed at the
  // cached price when the model has one.
  const int64_t cached = pricing.cachedInputPerMillion ? std::clamp<int64_t>(usage.cached_prompt_tokens, 0, prompt) : 0;
  const bool priced = pricing.inputPerMillion > 0 || pricing.outputPerMillion > 0;
  if (!priced && usage.cost_usd >= 0) {
    // No price in the registry: what the upstream says it charged (OpenRouter reports it).
    return std::llround(usage.cost_usd * 1e6);
  }
  const int64_t pico = (prompt - cached) * picoDollarsPerToken(pricing.inputPerMillion) +
                       cached * picoDollarsPerToken(pricing.cachedInputPerMillion.value_or(0)) +
                       completion * picoDollarsPerToken(pricing.outputPerMillion);
  return (pico + 500'000) / 1'000'000;  // half up
}

}  // namespace gaiarouter
