// What a request cost, in integer micro-dollars, from the model's prices
// (USD per million tokens) and the usage the provider reported. Prices per
// million tokens times tokens is micro-dollars, rounded once per request;
// sums are integers from there on.
#pragma once

#include "config/GatewayConfig.h"

#include <gaiarouter/plugin.h>

#include <cstdint>

namespace gaiarouter {

int64_t costMicros(const ModelPricing& pricing, const gr_usage& usage);

}  // namespace gaiarouter
