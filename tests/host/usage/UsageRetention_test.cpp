// Retention on both backends: exactly the records older than the cutoff go,
// in chunks; the aggregates stay.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "usage/UsageRetention.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

#include <Poco/Data/Statement.h>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

constexpr int64_t kCutoff = 1'790'000'000'000;

class UsageRetentionTest : public test::DatabaseTest {
 protected:
  int64_t count(const std::string& sql) {
    auto session = database_->session();
    Poco::Int64 n = 0;
    session << sql, into(n), now;
    return n;
  }
};

TEST_P(UsageRetentionTest, RemovesExactlyTheRecordsOlderThanTheCutoffAndKeepsAggregates) {
  MigrationRunner::run(*database_);
  UsageWriter writer(*database_);
  // More old records than one chunk, so the loop takes several; the one at
  // the cutoff itself is kept.
  const int64_t old = UsageRetention::kChunk + 7;
  std::vector<UsageRecord> batch;
  auto add = [&](int64_t at) {
    UsageRecord r;
    r.requestId = "r" + std::to_string(batch.size());
    r.createdAtMs = at;
    r.model = "mock/echo";
    r.provider = "mock";
    r.status = 200;
    batch.push_back(r);
    if (batch.size() == 500) {
      writer.write(batch);
      batch.clear();
    }
  };
  for (int64_t i = 0; i < old; ++i) add(kCutoff - 1 - i % 1000);
  add(kCutoff);
  add(kCutoff + 1);
  writer.write(batch);
  const int64_t hourlyBefore = count("SELECT SUM(requests) FROM usage_hourly");

  UsageRetention retention(*database_, 30, std::chrono::milliseconds(0));
  EXPECT_EQ(retention.removeOlderThan(kCutoff), old);
  EXPECT_EQ(count("SELECT COUNT(*) FROM usage_records"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM usage_records WHERE created_at < " + std::to_string(kCutoff)), 0);
  EXPECT_EQ(count("SELECT SUM(requests) FROM usage_hourly"), hourlyBefore);
  EXPECT_EQ(retention.removeOlderThan(kCutoff), 0);  // nothing left to remove
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageRetentionTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
