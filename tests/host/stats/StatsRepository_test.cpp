// Statistics on every backend: usage records written through the real
// UsageWriter, read back by StatsRepository (from usage_hourly) in every
// grouping, scope and filter, and compared with figures computed here from
// the records themselves.
#include "StatsTestData.h"
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "stats/StatsRepository.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace gaiarouter {
namespace {

using test::ExpectedFigures;
using test::kStatsDay;
using test::kStatsDay0;
using test::kStatsHour;
using Kind = StatsScope::Kind;

constexpr int64_t kRangeEnd = kStatsDay0 + 30 * kStatsHour;

// 60 requests on the even hours of [day 0 00:00, day 1 06:00), from two
// organizations' keys and the master key, on four models of three
// providers, some failed, some without a time to first token; and two just
// outside the range.
std::vector<UsageRecord> dataset() {
  static const char* const models[] = {"openai/gpt-4o", "anthropic/claude-3-5", "mock/echo"};
  std::vector<UsageRecord> out;
  for (int i = 0; i < 60; ++i) {
    const int64_t at = kStatsDay0 + (i % 15) * 2 * kStatsHour + (i * 6151) % kStatsHour;
    std::string org = "org_a", key = i % 2 ? "key_a1" : "key_a2";
    if (i % 10 == 9) {
      org = key = "";  // the master key
    } else if (i % 3 == 0) {
      org = "org_b", key = "key_b1";
    }
    const std::string model = i % 11 == 0 ? "openai/gpt-4o-mini" : models[(i / 2) % 3];
    auto r = test::usageRecord(i, at, org, key, model);
    if (i % 7 == 3) {
      r.status = 502;
      r.errorCode = "upstream_error";
    } else if (i % 13 == 5) {
      r.errorCode = "stream_error";  // failed after its 200
    }
    out.push_back(r);
  }
  out.push_back(test::usageRecord(100, kStatsDay0 - 1, "org_a", "key_a1", "mock/echo"));
  out.push_back(test::usageRecord(101, kRangeEnd, "org_a", "key_a1", "mock/echo"));
  return out;
}

bool inRange(const UsageRecord& r, int64_t start = kStatsDay0, int64_t end = kRangeEnd) {
  return r.createdAtMs >= start && r.createdAtMs < end;
}

class StatsRepositoryTest : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    stats_ = std::make_unique<StatsRepository>(*database_);
  }

  // Writes the records in two batches (the second adds to hours the first
  // created).
  void write(const std::vector<UsageRecord>& records) {
    UsageWriter writer(*database_);
    const auto half = records.begin() + static_cast<std::ptrdiff_t>(records.size() / 2);
    writer.write({records.begin(), half});
    writer.write({half, records.end()});
  }

  StatsResult query(StatsScope scope, StatsGrouping grouping, int64_t start = kStatsDay0, int64_t end = kRangeEnd,
                    const std::string& model = "", const std::string& provider = "") {
    StatsQuery q;
    q.scope = std::move(scope);
    q.groupBy = grouping;
    q.startMs = start;
    q.endMs = end;
    q.model = model;
    q.provider = provider;
    return stats_->query(q);
  }

  std::unique_ptr<StatsRepository> stats_;
};

TEST_P(StatsRepositoryTest, TotalsOfEveryScope) {
  const auto records = dataset();
  write(records);
  const std::pair<StatsScope, std::function<bool(const UsageRecord&)>> scopes[] = {
      {{Kind::Global, ""}, [](const UsageRecord&) { return true; }},
      {{Kind::Organization, "org_a"}, [](const UsageRecord& r) { return r.organizationId == "org_a"; }},
      {{Kind::Organization, "org_b"}, [](const UsageRecord& r) { return r.organizationId == "org_b"; }},
      {{Kind::ApiKey, "key_a1"}, [](const UsageRecord& r) { return r.apiKeyId == "key_a1"; }},
      {{Kind::ApiKey, "key_b1"}, [](const UsageRecord& r) { return r.apiKeyId == "key_b1"; }},
      {{Kind::Organization, "org_none"}, [](const UsageRecord&) { return false; }},
  };
  for (const auto& [scope, take] : scopes) {
    const auto result = query(scope, StatsGrouping::None);
    const std::string what = std::string(scope.name()) + " " + scope.id;
    test::expectFigures(result.totals, ExpectedFigures::of(records, [&](const UsageRecord& r) { return inRange(r) && take(r); }),
                        what);
    EXPECT_TRUE(result.series.empty()) << what;
    EXPECT_EQ(result.query.scope.id, scope.id);
  }
  // Hand-checked against the generator: 60 requests in range; 9 with 502
  // (i = 3, 10, …, 59) and 4 more failed mid-stream (i = 5, 18, 44, 57; 31
  // is a 502 already), cost Σ(100 i + 7) = 100 × 1770 + 420.
  const auto global = query({Kind::Global, ""}, StatsGrouping::None);
  EXPECT_EQ(global.totals.requests, 60);
  EXPECT_EQ(global.totals.errors, 13);
  EXPECT_EQ(global.totals.costMicros, 177'420);
  EXPECT_EQ(global.totals.promptTokens, 600 + 1770);
  EXPECT_EQ(global.totals.completionTokens, 2 * 1770);
}

TEST_P(StatsRepositoryTest, HourSeriesHasEveryHourInOrderWithEmptyOnesZero) {
  const auto records = dataset();
  write(records);
  for (const StatsScope& scope : {StatsScope{Kind::Global, ""}, StatsScope{Kind::Organization, "org_a"}}) {
    const auto result = query(scope, StatsGrouping::Hour);
    ASSERT_EQ(result.series.size(), 30u);
    for (std::size_t h = 0; h < 30; ++h) {
      const auto& entry = result.series[h];
      const int64_t start = kStatsDay0 + static_cast<int64_t>(h) * kStatsHour;
      EXPECT_EQ(entry.startMs, start);
      EXPECT_EQ(entry.endMs, start + kStatsHour);
      const auto expected = ExpectedFigures::of(records, [&](const UsageRecord& r) {
        return inRange(r, start, start + kStatsHour) && (scope.id.empty() || r.organizationId == scope.id);
      });
      test::expectFigures(entry.figures, expected, "hour " + std::to_string(h) + " " + scope.id);
      if (h % 2 == 1) {
        EXPECT_EQ(entry.figures.requests, 0) << h;
      }
    }
    test::expectFigures(result.totals, ExpectedFigures::of(records, [&](const UsageRecord& r) {
                          return inRange(r) && (scope.id.empty() || r.organizationId == scope.id);
                        }),
                        "totals " + scope.id);
  }
}

TEST_P(StatsRepositoryTest, DaySeriesCountsOnlyTheHoursInTheRange) {
  const auto records = dataset();
  write(records);
  const auto result = query({Kind::Global, ""}, StatsGrouping::Day);
  ASSERT_EQ(result.series.size(), 2u);
  EXPECT_EQ(result.series[0].startMs, kStatsDay0);
  EXPECT_EQ(result.series[0].endMs, kStatsDay0 + kStatsDay);
  EXPECT_EQ(result.series[1].startMs, kStatsDay0 + kStatsDay);
  EXPECT_EQ(result.series[1].endMs, kStatsDay0 + 2 * kStatsDay);
  test::expectFigures(result.series[0].figures,
                      ExpectedFigures::of(records, [](const UsageRecord& r) { return inRange(r, kStatsDay0, kStatsDay0 + kStatsDay); }),
                      "day 0");
  // Day 1 up to 06:00 only: record 101 at 06:00 is outside.
  test::expectFigures(result.series[1].figures,
                      ExpectedFigures::of(records, [](const UsageRecord& r) { return inRange(r, kStatsDay0 + kStatsDay, kRangeEnd); }),
                      "day 1");
  EXPECT_EQ(result.series[0].figures.requests + result.series[1].figures.requests, 60);
  // Hours 0–22 (even) hold i % 15 < 12: 48 requests; hours 24–28: 12.
  EXPECT_EQ(result.series[0].figures.requests, 48);
  EXPECT_EQ(result.series[1].figures.requests, 12);
}

TEST_P(StatsRepositoryTest, ModelProviderAndKeyGroupsSortedByRequests) {
  const auto records = dataset();
  write(records);
  using Field = std::function<std::string(const UsageRecord&)>;
  const std::pair<StatsGrouping, Field> groupings[] = {
      {StatsGrouping::Model, [](const UsageRecord& r) { return r.model; }},
      {StatsGrouping::Provider, [](const UsageRecord& r) { return r.provider; }},
      {StatsGrouping::Key, [](const UsageRecord& r) { return r.apiKeyId; }},
  };
  for (const StatsScope& scope : {StatsScope{Kind::Global, ""}, StatsScope{Kind::Organization, "org_a"}}) {
    for (const auto& [grouping, field] : groupings) {
      const std::string what = std::string(groupingName(grouping)) + " in " + scope.name() + " " + scope.id;
      auto take = [&, field = field](const UsageRecord& r) {
        return inRange(r) && (scope.id.empty() || r.organizationId == scope.id);
      };
      std::set<std::string> values;
      for (const auto& r : records) {
        if (take(r)) values.insert(field(r));
      }
      const auto result = query(scope, grouping);
      ASSERT_EQ(result.series.size(), values.size()) << what;
      std::set<std::string> seen;
      for (std::size_t i = 0; i < result.series.size(); ++i) {
        const auto& entry = result.series[i];
        seen.insert(entry.group);
        test::expectFigures(entry.figures,
                            ExpectedFigures::of(records, [&, field = field](const UsageRecord& r) {
                              return take(r) && field(r) == entry.group;
                            }),
                            what + " '" + entry.group + "'");
        if (i > 0) {
          const auto& before = result.series[i - 1];
          EXPECT_TRUE(before.figures.requests > entry.figures.requests ||
                      (before.figures.requests == entry.figures.requests && before.group < entry.group))
              << what << ": '" << before.group << "' before '" << entry.group << "'";
        }
      }
      EXPECT_EQ(seen, values) << what;
      test::expectFigures(result.totals, ExpectedFigures::of(records, take), what + " totals");
    }
  }
  // The master key's requests form the "" group of the global key grouping;
  // an organization's key grouping has only its own keys.
  const auto keys = query({Kind::Global, ""}, StatsGrouping::Key);
  std::map<std::string, int64_t> requests;
  for (const auto& e : keys.series) requests[e.group] = e.figures.requests;
  EXPECT_EQ(requests, (std::map<std::string, int64_t>{{"", 6}, {"key_a1", 16}, {"key_a2", 20}, {"key_b1", 18}}));
  const auto orgKeys = query({Kind::Organization, "org_b"}, StatsGrouping::Key);
  ASSERT_EQ(orgKeys.series.size(), 1u);
  EXPECT_EQ(orgKeys.series[0].group, "key_b1");
}

TEST_P(StatsRepositoryTest, ModelAndProviderFiltersMatchExactly) {
  const auto records = dataset();
  write(records);
  struct Case {
    std::string model, provider;
    StatsScope scope;
  };
  const Case cases[] = {
      {"openai/gpt-4o", "", {Kind::Global, ""}},  // not openai/gpt-4o-mini
      {"openai/gpt-4o-mini", "", {Kind::Global, ""}},
      {"", "openai", {Kind::Global, ""}},
      {"", "anthropic", {Kind::Organization, "org_b"}},
      {"mock/echo", "mock", {Kind::ApiKey, "key_a1"}},
      {"mock/echo", "openai", {Kind::Global, ""}},  // contradictory: nothing
      {"openai", "", {Kind::Global, ""}},           // a prefix is not a match
      {"", "OPENAI", {Kind::Global, ""}},           // case matters
  };
  for (const auto& c : cases) {
    const std::string what = "model '" + c.model + "' provider '" + c.provider + "' in " + c.scope.id;
    auto take = [&](const UsageRecord& r) {
      if (!inRange(r) || (!c.model.empty() && r.model != c.model) || (!c.provider.empty() && r.provider != c.provider)) {
        return false;
      }
      switch (c.scope.kind) {
        case Kind::Global: return true;
        case Kind::Organization: return r.organizationId == c.scope.id;
        case Kind::ApiKey: return r.apiKeyId == c.scope.id;
      }
      return false;
    };
    for (auto grouping : {StatsGrouping::None, StatsGrouping::Hour, StatsGrouping::Model}) {
      const auto result = query(c.scope, grouping, kStatsDay0, kRangeEnd, c.model, c.provider);
      test::expectFigures(result.totals, ExpectedFigures::of(records, take), what);
      int64_t inSeries = 0;
      for (const auto& e : result.series) {
        inSeries += e.figures.requests;
        if (grouping == StatsGrouping::Model && !c.model.empty()) {
          EXPECT_EQ(e.group, c.model) << what;
        }
      }
      if (grouping != StatsGrouping::None) {
        EXPECT_EQ(inSeries, result.totals.requests) << what;
      }
    }
  }
  EXPECT_GT(query({Kind::Global, ""}, StatsGrouping::None, kStatsDay0, kRangeEnd, "openai/gpt-4o").totals.requests, 0);
  EXPECT_EQ(query({Kind::Global, ""}, StatsGrouping::None, kStatsDay0, kRangeEnd, "openai").totals.requests, 0);
}

TEST_P(StatsRepositoryTest, RangeBoundsAreStartInclusiveEndExclusive) {
  const auto records = dataset();
  write(records);
  const int64_t start = kStatsDay0 + 4 * kStatsHour, end = kStatsDay0 + 10 * kStatsHour;
  const auto result = query({Kind::Global, ""}, StatsGrouping::Hour, start, end);
  ASSERT_EQ(result.series.size(), 6u);
  EXPECT_EQ(result.series.front().startMs, start);
  EXPECT_EQ(result.series.back().endMs, end);
  test::expectFigures(result.totals, ExpectedFigures::of(records, [&](const UsageRecord& r) { return inRange(r, start, end); }),
                      "hours 4–10");
  // Hours 4, 6 and 8: i % 15 in {2, 3, 4}, four requests each.
  EXPECT_EQ(result.totals.requests, 12);
  // The records one millisecond before the range and exactly at its end.
  EXPECT_EQ(query({Kind::Global, ""}, StatsGrouping::None, kStatsDay0 - kStatsHour, kStatsDay0).totals.requests, 1);
  EXPECT_EQ(query({Kind::Global, ""}, StatsGrouping::None, kRangeEnd, kRangeEnd + kStatsHour).totals.requests, 1);
}

TEST_P(StatsRepositoryTest, EmptyRangeIsAllZeros) {
  write(dataset());
  const int64_t start = kStatsDay0 + 10 * kStatsDay, end = start + 5 * kStatsHour;
  const auto none = query({Kind::Global, ""}, StatsGrouping::None, start, end);
  test::expectFigures(none.totals, ExpectedFigures{}, "empty");
  EXPECT_EQ(none.totals.latencyQuantileMs(0.95), 0);
  const auto hours = query({Kind::Global, ""}, StatsGrouping::Hour, start, end);
  ASSERT_EQ(hours.series.size(), 5u);
  for (const auto& e : hours.series) EXPECT_EQ(e.figures.requests, 0);
  EXPECT_TRUE(query({Kind::Global, ""}, StatsGrouping::Model, start, end).series.empty());
  // A day series of an empty range still has its day.
  EXPECT_EQ(query({Kind::Organization, "org_a"}, StatsGrouping::Day, start, end).series.size(), 1u);
}

TEST_P(StatsRepositoryTest, PercentilesFallInTheBucketOfTheExactValue) {
  // One hour, written in four batches (four upserts of the same row), with
  // latencies 10, 20, …, 200 ms and one of 45 s.
  std::vector<UsageRecord> records;
  for (int i = 1; i <= 21; ++i) {
    auto r = test::usageRecord(i, kStatsDay0 + i * 1000, "org_a", "key_a1", "mock/echo");
    r.latencyMs = i == 21 ? 45'000 : 10 * i;
    r.ttftMs = i == 21 ? 44'000 : 5 * i;
    records.push_back(r);
  }
  UsageWriter writer(*database_);
  for (std::size_t from = 0; from < records.size(); from += 6) {
    writer.write({records.begin() + static_cast<std::ptrdiff_t>(from),
                  records.begin() + static_cast<std::ptrdiff_t>(std::min(from + 6, records.size()))});
  }
  const auto result = query({Kind::ApiKey, "key_a1"}, StatsGrouping::None);
  test::expectFigures(result.totals, ExpectedFigures::of(records, [](const UsageRecord&) { return true; }), "latencies");
  // By hand: p50 is the 11th of 21 values, 110 ms, in (100, 200]; p95 the
  // 20th, 200 ms, also in (100, 200]. The 45 s one is the maximum.
  const auto& f = result.totals;
  EXPECT_GT(f.latencyQuantileMs(0.5), 100);
  EXPECT_LE(f.latencyQuantileMs(0.5), 200);
  EXPECT_GT(f.latencyQuantileMs(0.95), 100);
  EXPECT_LE(f.latencyQuantileMs(0.95), 200);
  EXPECT_EQ(f.latency.max(), 45'000);
  EXPECT_NEAR(f.latencyAverageMs(), (2100.0 + 45'000.0) / 21, 0.05);
  // Time to first token: p50 = 55 ms in (50, 100]; p95 = 100 ms, same bucket.
  EXPECT_GT(f.ttftQuantileMs(0.5), 50);
  EXPECT_LE(f.ttftQuantileMs(0.5), 100);
  EXPECT_LE(f.ttftQuantileMs(0.95), 100);
  EXPECT_EQ(f.latencyQuantileMs(1.0), 45'000);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsRepositoryTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter
