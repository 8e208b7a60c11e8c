// Migration 4 on both backends: the days already in usage_hourly are summed
// into the new usage_daily, so statistics of earlier days read the same
// figures from either table.
#include "TestDatabase.h"
#include "db/Migration.h"
#include "db/MigrationRunner.h"

#include <gtest/gtest.h>

#include <Poco/Data/Statement.h>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kMidnight = 1'790'000'000'000 / kDay * kDay;

class DailyAggregateMigration : public test::DatabaseTest {
 protected:
  int64_t scalar(const std::string& sql) {
    auto session = database_->session();
    Poco::Int64 n = 0;
    session << sql, into(n), now;
    return n;
  }
  void hourly(int64_t hour, const std::string& model, int64_t requests, int64_t latencyMax, int64_t bucket3) {
    std::string columns = "hour_start, organization_id, api_key_id, model, provider, requests, errors, prompt_tokens, "
                          "completion_tokens, total_tokens, cached_tokens, reasoning_tokens, cost_micros, "
                          "latency_sum_ms, latency_max_ms, ttft_count, ttft_sum_ms, ttft_max_ms";
    std::string values = std::to_string(hour) + ", 'org_a', 'key_a', '" + model + "', 'openai', " +
                         std::to_string(requests) + ", 1, 10, 20, 30, 0, 0, 500, 100, " + std::to_string(latencyMax) +
                         ", 0, 0, 0";
    for (const char* h : {"latency", "ttft"}) {
      for (int b = 0; b < 16; ++b) {
        columns += std::string(", ") + h + "_b" + std::to_string(b);
        values += std::string(", ") + (b == 3 && std::string(h) == "latency" ? std::to_string(bucket3) : "0");
      }
    }
    auto session = database_->session();
    session << "INSERT INTO usage_hourly (" + columns + ") VALUES (" + values + ")", now;
  }
};

TEST_P(DailyAggregateMigration, SumsTheHoursAlreadyStoredIntoDays) {
  std::vector<Migration> upToThree(schemaMigrations().begin(), schemaMigrations().begin() + 3);
  ASSERT_EQ(upToThree.back().version, 3);
  MigrationRunner::run(*database_, upToThree);
  hourly(kMidnight, "openai/gpt-4o", 2, 300, 2);
  hourly(kMidnight + 23 * kHour, "openai/gpt-4o", 3, 900, 1);
  hourly(kMidnight + kDay, "openai/gpt-4o", 5, 50, 0);  // the next day
  hourly(kMidnight + kHour, "openai/o3", 7, 10, 7);

  MigrationRunner::run(*database_);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM usage_daily"), 3);
  const std::string first = " FROM usage_daily WHERE day_start = " + std::to_string(kMidnight) + " AND model = 'openai/gpt-4o'";
  EXPECT_EQ(scalar("SELECT requests" + first), 5);
  EXPECT_EQ(scalar("SELECT errors" + first), 2);
  EXPECT_EQ(scalar("SELECT total_tokens" + first), 60);
  EXPECT_EQ(scalar("SELECT cost_micros" + first), 1000);
  EXPECT_EQ(scalar("SELECT latency_max_ms" + first), 900);  // the larger, not the sum
  EXPECT_EQ(scalar("SELECT latency_b3" + first), 3);
  EXPECT_EQ(scalar("SELECT SUM(requests) FROM usage_daily"), scalar("SELECT SUM(requests) FROM usage_hourly"));
}

INSTANTIATE_TEST_SUITE_P(Backends, DailyAggregateMigration, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
