// An amount of US dollars written as a JSON number ("12.5", "-0.000001",
// "1e2"), converted to micro-dollars exactly from its decimal text: never
// through a double, which cannot hold 0.1 exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gaiarouter {

// Nothing if `number` is not a JSON number, has digits below a
// micro-dollar (more than six decimals once the exponent is applied, not
// counting trailing zeros), or exceeds ±`maxUsd` dollars.
std::optional<int64_t> usdToMicros(std::string_view number, int64_t maxUsd);

}  // namespace gaiarouter
