// The statistics request: the effective range (whole UTC hours, periods,
// defaults), grouping and filters, and every refusal naming its parameter.
#include "stats/StatsQuery.h"

#include <gtest/gtest.h>

#include <string>

namespace gaiarouter {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kNov1 = 1'793'491'200'000;     // 2026-11-01T00:00:00Z
constexpr int64_t kNow = kNov1 + 10 * kHour + 1'800'000 + 250;  // 2026-11-01T10:30:00.250Z

std::variant<StatsQuery, ApiError> parse(const std::string& query, int64_t now = kNow) {
  QueryInput in("/v1/stats?" + query, {"start", "end", "period", "group_by", "model", "provider"});
  return StatsQuery::parse(in, StatsScope{StatsScope::Kind::Organization, "org_1"}, now);
}

StatsQuery parsed(const std::string& query) {
  auto result = parse(query);
  if (auto* error = std::get_if<ApiError>(&result)) ADD_FAILURE() << query << ": " << error->message;
  return std::get_if<StatsQuery>(&result) ? std::get<StatsQuery>(result) : StatsQuery{};
}

void expectRefused(const std::string& query, const std::string& param) {
  auto result = parse(query);
  auto* error = std::get_if<ApiError>(&result);
  ASSERT_TRUE(error) << query << " was accepted";
  EXPECT_EQ(error->status, 400) << query;
  EXPECT_EQ(error->code, "invalid_parameter") << query;
  EXPECT_EQ(error->param, param) << query << ": " << error->message;
}

TEST(StatsQueryTest, DefaultIsTheLastDayThroughTheEndOfTheCurrentHour) {
  const auto q = parsed("");
  // 2026-10-31T10:00Z (the hour 24 h ago) to 2026-11-01T11:00Z.
  EXPECT_EQ(q.startMs, kNov1 - 14 * kHour);
  EXPECT_EQ(q.endMs, kNov1 + 11 * kHour);
  EXPECT_EQ(q.groupBy, StatsGrouping::None);
  EXPECT_EQ(q.model, "");
  EXPECT_EQ(q.provider, "");
  EXPECT_EQ(q.scope.kind, StatsScope::Kind::Organization);
  EXPECT_EQ(q.scope.id, "org_1");
}

TEST(StatsQueryTest, PeriodsCoverTheWholeLastDayWeekOrMonth) {
  EXPECT_EQ(parsed("period=day").startMs, kNov1 - 14 * kHour);
  EXPECT_EQ(parsed("period=week").startMs, kNov1 - 7 * kDay + 10 * kHour);
  EXPECT_EQ(parsed("period=month").startMs, kNov1 - 30 * kDay + 10 * kHour);
  for (const char* period : {"period=day", "period=week", "period=month"}) {
    EXPECT_EQ(parsed(period).endMs, kNov1 + 11 * kHour) << period;
  }
  // Exactly on an hour: that hour is the current one and is included.
  auto onTheHour = parse("period=day", kNov1);
  ASSERT_TRUE(std::get_if<StatsQuery>(&onTheHour));
  EXPECT_EQ(std::get<StatsQuery>(onTheHour).startMs, kNov1 - kDay);
  EXPECT_EQ(std::get<StatsQuery>(onTheHour).endMs, kNov1 + kHour);
}

TEST(StatsQueryTest, StartIsFlooredAndEndCeiledToWholeHours) {
  auto q = parsed("start=2026-11-01T02:30:00Z&end=2026-11-01T05:00:00.001Z");
  EXPECT_EQ(q.startMs, kNov1 + 2 * kHour);
  EXPECT_EQ(q.endMs, kNov1 + 6 * kHour);
  q = parsed("start=2026-11-01T02:00:00Z&end=2026-11-01T05:00:00Z");  // already whole
  EXPECT_EQ(q.startMs, kNov1 + 2 * kHour);
  EXPECT_EQ(q.endMs, kNov1 + 5 * kHour);
  // Within one hour: that hour.
  q = parsed("start=2026-11-01T02:10:00Z&end=2026-11-01T02:20:00Z");
  EXPECT_EQ(q.startMs, kNov1 + 2 * kHour);
  EXPECT_EQ(q.endMs, kNov1 + 3 * kHour);
  // Bare dates and offsets.
  q = parsed("start=2026-10-01&end=2026-11-01T03:00:00%2B02:00");
  EXPECT_EQ(q.startMs, kNov1 - 31 * kDay);
  EXPECT_EQ(q.endMs, kNov1 + kHour);
}

TEST(StatsQueryTest, StartAloneRunsToTheEndOfTheCurrentHour) {
  const auto q = parsed("start=2026-10-25");
  EXPECT_EQ(q.startMs, kNov1 - 7 * kDay);
  EXPECT_EQ(q.endMs, kNov1 + 11 * kHour);
}

TEST(StatsQueryTest, RangesUpTo366DaysAreAccepted) {
  const auto q = parsed("start=2025-10-31&end=2026-11-01");
  EXPECT_EQ(q.endMs - q.startMs, 366 * kDay);
  expectRefused("start=2025-10-31&end=2026-11-01T00:00:01Z", "end");
  expectRefused("start=2020-01-01", "start");  // to now: years
}

TEST(StatsQueryTest, EmptyAndReversedRangesAreRefused) {
  expectRefused("start=2026-11-01T05:00:00Z&end=2026-11-01T05:00:00Z", "end");
  expectRefused("start=2026-11-01T05:00:00Z&end=2026-11-01T04:00:00Z", "end");
  expectRefused("start=2026-11-02", "start");  // after the current hour ends
}

TEST(StatsQueryTest, BadValuesAreRefusedNamingTheParameter) {
  expectRefused("start=yesterday", "start");
  expectRefused("start=2026-11-01&end=2026-13-01", "end");
  expectRefused("start=2026-11-01T00:00:00", "start");  // no zone
  expectRefused("end=2026-11-01", "start");
  expectRefused("period=year", "period");
  expectRefused("period=day&start=2026-11-01", "period");
  expectRefused("group_by=week", "group_by");
  expectRefused("model=" + std::string(201, 'm'), "model");
  expectRefused("provider=" + std::string(65, 'p'), "provider");
}

TEST(StatsQueryTest, GroupingAndFiltersAreRead) {
  const std::pair<const char*, StatsGrouping> groupings[] = {{"hour", StatsGrouping::Hour},
                                                             {"day", StatsGrouping::Day},
                                                             {"model", StatsGrouping::Model},
                                                             {"provider", StatsGrouping::Provider},
                                                             {"key", StatsGrouping::Key}};
  for (const auto& [name, grouping] : groupings) {
    EXPECT_EQ(parsed(std::string("group_by=") + name).groupBy, grouping) << name;
    EXPECT_STREQ(groupingName(grouping), name);
  }
  EXPECT_EQ(groupingName(StatsGrouping::None), nullptr);
  const auto q = parsed("model=openai%2Fgpt-4o&provider=openai");
  EXPECT_EQ(q.model, "openai/gpt-4o");
  EXPECT_EQ(q.provider, "openai");
}

}  // namespace
}  // namespace gaiarouter
