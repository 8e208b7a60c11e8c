// A statistics request, parsed and checked: whose usage (the scope), over
// which whole UTC hours, grouped how, filtered by model and provider.
#pragma once

#include "http/ApiError.h"
#include "management/QueryInput.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace gaiarouter {

struct StatsScope {
  enum class Kind { Global, Organization, ApiKey };
  Kind kind = Kind::Global;
  std::string id;  // the organization or key id; "" for Global

  // "global", "organization" or "api_key".
  const char* name() const;
};

enum class StatsGrouping { None, Hour, Day, Model, Provider, Key };

// "hour", "day", "model", "provider", "key"; nullptr for None.
const char* groupingName(StatsGrouping grouping);

struct StatsQuery {
  static constexpr int64_t kHourMs = 3'600'000;
  static constexpr int64_t kDayMs = 24 * kHourMs;
  static constexpr int64_t kMaxRangeMs = 366 * kDayMs;

  StatsScope scope;
  // The effective range [startMs, endMs): whole UTC hours, since the
  // aggregates are hourly.
  int64_t startMs = 0;
  int64_t endMs = 0;
  StatsGrouping groupBy = StatsGrouping::None;
  std::string model;     // exact match; "" = every model
  std::string provider;  // exact match; "" = every provider

  // Reads start, end, period, group_by, model and provider (the query must
  // allow them). Errors name the parameter (400).
  static std::variant<StatsQuery, ApiError> parse(QueryInput& query, StatsScope scope, int64_t nowMs);
};

// The effective range of a request:
//  - `period` ("day", "week", "month": the last 24 h, 7 d, 30 d) ends with
//    the current hour and starts at the hour the period began, so it
//    covers the whole period; it cannot be combined with start/end;
//  - `start` (and `end`, by default the end of the current hour): start
//    floored and end ceiled to whole hours; `end` needs `start`;
//  - nothing: period "day".
// Refuses an end not after the start and ranges over 366 days.
struct StatsRange {
  int64_t startMs = 0;
  int64_t endMs = 0;
};
std::variant<StatsRange, ApiError> resolveStatsRange(const std::optional<int64_t>& start,
                                                     const std::optional<int64_t>& end, const std::string& period,
                                                     int64_t nowMs);

}  // namespace gaiarouter
