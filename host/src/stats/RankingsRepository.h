// The models leaderboard: models ranked by tokens over the last days, from
// the per-day, per-model aggregates (usage_daily_models), never the raw
// records.
#pragma once

#include "db/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gaiarouter {

struct ModelRanking {
  std::string model;
  std::string provider;
  int64_t requests = 0;
  int64_t promptTokens = 0;
  int64_t completionTokens = 0;
  int64_t totalTokens = 0;
  int64_t costMicros = 0;
  double share = 0;  // of all tokens in the period, 0..1
};

// The last `days` UTC days, today (the day holding `nowMs`) included:
// [midnight days-1 days before today, next midnight).
struct DayRange {
  int64_t startMs = 0;
  int64_t endMs = 0;
};
DayRange lastUtcDays(int days, int64_t nowMs);

class RankingsRepository {
 public:
  explicit RankingsRepository(Database& database) : database_(database) {}

  // Days [fromDayMs, toDayMs) (UTC midnights), most tokens first, ties by
  // model id.
  std::vector<ModelRanking> rank(int64_t fromDayMs, int64_t toDayMs);

 private:
  Database& database_;
};

}  // namespace gaiarouter
