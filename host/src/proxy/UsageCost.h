// OpenRouter's usage accounting on the wire: with "usage": {"include": true}
// the answer's usage object carries "cost" (USD credits, from the same
// micro-dollars the gateway records).
#pragma once

#include "config/GatewayConfig.h"

#include <string>
#include <string_view>

namespace gaiarouter {

// `json` (a chat.completion or a chunk) with usage.cost set when it has a
// usage object; unchanged otherwise.
std::string withUsageCost(std::string_view json, const ModelPricing& pricing);

// Whether a stream chunk may carry usage: a cheap test before parsing it.
bool mayCarryUsage(std::string_view chunk);

}  // namespace gaiarouter
