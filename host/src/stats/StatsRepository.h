// Reads statistics from the aggregates only (never the raw records), so a
// query costs the same with ten million requests as with ten: whole UTC days
// from usage_daily, the hours at the range's ends (and hourly series) from
// usage_hourly. SQL sums the rows of each part per group, C++ merges the
// parts and the latency histograms and fills the time series.
#pragma once

#include "db/Database.h"
#include "stats/StatsFigures.h"
#include "stats/StatsQuery.h"

#include <string>
#include <vector>

namespace gaiarouter {

struct StatsSeriesEntry {
  // Groupings by time: the bucket [startMs, endMs), a whole UTC hour or day
  // (a day at either end of the range counts only its hours in the range).
  int64_t startMs = 0;
  int64_t endMs = 0;
  // Groupings by model, provider or key: the value ("" = none, e.g. the
  // master key's requests).
  std::string group;
  StatsFigures figures;
};

struct StatsResult {
  StatsQuery query;
  StatsFigures totals;
  // Hour and day: every bucket of the range in time order, empty ones
  // included. Model, provider, key: by requests, most first, then by value.
  // None: empty.
  std::vector<StatsSeriesEntry> series;
};

class StatsRepository {
 public:
  explicit StatsRepository(Database& database) : database_(database) {}

  StatsResult query(const StatsQuery& query);

 private:
  Database& database_;
};

}  // namespace gaiarouter
