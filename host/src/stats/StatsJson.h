// The statistics answer as JSON: the effective range and request, the
// totals and the series. The JSON export is this same body.
#pragma once

#include "stats/StatsRepository.h"

#include <Poco/JSON/Object.h>

namespace gaiarouter::json {

Poco::JSON::Object::Ptr stats(const StatsResult& result);
// One entry's figures: requests, errors, error_rate, tokens, cost (USD) and
// cost_micros, latency and time-to-first-token average/p50/p95/max in ms.
Poco::JSON::Object::Ptr statsFigures(const StatsFigures& figures, Poco::JSON::Object::Ptr into);

}  // namespace gaiarouter::json
