// The leaderboard on both backends, from the daily aggregates the writer
// keeps: order by tokens, ties by model id, shares, and day boundaries.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "stats/RankingsRepository.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000;
constexpr int64_t kMidnight = 1'790'000'000'000 / kDay * kDay;

UsageRecord used(int64_t at, const std::string& model, int64_t tokens) {
  UsageRecord r;
  r.requestId = model + std::to_string(at);
  r.createdAtMs = at;
  r.model = model;
  r.provider = model.substr(0, model.find('/'));
  r.status = 200;
  r.totalTokens = tokens;
  r.promptTokens = tokens;
  r.costMicros = tokens * 2;
  return r;
}

class Rankings : public test::DatabaseTest {};

TEST_P(Rankings, ModelsByTokensWithTheirShareWithinWholeDays) {
  MigrationRunner::run(*database_);
  UsageWriter(*database_).write({used(kMidnight, "openai/gpt-4o", 100), used(kMidnight + 5, "openai/gpt-4o", 50),
                                 used(kMidnight + kDay - 1, "anthropic/claude", 150),
                                 used(kMidnight + 10, "google/gemini", 300),
                                 // The day before and the day after are outside.
                                 used(kMidnight - 1, "openai/gpt-4o", 1000),
                                 used(kMidnight + kDay, "google/gemini", 1000)});
  auto ranking = RankingsRepository(*database_).rank(kMidnight, kMidnight + kDay);
  ASSERT_EQ(ranking.size(), 3u);
  EXPECT_EQ(ranking[0].model, "google/gemini");
  EXPECT_EQ(ranking[0].totalTokens, 300);
  EXPECT_DOUBLE_EQ(ranking[0].share, 0.5);
  // 150 tokens each: the model id breaks the tie.
  EXPECT_EQ(ranking[1].model, "anthropic/claude");
  EXPECT_EQ(ranking[2].model, "openai/gpt-4o");
  EXPECT_EQ(ranking[2].requests, 2);
  EXPECT_EQ(ranking[2].costMicros, 300);
  EXPECT_DOUBLE_EQ(ranking[1].share + ranking[2].share, 0.5);
  EXPECT_TRUE(RankingsRepository(*database_).rank(kMidnight + 5 * kDay, kMidnight + 6 * kDay).empty());

  // Three days sum each model's days: gemini 1300, gpt-4o 1150, claude 150 of 2600.
  auto week = RankingsRepository(*database_).rank(kMidnight - kDay, kMidnight + 2 * kDay);
  ASSERT_EQ(week.size(), 3u);
  EXPECT_EQ(week[0].model, "google/gemini");
  EXPECT_EQ(week[0].totalTokens, 1300);
  EXPECT_EQ(week[0].requests, 2);
  EXPECT_DOUBLE_EQ(week[0].share, 1300.0 / 2600.0);
  EXPECT_EQ(week[1].model, "openai/gpt-4o");
  EXPECT_EQ(week[1].totalTokens, 1150);
  EXPECT_EQ(week[1].requests, 3);
  EXPECT_EQ(week[1].promptTokens, 1150);
  EXPECT_EQ(week[1].costMicros, 2300);
  EXPECT_DOUBLE_EQ(week[1].share, 1150.0 / 2600.0);
  EXPECT_EQ(week[2].model, "anthropic/claude");
  EXPECT_DOUBLE_EQ(week[2].share, 150.0 / 2600.0);
}

TEST(LastUtcDays, EndsAtTheNextMidnightAndSpansWholeDays) {
  // Any time of a day gives that day; its last millisecond too.
  for (int64_t now : {kMidnight, kMidnight + 1, kMidnight + 13 * 3600 * 1000, kMidnight + kDay - 1}) {
    EXPECT_EQ(lastUtcDays(1, now).startMs, kMidnight) << now;
    EXPECT_EQ(lastUtcDays(1, now).endMs, kMidnight + kDay) << now;
    EXPECT_EQ(lastUtcDays(7, now).startMs, kMidnight - 6 * kDay) << now;
    EXPECT_EQ(lastUtcDays(30, now).startMs, kMidnight - 29 * kDay) << now;
  }
  // The next midnight starts a new day.
  EXPECT_EQ(lastUtcDays(1, kMidnight + kDay).startMs, kMidnight + kDay);
}

INSTANTIATE_TEST_SUITE_P(Backends, Rankings, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
