#include "stats/StatsRepository.h"

#include "db/BoundSql.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace gaiarouter {
namespace {

// The aggregate columns, in the order readFigures() expects them after the
// group column.
const std::string& sumColumns() {
  static const std::string columns = [] {
    std::string out =
        "SUM(requests), SUM(errors), SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), "
        "SUM(cached_tokens), SUM(reasoning_tokens), SUM(cost_micros), SUM(latency_sum_ms), SUM(ttft_count), "
        "SUM(ttft_sum_ms), MAX(latency_max_ms), MAX(ttft_max_ms)";
    for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) out += fmt::format(", SUM(latency_b{})", b);
    for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) out += fmt::format(", SUM(ttft_b{})", b);
    return out;
  }();
  return columns;
}

// The SQL expression a grouping groups by; "" for none. Fixed literals only.
std::string groupColumn(StatsGrouping grouping) {
  switch (grouping) {
    case StatsGrouping::None: return "";
    case StatsGrouping::Hour: return "hour_start";
    case StatsGrouping::Day: return fmt::format("hour_start - hour_start % {}", StatsQuery::kDayMs);
    case StatsGrouping::Model: return "model";
    case StatsGrouping::Provider: return "provider";
    case StatsGrouping::Key: return "api_key_id";
  }
  return "";
}

// A sum (MySQL answers DECIMAL, SQLite INTEGER; NULL when no row matched).
int64_t number(const Poco::Dynamic::Var& v) { return v.isEmpty() ? 0 : v.convert<Poco::Int64>(); }

StatsFigures readFigures(const Poco::Data::RecordSet& rows, std::size_t row, std::size_t first) {
  std::size_t c = first;
  auto next = [&] { return number(rows.value(c++, row)); };
  StatsFigures f;
  f.requests = next();
  f.errors = next();
  f.promptTokens = next();
  f.completionTokens = next();
  f.totalTokens = next();
  f.cachedTokens = next();
  f.reasoningTokens = next();
  f.costMicros = next();
  f.latencySumMs = next();
  f.ttftCount = next();
  f.ttftSumMs = next();
  f.latency.observeMax(next());
  f.ttft.observeMax(next());
  for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) f.latency.addBucket(b, next());
  for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) f.ttft.addBucket(b, next());
  return f;
}

// The WHERE clause: the hour range first and the scope column with it, so
// the primary key (hour_start, …) or the (organization_id, hour_start) and
// (api_key_id, hour_start) indexes serve it.
BoundSql whereClause(const StatsQuery& q) {
  BoundSql where;
  where.where("hour_start >= ?", Poco::Int64(q.startMs));
  where.where("hour_start < ?", Poco::Int64(q.endMs));
  switch (q.scope.kind) {
    case StatsScope::Kind::Global: break;
    case StatsScope::Kind::Organization: where.where("organization_id = ?", q.scope.id); break;
    case StatsScope::Kind::ApiKey: where.where("api_key_id = ?", q.scope.id); break;
  }
  if (!q.model.empty()) where.where("model = ?", q.model);
  if (!q.provider.empty()) where.where("provider = ?", q.provider);
  return where;
}

// Every bucket of the range, in order, with the groups found filled in.
std::vector<StatsSeriesEntry> timeSeries(const StatsQuery& q, int64_t unit, std::map<int64_t, StatsFigures> found) {
  std::vector<StatsSeriesEntry> series;
  const int64_t first = q.startMs - ((q.startMs % unit) + unit) % unit;
  for (int64_t at = first; at < q.endMs; at += unit) {
    StatsSeriesEntry entry;
    entry.startMs = at;
    entry.endMs = at + unit;
    if (auto it = found.find(at); it != found.end()) entry.figures = std::move(it->second);
    series.push_back(std::move(entry));
  }
  return series;
}

}  // namespace

StatsResult StatsRepository::query(const StatsQuery& q) {
  const std::string group = groupColumn(q.groupBy);
  BoundSql select("SELECT " + (group.empty() ? std::string() : group + ", ") + sumColumns() + " FROM usage_hourly");
  select.append(whereClause(q));
  if (!group.empty()) select.append(" GROUP BY " + group);

  auto session = database_.session();
  Poco::Data::Statement statement(session);
  select.into(statement);
  statement.execute();
  Poco::Data::RecordSet rows(statement);

  StatsResult result;
  result.query = q;
  const bool byTime = q.groupBy == StatsGrouping::Hour || q.groupBy == StatsGrouping::Day;
  std::map<int64_t, StatsFigures> buckets;
  for (std::size_t row = 0; row < rows.rowCount(); ++row) {
    StatsFigures figures = readFigures(rows, row, group.empty() ? 0 : 1);
    result.totals.merge(figures);
    if (group.empty()) continue;
    if (byTime) {
      buckets[number(rows.value(0, row))] = std::move(figures);
    } else {
      StatsSeriesEntry entry;
      entry.group = rows.value(0, row).isEmpty() ? std::string() : rows.value(0, row).convert<std::string>();
      entry.figures = std::move(figures);
      result.series.push_back(std::move(entry));
    }
  }
  if (byTime) {
    result.series = timeSeries(q, q.groupBy == StatsGrouping::Hour ? StatsQuery::kHourMs : StatsQuery::kDayMs,
                               std::move(buckets));
  } else {
    std::sort(result.series.begin(), result.series.end(), [](const StatsSeriesEntry& a, const StatsSeriesEntry& b) {
      if (a.figures.requests != b.figures.requests) return a.figures.requests > b.figures.requests;
      return a.group < b.group;
    });
  }
  return result;
}

}  // namespace gaiarouter
