// The usage limiter on every backend (SQLite and the real MariaDB of
// scripts/test): UTC periods, exact request caps, token and cost caps,
// flushing to usage_counters, restarts and several instances on one
// database. No background thread (interval 0); every call gets its nowMs.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "limits/UsageCounterRepository.h"
#include "limits/UsageLimiter.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace gaiarouter {
namespace {

using namespace std::chrono_literals;

// 2026-11-15T12:00:00Z; the month ends at 2026-12-01T00:00:00Z, the year at
// 2027-01-01T00:00:00Z.
constexpr int64_t kNov15 = 1'794'744'000'000;
constexpr int64_t kDec1 = 1'796'083'200'000;
constexpr int64_t kJan1 = 1'798'761'600'000;

// ---------------------------------------------------------------------------
// UTC periods

TEST(UsagePeriods, LastMillisecondOfDecemberBelongsToTheOldYear) {
  EXPECT_EQ(monthPeriod(kJan1 - 1), "2026-12");
  EXPECT_EQ(yearPeriod(kJan1 - 1), "2026");
  EXPECT_EQ(nextMonthStartMs(kJan1 - 1), kJan1);
  EXPECT_EQ(nextYearStartMs(kJan1 - 1), kJan1);

  EXPECT_EQ(monthPeriod(kJan1), "2027-01");
  EXPECT_EQ(yearPeriod(kJan1), "2027");
  EXPECT_EQ(nextMonthStartMs(kJan1), 1'801'440'000'000);  // 2027-02-01
  EXPECT_EQ(nextYearStartMs(kJan1), 1'830'297'600'000);   // 2028-01-01
}

TEST(UsagePeriods, MidMonth) {
  EXPECT_EQ(monthPeriod(kNov15), "2026-11");
  EXPECT_EQ(yearPeriod(kNov15), "2026");
  EXPECT_EQ(nextMonthStartMs(kNov15), kDec1);
  EXPECT_EQ(nextYearStartMs(kNov15), kJan1);
  EXPECT_EQ(monthPeriod(kDec1 - 1), "2026-11");
  EXPECT_EQ(monthPeriod(kDec1), "2026-12");
  EXPECT_EQ(nextMonthStartMs(kDec1), kJan1);
}

TEST(UsagePeriods, LeapDay) {
  constexpr int64_t kFeb1 = 1'832'976'000'000;   // 2028-02-01
  constexpr int64_t kFeb29 = 1'835'395'200'000;  // 2028-02-29
  constexpr int64_t kMar1 = 1'835'481'600'000;   // 2028-03-01
  EXPECT_EQ(monthPeriod(kFeb29), "2028-02");
  EXPECT_EQ(monthPeriod(kFeb29 + 12 * 3'600'000), "2028-02");
  EXPECT_EQ(monthPeriod(kMar1 - 1), "2028-02");
  EXPECT_EQ(monthPeriod(kMar1), "2028-03");
  EXPECT_EQ(nextMonthStartMs(kFeb29), kMar1);
  EXPECT_EQ(nextMonthStartMs(kMar1 - 1), kMar1);
  EXPECT_EQ(nextMonthStartMs(kFeb1 - 1), kFeb1);  // January 31st
  EXPECT_EQ(nextMonthStartMs(kFeb1), kMar1);       // 29 days later
  EXPECT_EQ(yearPeriod(kFeb29), "2028");
}

TEST(UsagePeriods, Epoch) {
  EXPECT_EQ(monthPeriod(0), "1970-01");
  EXPECT_EQ(yearPeriod(0), "1970");
  EXPECT_EQ(nextMonthStartMs(0), 2'678'400'000);   // 1970-02-01
  EXPECT_EQ(nextYearStartMs(0), 31'536'000'000);   // 1971-01-01
  EXPECT_EQ(monthPeriod(2'678'400'000 - 1), "1970-01");
  EXPECT_EQ(monthPeriod(2'678'400'000), "1970-02");
}

// ---------------------------------------------------------------------------
// The limiter against a real database

using Key = std::tuple<std::string, std::string, std::string>;

std::map<Key, UsageTotals> byKey(const std::vector<UsageCounterRow>& rows) {
  std::map<Key, UsageTotals> out;
  for (const auto& r : rows) out[{r.scope, r.scopeId, r.period}] = r.totals;
  return out;
}

LimitSubject orgSubject(OrganizationLimits limits = {}) {
  LimitSubject s;
  s.organizationId = "org_a";
  s.organizationName = "Acme";
  s.organizationLimits = limits;
  return s;
}

LimitSubject keySubject(const std::string& keyId, OrganizationLimits limits = {}) {
  LimitSubject s = orgSubject(limits);
  s.keyId = keyId;
  return s;
}

Poco::JSON::Object::Ptr metadata(const ApiError& error) {
  return Poco::JSON::Parser().parse(error.metadataJson).extract<Poco::JSON::Object::Ptr>();
}

std::string header(const ApiError& error, const std::string& name) {
  for (const auto& [n, v] : error.headers) {
    if (n == name) return v;
  }
  return "<missing>";
}

class UsageLimiterTest : public test::DatabaseTest {
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

  std::unique_ptr<UsageLimiter> limiter(int64_t nowMs = kNov15) {
    return std::make_unique<UsageLimiter>(*counters_, 0ms, nowMs);
  }

  std::unique_ptr<UsageCounterRepository> counters_;
};

TEST_P(UsageLimiterTest, RequestCapAdmitsExactlyTheLimitThenRefusesWith429) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.monthlyRequests = 3;
  const auto subject = orgSubject(limits);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(l->admit(subject, kNov15 + i).has_value()) << "request " << i + 1;

  auto refused = l->admit(subject, kNov15 + 3);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->type, "rate_limit_error");
  EXPECT_EQ(refused->code, "limit_exceeded");
  EXPECT_NE(refused->message.find("Organization 'Acme' has reached its monthly limit"), std::string::npos) << refused->message;
  EXPECT_NE(refused->message.find("monthly limit of 3 requests"), std::string::npos) << refused->message;
  EXPECT_NE(refused->message.find("resets at 2026-12-01T00:00:00Z"), std::string::npos) << refused->message;
  // 2026-11-15T12:00:00.003Z to 2026-12-01: 15.5 days, rounded up to whole seconds.
  EXPECT_EQ(header(*refused, "Retry-After"), "1339200");

  auto meta = metadata(*refused);
  EXPECT_EQ(meta->getValue<std::string>("scope"), "organization");
  EXPECT_EQ(meta->getValue<std::string>("period"), "monthly");
  EXPECT_EQ(meta->getValue<std::string>("limit_type"), "requests");
  EXPECT_EQ(meta->getValue<int64_t>("limit"), 3);
  EXPECT_EQ(meta->getValue<int64_t>("used"), 3);
  EXPECT_EQ(meta->getValue<std::string>("resets_at"), "2026-12-01T00:00:00Z");
  // The whole error renders with its metadata.
  EXPECT_NE(refused->toJson().find("\"limit_type\":\"requests\""), std::string::npos) << refused->toJson();

  // Still refused, and refusals counted nothing.
  EXPECT_TRUE(l->admit(subject, kNov15 + 4).has_value());
  EXPECT_EQ(l->organizationUsage("org_a", "2026-11").requests, 3);
  EXPECT_EQ(l->organizationUsage("org_a", "2026").requests, 3);
}

TEST_P(UsageLimiterTest, RetryAfterRoundsUpToWholeSecondsBeforeTheReset) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.monthlyRequests = 0;
  auto oneAndAHalf = l->admit(orgSubject(limits), kDec1 - 1'500);
  ASSERT_TRUE(oneAndAHalf.has_value());
  EXPECT_EQ(header(*oneAndAHalf, "Retry-After"), "2");
  auto lastMs = l->admit(orgSubject(limits), kDec1 - 1);
  ASSERT_TRUE(lastMs.has_value());
  EXPECT_EQ(header(*lastMs, "Retry-After"), "1");
}

TEST_P(UsageLimiterTest, YearlyRequestCapResetsAtTheNextYear) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.yearlyRequests = 2;
  limits.monthlyRequests = 100;
  EXPECT_FALSE(l->admit(orgSubject(limits), kNov15).has_value());
  EXPECT_FALSE(l->admit(orgSubject(limits), kDec1).has_value());  // another month, same year
  auto refused = l->admit(orgSubject(limits), kDec1 + 1);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->message.find("yearly limit of 2 requests"), std::string::npos) << refused->message;
  EXPECT_NE(refused->message.find("resets at 2027-01-01T00:00:00Z"), std::string::npos) << refused->message;
  auto meta = metadata(*refused);
  EXPECT_EQ(meta->getValue<std::string>("period"), "yearly");
  EXPECT_EQ(meta->getValue<int64_t>("used"), 2);
  EXPECT_EQ(header(*refused, "Retry-After"), "2678400");  // 31 days less 1 ms, rounded up

  EXPECT_FALSE(l->admit(orgSubject(limits), kJan1).has_value()) << "a new year starts from zero";
}

TEST_P(UsageLimiterTest, TokenCapRefusesOnceReachedNotBefore) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.monthlyTokens = 100;
  const auto subject = orgSubject(limits);
  ASSERT_FALSE(l->admit(subject, kNov15).has_value());
  l->record(subject, 99, 0, kNov15);
  ASSERT_FALSE(l->admit(subject, kNov15).has_value()) << "99 of 100 tokens: not reached";
  l->record(subject, 1, 0, kNov15);
  auto refused = l->admit(subject, kNov15);
  ASSERT_TRUE(refused.has_value()) << "100 of 100 tokens: reached";
  EXPECT_EQ(refused->status, 429);
  EXPECT_NE(refused->message.find("monthly limit of 100 tokens"), std::string::npos) << refused->message;
  auto meta = metadata(*refused);
  EXPECT_EQ(meta->getValue<std::string>("limit_type"), "tokens");
  EXPECT_EQ(meta->getValue<int64_t>("limit"), 100);
  EXPECT_EQ(meta->getValue<int64_t>("used"), 100);
  EXPECT_EQ(l->organizationUsage("org_a", "2026-11").requests, 2);
}

TEST_P(UsageLimiterTest, CostCapRefusesOnceReachedNotBefore) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.monthlyCostMicros = 1'500'000;
  const auto subject = orgSubject(limits);
  ASSERT_FALSE(l->admit(subject, kNov15).has_value());
  l->record(subject, 10, 1'499'999, kNov15);
  ASSERT_FALSE(l->admit(subject, kNov15).has_value());
  l->record(subject, 0, 1, kNov15);
  auto refused = l->admit(subject, kNov15);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->message.find("monthly limit of $1.500000;"), std::string::npos) << refused->message;
  auto meta = metadata(*refused);
  EXPECT_EQ(meta->getValue<std::string>("limit_type"), "cost");
  EXPECT_DOUBLE_EQ(meta->getValue<double>("limit"), 1.5);  // US dollars, like every amount in the API
  EXPECT_DOUBLE_EQ(meta->getValue<double>("used"), 1.5);
}

TEST_P(UsageLimiterTest, YearlyTokenAndCostCaps) {
  auto l = limiter();
  OrganizationLimits tokens;
  tokens.yearlyTokens = 1'000;
  l->record(orgSubject(tokens), 600, 0, kNov15);
  ASSERT_FALSE(l->admit(orgSubject(tokens), kDec1).has_value());
  l->record(orgSubject(tokens), 400, 0, kDec1);  // another month: the year adds up
  auto byTokens = l->admit(orgSubject(tokens), kDec1);
  ASSERT_TRUE(byTokens.has_value());
  EXPECT_NE(byTokens->message.find("yearly limit of 1000 tokens"), std::string::npos) << byTokens->message;

  OrganizationLimits cost;
  cost.yearlyCostMicros = 2'000'000;
  ASSERT_FALSE(l->admit(orgSubject(cost), kDec1).has_value());
  l->record(orgSubject(cost), 0, 2'000'000, kDec1);
  auto byCost = l->admit(orgSubject(cost), kDec1);
  ASSERT_TRUE(byCost.has_value());
  EXPECT_NE(byCost->message.find("yearly limit of $2.000000"), std::string::npos) << byCost->message;
  EXPECT_EQ(metadata(*byCost)->getValue<std::string>("period"), "yearly");
}

TEST_P(UsageLimiterTest, KeyCapsUseTheApiKeyScopeAndOnlyThatKey) {
  auto l = limiter();
  auto a = keySubject("key_a");
  a.keyMonthlyRequests = 2;
  EXPECT_FALSE(l->admit(a, kNov15).has_value());
  EXPECT_FALSE(l->admit(a, kNov15).has_value());
  auto refused = l->admit(a, kNov15);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->code, "limit_exceeded");
  EXPECT_NE(refused->message.find("This API key has reached its monthly limit"), std::string::npos) << refused->message;
  EXPECT_NE(refused->message.find("monthly limit of 2 requests"), std::string::npos) << refused->message;
  auto meta = metadata(*refused);
  EXPECT_EQ(meta->getValue<std::string>("scope"), "api_key");
  EXPECT_EQ(meta->getValue<std::string>("limit_type"), "requests");

  // Another key of the same organization has its own allowance.
  auto b = keySubject("key_b");
  b.keyMonthlyRequests = 2;
  EXPECT_FALSE(l->admit(b, kNov15).has_value());
  EXPECT_EQ(l->keyUsage("key_a", "2026-11").requests, 2);
  EXPECT_EQ(l->keyUsage("key_b", "2026-11").requests, 1);
  EXPECT_EQ(l->organizationUsage("org_a", "2026-11").requests, 3) << "the refused one counted nothing";
}

TEST_P(UsageLimiterTest, KeyTokenAndCostCaps) {
  auto l = limiter();
  auto k = keySubject("key_a");
  k.keyMonthlyTokens = 50;
  l->record(k, 49, 0, kNov15);
  ASSERT_FALSE(l->admit(k, kNov15).has_value());
  l->record(k, 1, 0, kNov15);
  auto byTokens = l->admit(k, kNov15);
  ASSERT_TRUE(byTokens.has_value());
  EXPECT_EQ(metadata(*byTokens)->getValue<std::string>("scope"), "api_key");
  EXPECT_EQ(metadata(*byTokens)->getValue<std::string>("limit_type"), "tokens");

  auto c = keySubject("key_c");
  c.keyMonthlyCostMicros = 10;
  l->record(c, 0, 9, kNov15);
  ASSERT_FALSE(l->admit(c, kNov15).has_value());
  l->record(c, 0, 1, kNov15);
  auto byCost = l->admit(c, kNov15);
  ASSERT_TRUE(byCost.has_value());
  EXPECT_EQ(metadata(*byCost)->getValue<std::string>("limit_type"), "cost");
  EXPECT_NE(byCost->message.find("$0.000010"), std::string::npos) << byCost->message;
}

TEST_P(UsageLimiterTest, ASubjectWithNoOrganizationAndNoKeyIsNeverLimited) {
  auto l = limiter();
  LimitSubject master;  // the master key: no organization, no key
  master.organizationLimits.monthlyRequests = 0;
  master.organizationLimits.monthlyTokens = 0;
  master.keyMonthlyRequests = 0;
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(l->admit(master, kNov15).has_value());
  l->record(master, 1'000, 1'000, kNov15);
  EXPECT_FALSE(l->admit(master, kNov15).has_value());
  l->flush(kNov15);
  EXPECT_TRUE(counters_->load({"2026-11", "2026"}).empty()) << "nothing is counted for nobody";
  EXPECT_EQ(l->organizationUsage("", "2026-11").requests, 0);
}

TEST_P(UsageLimiterTest, ARefusedRequestCountsNothingAnywhere) {
  auto l = limiter();
  auto s = keySubject("key_a");  // the organization has no cap
  s.keyMonthlyRequests = 1;
  ASSERT_FALSE(l->admit(s, kNov15).has_value());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(l->admit(s, kNov15).has_value());
  EXPECT_EQ(l->keyUsage("key_a", "2026-11").requests, 1);
  EXPECT_EQ(l->keyUsage("key_a", "2026").requests, 1);
  EXPECT_EQ(l->organizationUsage("org_a", "2026-11").requests, 1) << "refused by the key: the org counts nothing";
  EXPECT_EQ(l->organizationUsage("org_a", "2026").requests, 1);
  l->flush(kNov15);
  auto stored = byKey(counters_->load({"2026-11", "2026"}));
  EXPECT_EQ(stored[Key("org", "org_a", "2026-11")].requests, 1);
  EXPECT_EQ(stored[Key("key", "key_a", "2026-11")].requests, 1);
}

TEST_P(UsageLimiterTest, RecordAddsTokensAndCostToTheMonthAndYearOfOrganizationAndKey) {
  auto l = limiter();
  const auto s = keySubject("key_a");
  l->record(s, 120, 3'400, kNov15);
  l->record(s, 30, 600, kNov15 + 1);
  l->record(s, 0, 0, kNov15 + 2);  // nothing to add
  for (const char* period : {"2026-11", "2026"}) {
    const auto org = l->organizationUsage("org_a", period);
    const auto key = l->keyUsage("key_a", period);
    EXPECT_EQ(org.tokens, 150) << period;
    EXPECT_EQ(org.costMicros, 4'000) << period;
    EXPECT_EQ(org.requests, 0) << period << ": record counts no request";
    EXPECT_EQ(key.tokens, 150) << period;
    EXPECT_EQ(key.costMicros, 4'000) << period;
  }
  EXPECT_EQ(l->organizationUsage("org_a", "2026-10").tokens, 0);
  EXPECT_EQ(l->keyUsage("key_b", "2026-11").tokens, 0);

  // An organization-only subject adds to no key.
  l->record(orgSubject(), 5, 5, kNov15);
  EXPECT_EQ(l->organizationUsage("org_a", "2026-11").tokens, 155);
  EXPECT_EQ(l->keyUsage("key_a", "2026-11").tokens, 150);
}

TEST_P(UsageLimiterTest, FlushWritesDeltasAndARestartStartsFromThem) {
  OrganizationLimits limits;
  limits.monthlyRequests = 3;
  auto s = keySubject("key_a", limits);
  {
    auto first = limiter();
    ASSERT_FALSE(first->admit(s, kNov15).has_value());
    ASSERT_FALSE(first->admit(s, kNov15).has_value());
    first->record(s, 50, 700, kNov15);
    EXPECT_TRUE(counters_->load({"2026-11", "2026"}).empty()) << "nothing written before flush";
    first->flush(kNov15);

    auto stored = byKey(counters_->load({"2026-11", "2026"}));
    ASSERT_EQ(stored.size(), 4u);
    for (const auto& key : {Key("org", "org_a", "2026-11"), Key("org", "org_a", "2026"),
                            Key("key", "key_a", "2026-11"), Key("key", "key_a", "2026")}) {
      EXPECT_EQ(stored[key].requests, 2) << std::get<0>(key) << " " << std::get<2>(key);
      EXPECT_EQ(stored[key].tokens, 50);
      EXPECT_EQ(stored[key].costMicros, 700);
    }
    // A flush writes deltas, not totals: flushing again adds nothing.
    first->flush(kNov15 + 1);
    EXPECT_EQ(byKey(counters_->load({"2026-11"}))[Key("org", "org_a", "2026-11")].requests, 2);
    EXPECT_EQ(first->organizationUsage("org_a", "2026-11").requests, 2);
    // Later usage is written as its own delta.
    first->record(s, 5, 0, kNov15 + 2);
    first->flush(kNov15 + 2);
    EXPECT_EQ(byKey(counters_->load({"2026-11"}))[Key("key", "key_a", "2026-11")].tokens, 55);
  }

  // A restart: a new limiter on the same database.
  auto second = limiter(kNov15 + 10);
  EXPECT_EQ(second->organizationUsage("org_a", "2026-11").requests, 2);
  EXPECT_EQ(second->organizationUsage("org_a", "2026").tokens, 55);
  EXPECT_EQ(second->keyUsage("key_a", "2026-11").costMicros, 700);
  EXPECT_FALSE(second->admit(s, kNov15 + 10).has_value()) << "the third of 3";
  EXPECT_TRUE(second->admit(s, kNov15 + 11).has_value()) << "the fourth of 3";
}

TEST_P(UsageLimiterTest, TwoInstancesSeeEachOthersUsageAfterBothFlush) {
  // Each instance its own connection pool, as two gateway processes.
  Database otherDatabase(DatabaseUrl::parse(db_->url()), 2);
  UsageCounterRepository otherCounters(otherDatabase);
  auto a = limiter();
  UsageLimiter b(otherCounters, 0ms, kNov15);
  const auto s = orgSubject();
  for (int i = 0; i < 2; ++i) ASSERT_FALSE(a->admit(s, kNov15).has_value());
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(b.admit(s, kNov15).has_value());
  a->record(s, 10, 1, kNov15);
  b.record(s, 20, 2, kNov15);
  EXPECT_EQ(a->organizationUsage("org_a", "2026-11").requests, 2) << "not flushed yet";
  EXPECT_EQ(b.organizationUsage("org_a", "2026-11").requests, 3);

  a->flush(kNov15 + 1);
  b.flush(kNov15 + 2);
  EXPECT_EQ(b.organizationUsage("org_a", "2026-11").requests, 5);
  EXPECT_EQ(b.organizationUsage("org_a", "2026-11").tokens, 30);
  a->flush(kNov15 + 3);
  EXPECT_EQ(a->organizationUsage("org_a", "2026-11").requests, 5);
  EXPECT_EQ(a->organizationUsage("org_a", "2026").tokens, 30);
  EXPECT_EQ(a->organizationUsage("org_a", "2026").costMicros, 3);

  // A's unflushed request is added on top of what it re-reads.
  ASSERT_FALSE(a->admit(s, kNov15 + 4).has_value());
  b.flush(kNov15 + 5);
  a->flush(kNov15 + 6);
  EXPECT_EQ(a->organizationUsage("org_a", "2026-11").requests, 6);
  EXPECT_EQ(byKey(counters_->load({"2026-11"}))[Key("org", "org_a", "2026-11")].requests, 6);

  // Now a cap of 6 is reached for both.
  OrganizationLimits limits;
  limits.monthlyRequests = 6;
  b.flush(kNov15 + 7);
  EXPECT_TRUE(a->admit(orgSubject(limits), kNov15 + 8).has_value());
  EXPECT_TRUE(b.admit(orgSubject(limits), kNov15 + 8).has_value());
}

TEST_P(UsageLimiterTest, ConcurrentAdmitsAgainstACapAdmitExactlyTheCap) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.monthlyRequests = 50;
  const auto s = orgSubject(limits);
  constexpr int kThreads = 8;
  constexpr int kAttempts = 25;  // 200 attempts for 50 places
  std::atomic<int> admitted{0}, refused{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < kAttempts; ++i) {
        if (l->admit(s, kNov15)) {
          ++refused;
        } else {
          ++admitted;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 50);
  EXPECT_EQ(refused.load(), kThreads * kAttempts - 50);
  EXPECT_EQ(l->organizationUsage("org_a", "2026-11").requests, 50);
  l->flush(kNov15);
  EXPECT_EQ(byKey(counters_->load({"2026-11"}))[Key("org", "org_a", "2026-11")].requests, 50);
}

TEST_P(UsageLimiterTest, ANewMonthStartsFromZeroAndUnflushedPastUsageIsStillWritten) {
  auto l = limiter();
  OrganizationLimits limits;
  limits.monthlyRequests = 2;
  const auto s = orgSubject(limits);
  ASSERT_FALSE(l->admit(s, kNov15).has_value());
  ASSERT_FALSE(l->admit(s, kNov15).has_value());
  ASSERT_TRUE(l->admit(s, kDec1 - 1).has_value()) << "November is used up to its last millisecond";
  EXPECT_FALSE(l->admit(s, kDec1).has_value()) << "December starts from zero";
  EXPECT_EQ(l->organizationUsage("org_a", "2026-12").requests, 1);
  EXPECT_EQ(l->organizationUsage("org_a", "2026").requests, 3) << "the year goes on";

  // November was never flushed: a flush in December still writes it.
  l->flush(kDec1 + 1);
  auto stored = byKey(counters_->load({"2026-11", "2026-12", "2026"}));
  EXPECT_EQ(stored[Key("org", "org_a", "2026-11")].requests, 2);
  EXPECT_EQ(stored[Key("org", "org_a", "2026-12")].requests, 1);
  EXPECT_EQ(stored[Key("org", "org_a", "2026")].requests, 3);
  EXPECT_EQ(l->organizationUsage("org_a", "2026-12").requests, 1);

  // A limiter started in December does not count November against it.
  auto restarted = limiter(kDec1 + 2);
  EXPECT_EQ(restarted->organizationUsage("org_a", "2026-12").requests, 1);
  EXPECT_FALSE(restarted->admit(s, kDec1 + 2).has_value());
  EXPECT_TRUE(restarted->admit(s, kDec1 + 3).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageLimiterTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
