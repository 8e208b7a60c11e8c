#include "stats/StatsRepository.h"

#include "db/BoundSql.h"
#include "usage/UsageAggregateColumns.h"

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
    std::string out;
    for (const char* c : kAggregateCounters) out += fmt::format("{}SUM({})", out.empty() ? "" : ", ", c);
    for (const char* c : kAggregateMaxima) out += fmt::format(", MAX({})", c);
    for (const auto& c : histogramBucketColumns()) out += fmt::format(", SUM({})", c);
    return out;
  }();
  return columns;
}

// Where a part of the range is read: whole UTC days from usage_daily, the
// hours at either end from usage_hourly.
struct RangePart {
  const char* table;
  const char* timeColumn;
  int64_t fromMs;
  int64_t toMs;
};

std::vector<RangePart> rangeParts(const StatsQuery& q) {
  const RangePart hours{"usage_hourly", "hour_start", q.startMs, q.endMs};
  if (q.groupBy == StatsGrouping::Hour) return {hours};
  const int64_t day = StatsQuery::kDayMs;
  const int64_t firstDay = (q.startMs + day - 1) / day * day;
  const int64_t lastDay = q.endMs / day * day;
  if (firstDay >= lastDay) return {hours};
  std::vector<RangePart> parts;
  if (q.startMs < firstDay) parts.push_back({"usage_hourly", "hour_start", q.startMs, firstDay});
  parts.push_back({"usage_daily", "day_start", firstDay, lastDay});
  if (lastDay < q.endMs) parts.push_back({"usage_hourly", "hour_start", lastDay, q.endMs});
  return parts;
}

// The SQL expression a grouping groups by; "" for none. Fixed literals only.
std::string groupColumn(StatsGrouping grouping, const std::string& timeColumn) {
  switch (grouping) {
    case StatsGrouping::None: return "";
    case StatsGrouping::Hour: return timeColumn;
    case StatsGrouping::Day: return fmt::format("{0} - {0} % {1}", timeColumn, StatsQuery::kDayMs);
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

// The WHERE clause: the time range first and the scope column with it, so
// the primary key (time, …) or the (organization_id, time) and
// (api_key_id, time) indexes serve it.
BoundSql whereClause(const StatsQuery& q, const RangePart& part) {
  BoundSql where;
  where.where(std::string(part.timeColumn) + " >= ?", Poco::Int64(part.fromMs));
  where.where(std::string(part.timeColumn) + " < ?", Poco::Int64(part.toMs));
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
  StatsResult result;
  result.query = q;
  const bool byTime = q.groupBy == StatsGrouping::Hour || q.groupBy == StatsGrouping::Day;
  std::map<int64_t, StatsFigures> buckets;
  std::map<std::string, StatsFigures> groups;
  auto session = database_.session();
  for (const RangePart& part : rangeParts(q)) {
    const std::string group = groupColumn(q.groupBy, part.timeColumn);
    BoundSql select("SELECT " + (group.empty() ? std::string() : group + ", ") + sumColumns() + " FROM " + part.table);
    select.append(whereClause(q, part));
    if (!group.empty()) select.append(" GROUP BY " + group);
    Poco::Data::Statement statement(session);
    select.into(statement);
    statement.execute();
    Poco::Data::RecordSet rows(statement);
    for (std::size_t row = 0; row < rows.rowCount(); ++row) {
      StatsFigures figures = readFigures(rows, row, group.empty() ? 0 : 1);
      result.totals.merge(figures);
      if (group.empty()) continue;
      if (byTime) {
        buckets[number(rows.value(0, row))].merge(figures);
      } else {
        groups[rows.value(0, row).isEmpty() ? std::string() : rows.value(0, row).convert<std::string>()].merge(figures);
      }
    }
  }
  for (auto& [group, figures] : groups) {
    StatsSeriesEntry entry;
    entry.group = group;
    entry.figures = std::move(figures);
    result.series.push_back(std::move(entry));
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
