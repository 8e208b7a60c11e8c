#include "models/ModelCost.h"

#include <algorithm>
#include <cmath>

namespace gaiarouter {

int64_t costMicros(const ModelPricing& pricing, const gr_usage& usage) {
  // Cached prompt tokens are part of prompt_tokens; they are billed at the
  // cached price when the model has one.
  // Negative counts (a faulty plugin) count as zero, never as a refund.
  const int64_t prompt = std::max<int64_t>(usage.prompt_tokens, 0);
  const int64_t cached = pricing.cachedInputPerMillion ? std::clamp<int64_t>(usage.cached_prompt_tokens, 0, prompt) : 0;
  const double micros = static_cast<double>(prompt - cached) * pricing.inputPerMillion +
                        static_cast<double>(cached) * pricing.cachedInputPerMillion.value_or(0) +
                        static_cast<double>(std::max<int64_t>(usage.completion_tokens, 0)) * pricing.outputPerMillion;
  return std::max<int64_t>(0, std::llround(micros));
}

}  // namespace gaiarouter
