#include "stats/RankingsRepository.h"

#include "db/BoundSql.h"
#include "db/SqlValues.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <algorithm>

namespace gaiarouter {

DayRange lastUtcDays(int days, int64_t nowMs) {
  constexpr int64_t kDayMs = 24 * 3600 * 1000;
  const int64_t end = (nowMs / kDayMs + 1) * kDayMs;  // wall-clock ms are never negative
  return {end - int64_t{days} * kDayMs, end};
}

std::vector<ModelRanking> RankingsRepository::rank(int64_t fromDayMs, int64_t toDayMs) {
  auto session = database_.session();
  Poco::Data::Statement select(session);
  BoundSql("SELECT model, provider, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), "
           "SUM(cost_micros) FROM usage_daily_models")
      .where("day_start >= ?", Poco::Int64(fromDayMs))
      .where("day_start < ?", Poco::Int64(toDayMs))
      .append(" GROUP BY model, provider")
      .into(select);
  select.execute();
  Poco::Data::RecordSet rows(select);
  std::vector<ModelRanking> out;
  int64_t allTokens = 0;
  for (std::size_t row = 0; row < rows.rowCount(); ++row) {
    ModelRanking m;
    m.model = sql::text(rows.value(0, row));
    m.provider = sql::text(rows.value(1, row));
    m.requests = sql::optionalInt(rows.value(2, row)).value_or(0);
    m.promptTokens = sql::optionalInt(rows.value(3, row)).value_or(0);
    m.completionTokens = sql::optionalInt(rows.value(4, row)).value_or(0);
    m.totalTokens = sql::optionalInt(rows.value(5, row)).value_or(0);
    m.costMicros = sql::optionalInt(rows.value(6, row)).value_or(0);
    allTokens += m.totalTokens;
    out.push_back(std::move(m));
  }
  for (auto& m : out) m.share = allTokens > 0 ? static_cast<double>(m.totalTokens) / static_cast<double>(allTokens) : 0;
  std::sort(out.begin(), out.end(), [](const ModelRanking& a, const ModelRanking& b) {
    return a.totalTokens != b.totalTokens ? a.totalTokens > b.totalTokens
                                          : (a.model != b.model ? a.model < b.model : a.provider < b.provider);
  });
  return out;
}

}  // namespace gaiarouter
