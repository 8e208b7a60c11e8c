// Usage counters on every backend: SQLite and the real MariaDB of
// scripts/test, including several instances adding to one row at once.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "limits/UsageCounterRepository.h"

#include <gtest/gtest.h>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <exception>
#include <latch>
#include <map>
#include <thread>
#include <tuple>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;

UsageCounterRow row(const std::string& scope, const std::string& id, const std::string& period, int64_t requests,
                    int64_t tokens, int64_t cost) {
  return {scope, id, period, {requests, tokens, cost}};
}

using Key = std::tuple<std::string, std::string, std::string>;

std::map<Key, UsageTotals> byKey(const std::vector<UsageCounterRow>& rows) {
  std::map<Key, UsageTotals> out;
  for (const auto& r : rows) out[{r.scope, r.scopeId, r.period}] = r.totals;
  return out;
}

class UsageCounters : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    counters_ = std::make_unique<UsageCounterRepository>(*database_);
  }
  void TearDown() override {
    counters_.reset();
    DatabaseTest::TearDown();
  }

  std::unique_ptr<UsageCounterRepository> counters_;
};

TEST_P(UsageCounters, AddCreatesTheRowThenIncrementsIt) {
  counters_->add({row("org", "org_a", "2026-11", 1, 100, 2'000), row("key", "key_a", "2026-11", 1, 100, 2'000)}, kT0);
  auto first = byKey(counters_->load({"2026-11"}));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[Key("org", "org_a", "2026-11")].requests, 1);
  EXPECT_EQ(first[Key("org", "org_a", "2026-11")].tokens, 100);
  EXPECT_EQ(first[Key("org", "org_a", "2026-11")].costMicros, 2'000);

  counters_->add({row("org", "org_a", "2026-11", 2, 50, 1'000)}, kT0 + 1);
  auto second = byKey(counters_->load({"2026-11"}));
  EXPECT_EQ(second[Key("org", "org_a", "2026-11")].requests, 3);
  EXPECT_EQ(second[Key("org", "org_a", "2026-11")].tokens, 150);
  EXPECT_EQ(second[Key("org", "org_a", "2026-11")].costMicros, 3'000);
  EXPECT_EQ(second[Key("key", "key_a", "2026-11")].requests, 1) << "untouched rows stay";

  // Only tokens change (a streamed response finishing): still an increment.
  counters_->add({row("org", "org_a", "2026-11", 0, 7, 0)}, kT0 + 1);
  EXPECT_EQ(byKey(counters_->load({"2026-11"}))[Key("org", "org_a", "2026-11")].tokens, 157);
}

TEST_P(UsageCounters, OneBatchMaySumTheSameCounterTwiceAndSkipsZeros) {
  counters_->add({row("org", "org_a", "2026", 1, 1, 1), row("org", "org_a", "2026", 2, 2, 2),
                  row("org", "org_zero", "2026", 0, 0, 0)},
                 kT0);
  auto rows = counters_->load({"2026"});
  ASSERT_EQ(rows.size(), 1u) << "an all-zero delta creates no row";
  EXPECT_EQ(rows[0].scopeId, "org_a");
  EXPECT_EQ(rows[0].totals.requests, 3);
  EXPECT_EQ(rows[0].totals.tokens, 3);
  EXPECT_EQ(rows[0].totals.costMicros, 3);
  counters_->add({}, kT0);
  counters_->add({row("org", "org_a", "2026", 0, 0, 0)}, kT0 + 1);
  EXPECT_EQ(counters_->load({"2026"})[0].totals.requests, 3);
}

TEST_P(UsageCounters, LoadReturnsOnlyTheRequestedPeriods) {
  counters_->add({row("org", "org_a", "2026-10", 1, 1, 1), row("org", "org_a", "2026-11", 2, 2, 2),
                  row("org", "org_a", "2026", 3, 3, 3), row("key", "key_a", "2025", 4, 4, 4),
                  row("key", "key_a", "2026-11", 5, 5, 5)},
                 kT0);
  auto current = byKey(counters_->load({"2026-11", "2026"}));
  ASSERT_EQ(current.size(), 3u);
  EXPECT_EQ(current[Key("org", "org_a", "2026-11")].requests, 2);
  EXPECT_EQ(current[Key("org", "org_a", "2026")].requests, 3);
  EXPECT_EQ(current[Key("key", "key_a", "2026-11")].requests, 5);
  EXPECT_EQ(counters_->load({"2025"}).size(), 1u);
  EXPECT_TRUE(counters_->load({"2024"}).empty());
  EXPECT_TRUE(counters_->load({}).empty());
  EXPECT_TRUE(counters_->load({"2026' OR '1'='1"}).empty());
}

// Two gateway instances (each its own pool) flushing the same new and
// existing rows at once: every increment counts exactly once. Run as
// `isolation` sets it, on MySQL: REPEATABLE READ (the default; creating a
// row concurrently deadlocks on gap locks and one batch is retried) and READ
// COMMITTED (the loser's INSERT hits a duplicate key and it updates instead).
void addConcurrently(const std::string& url, const std::string& isolation) {
  constexpr int kBatches = 40;
  std::latch start(2);
  std::exception_ptr failures[2];
  auto instance = [&](int which) {
    try {
      Database own(DatabaseUrl::parse(url), 1);
      if (!isolation.empty()) {
        // A pool of one: this is the session every add below gets back.
        auto session = own.session();
        session << "SET SESSION TRANSACTION ISOLATION LEVEL " + isolation, Poco::Data::Keywords::now;
      }
      UsageCounterRepository counters(own);
      start.arrive_and_wait();
      for (int i = 0; i < kBatches; ++i) {
        // Opposite row orders in the two instances.
        std::vector<UsageCounterRow> batch = {row("org", "org_a", "2026-11", 1, 10, 100),
                                              row("key", "key_a", "2026-11", 1, 10, 100),
                                              row("org", "org_a", "2026", 1, 10, 100)};
        if (which == 1) std::reverse(batch.begin(), batch.end());
        counters.add(batch, kT0 + i);
      }
    } catch (...) {
      failures[which] = std::current_exception();
    }
  };
  std::thread a(instance, 0), b(instance, 1);
  a.join();
  b.join();
  for (const auto& failure : failures) {
    if (!failure) continue;
    try {
      std::rethrow_exception(failure);
    } catch (const Poco::Exception& e) {
      FAIL() << e.displayText();
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
  }
  Database reader(DatabaseUrl::parse(url), 1);
  auto totals = byKey(UsageCounterRepository(reader).load({"2026-11", "2026"}));
  ASSERT_EQ(totals.size(), 3u);
  for (const auto& [key, sum] : totals) {
    EXPECT_EQ(sum.requests, 2 * kBatches) << std::get<0>(key) << "/" << std::get<2>(key);
    EXPECT_EQ(sum.tokens, 20 * kBatches);
    EXPECT_EQ(sum.costMicros, 200 * kBatches);
  }
}

TEST_P(UsageCounters, ConcurrentInstancesAddExactly) { addConcurrently(db_->url(), ""); }

TEST_P(UsageCounters, ConcurrentInstancesAddExactlyUnderReadCommitted) {
  if (GetParam() != "mysql") GTEST_SKIP() << "SQLite has one writer at a time";
  addConcurrently(db_->url(), "READ COMMITTED");
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageCounters, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
