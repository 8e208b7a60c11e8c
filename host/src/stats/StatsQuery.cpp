#include "stats/StatsQuery.h"


namespace gaiarouter {
namespace {

int64_t floorHour(int64_t ms) { return ms - ((ms % StatsQuery::kHourMs) + StatsQuery::kHourMs) % StatsQuery::kHourMs; }
int64_t ceilHour(int64_t ms) {
  const int64_t floored = floorHour(ms);
  return floored == ms ? ms : floored + StatsQuery::kHourMs;
}

ApiError invalid(const char* param, const std::string& message) {
  return ApiError::invalidRequest(message, param, "invalid_parameter");
}

int64_t periodMs(const std::string& period) {
  if (period == "week") return 7 * StatsQuery::kDayMs;
  if (period == "month") return 30 * StatsQuery::kDayMs;
  return StatsQuery::kDayMs;
}

}  // namespace

const char* StatsScope::name() const {
  switch (kind) {
    case Kind::Global: return "global";
    case Kind::Organization: return "organization";
    case Kind::ApiKey: return "api_key";
  }
  return "";
}

const char* groupingName(StatsGrouping grouping) {
  switch (grouping) {
    case StatsGrouping::None: return nullptr;
    case StatsGrouping::Hour: return "hour";
    case StatsGrouping::Day: return "day";
    case StatsGrouping::Model: return "model";
    case StatsGrouping::Provider: return "provider";
    case StatsGrouping::Key: return "key";
  }
  return nullptr;
}

std::variant<StatsRange, ApiError> resolveStatsRange(const std::optional<int64_t>& start,
                                                     const std::optional<int64_t>& end, const std::string& period,
                                                     int64_t nowMs) {
  // The current hour is always whole in the answer, so what happened a
  // moment ago is counted.
  const int64_t endOfThisHour = floorHour(nowMs) + StatsQuery::kHourMs;
  if (!period.empty() && (start || end)) {
    return invalid("period", "Query parameter 'period' cannot be combined with 'start' or 'end'.");
  }
  if (end && !start) return invalid("start", "Query parameter 'start' is required when 'end' is given.");
  StatsRange range;
  if (start) {
    range.startMs = floorHour(*start);
    range.endMs = end ? ceilHour(*end) : endOfThisHour;
  } else {
    range.startMs = floorHour(nowMs - periodMs(period));
    range.endMs = endOfThisHour;
  }
  if (range.endMs <= range.startMs) {
    return invalid(end ? "end" : "start", "The range is empty: 'end' must be after 'start'.");
  }
  if (range.endMs - range.startMs > StatsQuery::kMaxRangeMs) {
    return invalid(end ? "end" : "start", "The range is too long: at most 366 days.");
  }
  return range;
}

std::variant<StatsQuery, ApiError> StatsQuery::parse(QueryInput& query, StatsScope scope, int64_t nowMs) {
  StatsQuery out;
  out.scope = std::move(scope);
  const auto start = query.time("start");
  const auto end = query.time("end");
  const std::string period = query.choice("period", {"day", "week", "month"});
  const std::string group = query.choice("group_by", {"hour", "day", "model", "provider", "key"});
  out.model = query.text("model", 200);
  out.provider = query.text("provider", 64);
  if (query.failed()) return *query.error();

  auto range = resolveStatsRange(start, end, period, nowMs);
  if (auto* error = std::get_if<ApiError>(&range)) return *error;
  out.startMs = std::get<StatsRange>(range).startMs;
  out.endMs = std::get<StatsRange>(range).endMs;
  for (auto grouping : {StatsGrouping::Hour, StatsGrouping::Day, StatsGrouping::Model, StatsGrouping::Provider,
                        StatsGrouping::Key}) {
    if (group == groupingName(grouping)) out.groupBy = grouping;
  }
  return out;
}

}  // namespace gaiarouter
