// What a request cost, in integer micro-dollars, from the model's prices
// (USD per million tokens) and the usage the provider reported. Computed in
// integers (prices to 10^-6 USD per million tokens), rounded half up once per
// request; sums are integers from there on. A model without prices costs
// what the upstream reported, if it did.
#pragma once

#include "config/GatewayConfig.h"

#include <gaiarouter/plugin.h>

#include <cstdint>

namespace gaiarouter {

int64_t costMicros(const ModelPricing& pricing, const gr_usage& usage);

}  // namespace gaiarouter
