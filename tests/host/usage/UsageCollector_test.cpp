// The collector with a real database: everything submitted is stored, a
// failing database makes submitters wait instead of losing records, and
// shutdown writes what is queued.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "usage/UsageCollector.h"

#include <gtest/gtest.h>

#include <Poco/Data/Statement.h>

#include <chrono>
#include <thread>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

UsageRecord record(int i) {
  UsageRecord r;
  r.requestId = "req-" + std::to_string(i);
  r.createdAtMs = 1'790'000'000'000 + i;
  r.model = "mock/echo";
  r.provider = "mock";
  r.status = 200;
  r.totalTokens = i;
  return r;
}

class UsageCollectorTest : public test::DatabaseTest {
 protected:
  int64_t stored() {
    auto session = database_->session();
    Poco::Int64 n = 0;
    session << "SELECT COUNT(*) FROM usage_records", into(n), now;
    return n;
  }
  void renameRecords(const std::string& from, const std::string& to) {
    auto session = database_->session();
    session << "ALTER TABLE " + from + " RENAME TO " + to, now;
  }
  // Polls `done` until it holds or 20 s pass: the collector works on its own
  // thread.
  template <typename F>
  bool eventually(F done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }
};

TEST_P(UsageCollectorTest, FlushReturnsOnceEverySubmittedRecordIsStored) {
  MigrationRunner::run(*database_);
  UsageWriter writer(*database_);
  UsageConfig config;
  config.batchSize = 7;  // several batches, the last one partial
  config.flushMs = 60'000;  // only size and flush() trigger writes
  UsageCollector collector(writer, config);
  for (int i = 0; i < 100; ++i) collector.submit(record(i));
  collector.flush();
  EXPECT_EQ(stored(), 100);
  auto counters = collector.counters();
  EXPECT_EQ(counters.written, 100);
  EXPECT_EQ(counters.queued, 0);
  EXPECT_EQ(counters.lost, 0);
}

TEST_P(UsageCollectorTest, StopWritesEverythingStillQueued) {
  MigrationRunner::run(*database_);
  UsageWriter writer(*database_);
  UsageConfig config;
  config.batchSize = 1000;
  config.flushMs = 60'000;  // nothing would be written before stop()
  UsageCollector collector(writer, config);
  for (int i = 0; i < 250; ++i) collector.submit(record(i));
  collector.stop();
  EXPECT_EQ(stored(), 250);
  EXPECT_EQ(collector.counters().written, 250);
}

TEST_P(UsageCollectorTest, AFullQueueMakesSubmittersWaitUntilTheDatabaseTakesRecordsAgain) {
  // The records table moved away: every write fails, as with a database that
  // is down. (Not "no tables yet, then migrate": the gateway never migrates
  // while its collector writes, and migration 4's backfill would race it.)
  MigrationRunner::run(*database_);
  renameRecords("usage_records", "usage_records_away");
  UsageWriter writer(*database_);
  UsageConfig config;
  config.batchSize = 2;
  config.queueCapacity = 4;
  config.flushMs = 10;
  UsageCollector collector(writer, config);
  // The writer holds one batch (2) while retrying; the queue takes 4 more.
  for (int i = 0; i < 6; ++i) collector.submit(record(i));
  ASSERT_TRUE(eventually([&] { return collector.counters().failedBatches > 0; }));

  // (The first six may already have waited, if the writer was slow to take
  // its first batch.)
  const int64_t blockedBefore = collector.counters().blockedSubmits;
  std::atomic<bool> submitted{false};
  std::thread late([&] {
    collector.submit(record(6));
    submitted = true;
  });
  const bool blocked = eventually([&] { return collector.counters().blockedSubmits == blockedBefore + 1; });
  EXPECT_TRUE(blocked);
  EXPECT_FALSE(submitted.load());  // still waiting for room, not dropped

  std::string restoreFailure;
  try {
    renameRecords("usage_records_away", "usage_records");  // the database is back
  } catch (const std::exception& e) {
    restoreFailure = e.what();
  }
  late.join();
  ASSERT_EQ(restoreFailure, "");
  ASSERT_TRUE(blocked);
  EXPECT_TRUE(submitted.load());
  collector.flush();
  EXPECT_EQ(stored(), 7);
  auto counters = collector.counters();
  EXPECT_EQ(counters.written, 7);
  EXPECT_EQ(counters.lost, 0);
  EXPECT_GT(counters.failedBatches, 0);
}

TEST_P(UsageCollectorTest, RecordsTheDatabaseRefusesAtShutdownAreCountedAsLost) {
  UsageWriter writer(*database_);  // no tables: every write fails
  UsageConfig config;
  config.batchSize = 10;
  config.flushMs = 60'000;
  UsageCollector collector(writer, config);
  for (int i = 0; i < 3; ++i) collector.submit(record(i));
  collector.stop();
  auto counters = collector.counters();
  EXPECT_EQ(counters.lost, 3);
  EXPECT_EQ(counters.written, 0);
  // After stop, a late record is refused loudly, not queued forever.
  collector.submit(record(99));
  EXPECT_EQ(collector.counters().lost, 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageCollectorTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
