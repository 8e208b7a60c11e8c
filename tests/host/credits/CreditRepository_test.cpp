// The credit ledger on every backend: each kind of change and its checks,
// balance_after chained from one change to the next, the totals, the
// listing, and one organization hammered by top-ups and usage batches at
// once.
#include "TestDatabase.h"
#include "credits/CreditRepository.h"
#include "db/MigrationRunner.h"
#include "orgs/OrganizationRepository.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <fmt/format.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;

class Credits : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    orgs_ = std::make_unique<OrganizationRepository>(*database_);
    credits_ = std::make_unique<CreditRepository>(*database_);
  }
  void TearDown() override {
    credits_.reset();
    orgs_.reset();
    DatabaseTest::TearDown();
  }

  std::string organization(const std::string& name) {
    NewOrganization org;
    org.name = name;
    return orgs_->create(org, kT0).id;
  }
  static CreditChange change(const std::string& org, const std::string& type, int64_t micros,
                             const std::string& reason = "because") {
    CreditChange c;
    c.organizationId = org;
    c.type = type;
    c.amountMicros = micros;
    c.reason = reason;
    c.createdBy = "master";
    return c;
  }
  int64_t scalar(const std::string& sql) {
    auto session = database_->session();
    Poco::Data::Statement select(session);
    select << sql;
    select.execute();
    Poco::Data::RecordSet rows(select);
    return rows.value(0, 0).isEmpty() ? 0 : rows.value(0, 0).convert<int64_t>();
  }
  static UsageRecord usage(const std::string& id, const std::string& org, int64_t costMicros) {
    UsageRecord r;
    r.requestId = id;
    r.createdAtMs = kT0;
    r.organizationId = org;
    r.apiKeyId = "key_x";
    r.model = "mock/echo";
    r.provider = "mock";
    r.upstreamModel = "echo";
    r.status = 200;
    r.promptTokens = 3;
    r.completionTokens = 4;
    r.totalTokens = 7;
    r.costMicros = costMicros;
    r.latencyMs = 5;
    return r;
  }

  std::unique_ptr<OrganizationRepository> orgs_;
  std::unique_ptr<CreditRepository> credits_;
};

TEST_P(Credits, ATopUpRaisesTheBalanceAndWritesItsLedgerRow) {
  const std::string org = organization("Acme");
  auto c = change(org, "topup", 12'500'000, "invoice 2026-11 'paid'; DROP TABLE x");
  auto row = credits_->change(c, kT0 + 7);
  ASSERT_TRUE(row.has_value());
  EXPECT_GT(row->id, 0);
  EXPECT_EQ(row->organizationId, org);
  EXPECT_EQ(row->type, "topup");
  EXPECT_EQ(row->amountMicros, 12'500'000);
  EXPECT_EQ(row->balanceAfterMicros, 12'500'000);
  EXPECT_EQ(row->reason, "invoice 2026-11 'paid'; DROP TABLE x");
  EXPECT_FALSE(row->requestId.has_value());
  EXPECT_EQ(row->createdBy, "master");
  EXPECT_EQ(row->createdAt, kT0 + 7);
  EXPECT_EQ(orgs_->get(org)->creditBalanceMicros, 12'500'000);

  // Stored exactly as returned.
  auto page = credits_->transactions(org, {});
  ASSERT_EQ(page.total, 1);
  ASSERT_EQ(page.items.size(), 1u);
  const auto& stored = page.items[0];
  EXPECT_EQ(stored.id, row->id);
  EXPECT_EQ(stored.amountMicros, 12'500'000);
  EXPECT_EQ(stored.balanceAfterMicros, 12'500'000);
  EXPECT_EQ(stored.type, "topup");
  EXPECT_EQ(stored.reason, row->reason);
  EXPECT_EQ(stored.createdBy, "master");
  EXPECT_EQ(stored.createdAt, kT0 + 7);
}

TEST_P(Credits, AdjustmentsTakeEitherSignAndRefundsNameTheirRequest) {
  const std::string org = organization("Acme");
  credits_->change(change(org, "topup", 1'000'000), kT0);
  auto down = credits_->change(change(org, "adjustment", -1'500'000, "overdraft on purpose"), kT0 + 1);
  ASSERT_TRUE(down.has_value());
  EXPECT_EQ(down->balanceAfterMicros, -500'000) << "an adjustment may take the balance below zero";
  auto up = credits_->change(change(org, "adjustment", 1, "one micro-dollar"), kT0 + 2);
  EXPECT_EQ(up->balanceAfterMicros, -499'999);
  auto refund = change(org, "refund", 250'000, "upstream outage");
  refund.requestId = "req_refunded";
  auto refunded = credits_->change(refund, kT0 + 3);
  ASSERT_TRUE(refunded.has_value());
  EXPECT_EQ(refunded->requestId, "req_refunded");
  EXPECT_EQ(refunded->balanceAfterMicros, -249'999);
  EXPECT_EQ(credits_->transactions(org, {}).items[0].requestId, "req_refunded");
  EXPECT_EQ(orgs_->get(org)->creditBalanceMicros, -249'999);
}

TEST_P(Credits, InvalidChangesAreRefusedAndChangeNothing) {
  const std::string org = organization("Acme");
  EXPECT_THROW(credits_->change(change(org, "topup", 0), kT0), std::invalid_argument);
  EXPECT_THROW(credits_->change(change(org, "topup", -1), kT0), std::invalid_argument);
  EXPECT_THROW(credits_->change(change(org, "refund", 0), kT0), std::invalid_argument);
  EXPECT_THROW(credits_->change(change(org, "refund", -5), kT0), std::invalid_argument);
  EXPECT_THROW(credits_->change(change(org, "adjustment", 0), kT0), std::invalid_argument);
  EXPECT_THROW(credits_->change(change(org, "usage", 5), kT0), std::invalid_argument) << "usage is the collector's";
  EXPECT_THROW(credits_->change(change(org, "gift", 5), kT0), std::invalid_argument);
  EXPECT_THROW(credits_->change(change(org, "topup", 5, ""), kT0), std::invalid_argument) << "a reason is required";
  auto topupWithRequest = change(org, "topup", 5);
  topupWithRequest.requestId = "req_1";
  EXPECT_THROW(credits_->change(topupWithRequest, kT0), std::invalid_argument);
  EXPECT_EQ(orgs_->get(org)->creditBalanceMicros, 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM balance_transactions"), 0);
}

TEST_P(Credits, UnknownAndDeletedOrganizationsGetNoCredits) {
  EXPECT_FALSE(credits_->change(change("org_missing", "topup", 5), kT0).has_value());
  const std::string org = organization("Gone");
  ASSERT_TRUE(orgs_->softDelete(org, kT0 + 1));
  EXPECT_FALSE(credits_->change(change(org, "topup", 5), kT0 + 2).has_value());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM balance_transactions"), 0);
  EXPECT_EQ(orgs_->get(org)->creditBalanceMicros, 0);
  // An inactive organization can be topped up (before it is switched on).
  const std::string paused = organization("Paused");
  OrganizationPatch inactive;
  inactive.status = "inactive";
  orgs_->update(paused, inactive, kT0);
  EXPECT_TRUE(credits_->change(change(paused, "topup", 5), kT0).has_value());
  EXPECT_FALSE(credits_->balance("org_missing").has_value());
}

TEST_P(Credits, BalanceAfterChainsAndTheTotalsSplitCreditsFromUsage) {
  const std::string org = organization("Acme"), other = organization("Other");
  credits_->change(change(org, "topup", 10'000'000), kT0);
  UsageWriter writer(*database_);
  writer.write({usage("r1", org, 1'234), usage("r2", org, 766), usage("elsewhere", other, 999)});
  credits_->change(change(org, "adjustment", -3'000'000), kT0 + 1);
  auto refund = change(org, "refund", 766);
  refund.requestId = "r2";
  credits_->change(refund, kT0 + 2);
  writer.write({usage("r3", org, 5'000)});
  credits_->change(change(other, "topup", 1), kT0 + 3);

  // Credits: 10 − 3 + 0.000766 USD; usage: 1234 + 766 + 5000 micros.
  auto balance = credits_->balance(org);
  ASSERT_TRUE(balance.has_value());
  EXPECT_EQ(balance->totalCreditsMicros, 10'000'000 - 3'000'000 + 766);
  EXPECT_EQ(balance->totalUsageMicros, 1'234 + 766 + 5'000);
  EXPECT_EQ(balance->balanceMicros, 10'000'000 - 3'000'000 + 766 - 7'000);
  EXPECT_EQ(balance->balanceMicros, balance->totalCreditsMicros - balance->totalUsageMicros);
  EXPECT_FALSE(balance->enforced);
  auto otherBalance = credits_->balance(other);
  EXPECT_EQ(otherBalance->totalCreditsMicros, 1);
  EXPECT_EQ(otherBalance->totalUsageMicros, 999);
  EXPECT_EQ(otherBalance->balanceMicros, -998);

  // Oldest to newest, each balance_after is the one before plus the amount.
  auto page = credits_->transactions(org, {});
  ASSERT_EQ(page.total, 6);
  const std::vector<std::pair<std::string, int64_t>> expected = {
      {"topup", 10'000'000}, {"usage", -1'234},   {"usage", -766},
      {"adjustment", -3'000'000}, {"refund", 766}, {"usage", -5'000}};
  int64_t running = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& row = page.items[expected.size() - 1 - i];  // newest first
    running += expected[i].second;
    EXPECT_EQ(row.type, expected[i].first) << "row " << i;
    EXPECT_EQ(row.amountMicros, expected[i].second) << "row " << i;
    EXPECT_EQ(row.balanceAfterMicros, running) << "row " << i;
  }
  EXPECT_EQ(running, balance->balanceMicros);
}

TEST_P(Credits, TheLedgerPagesNewestFirstAndFiltersByTypeAndTime) {
  const std::string org = organization("Acme"), other = organization("Other");
  for (int i = 0; i < 5; ++i) credits_->change(change(org, "topup", 100 + i), kT0 + i * 1000);
  credits_->change(change(org, "adjustment", -1), kT0 + 2500);
  credits_->change(change(other, "topup", 7), kT0);

  TransactionFilter filter;
  filter.page.limit = 4;
  auto first = credits_->transactions(org, filter);
  EXPECT_EQ(first.total, 6);
  ASSERT_EQ(first.items.size(), 4u);
  EXPECT_EQ(first.items[0].amountMicros, -1) << "newest first: by id, the order of the changes";
  EXPECT_EQ(first.items[1].amountMicros, 104);
  filter.page.page = 2;
  auto second = credits_->transactions(org, filter);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_EQ(second.items[1].amountMicros, 100);

  TransactionFilter topups;
  topups.type = "topup";
  EXPECT_EQ(credits_->transactions(org, topups).total, 5);
  topups.from = kT0 + 1000;  // inclusive
  topups.before = kT0 + 3000;  // exclusive
  auto window = credits_->transactions(org, topups);
  ASSERT_EQ(window.total, 2);
  EXPECT_EQ(window.items[0].amountMicros, 102);
  EXPECT_EQ(window.items[1].amountMicros, 101);
  TransactionFilter usage;
  usage.type = "usage";
  EXPECT_EQ(credits_->transactions(org, usage).total, 0);
  EXPECT_EQ(credits_->transactions("org_missing", {}).total, 0);
}

// Many threads at once on ONE organization: top-ups through the repository
// and usage batches through the real collector writer. The balance must
// equal the ledger's sum, each balance_after the previous one plus its
// amount in id order, and nothing may be lost.
TEST_P(Credits, TopUpsAndUsageAtOnceKeepTheLedgerAndTheBalanceInAgreement) {
  const std::string org = organization("Hammered");
  constexpr int kTopUpThreads = 3, kTopUps = 25;
  constexpr int kUsageThreads = 3, kBatches = 10, kPerBatch = 8;
  std::atomic<int> failures{0}, ready{0};
  const int threadsTotal = kTopUpThreads + kUsageThreads;
  std::vector<std::thread> threads;
  for (int t = 0; t < kTopUpThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < threadsTotal) std::this_thread::yield();
      try {
        CreditRepository credits(*database_);
        for (int n = 0; n < kTopUps; ++n) {
          // Amounts 1..75 USD; an adjustment down every fifth.
          const int64_t micros = (t * kTopUps + n + 1) * 1'000'000;
          auto c = n % 5 == 4 ? change(org, "adjustment", -micros / 2) : change(org, "topup", micros);
          if (!credits.change(c, kT0 + n)) throw std::runtime_error("organization not found");
        }
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (int t = 0; t < kUsageThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < threadsTotal) std::this_thread::yield();
      try {
        UsageWriter writer(*database_);
        for (int n = 0; n < kBatches; ++n) {
          std::vector<UsageRecord> batch;
          for (int i = 0; i < kPerBatch; ++i) {
            batch.push_back(usage(fmt::format("t{}-{}-{}", t, n, i), org, 1'000 + t * 100 + i));
          }
          writer.write(batch);
        }
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);

  // Expected sums, computed from what the threads wrote.
  int64_t credited = 0, used = 0;
  for (int t = 0; t < kTopUpThreads; ++t) {
    for (int n = 0; n < kTopUps; ++n) {
      const int64_t micros = (t * kTopUps + n + 1) * 1'000'000;
      credited += n % 5 == 4 ? -micros / 2 : micros;
    }
  }
  for (int t = 0; t < kUsageThreads; ++t) {
    for (int i = 0; i < kPerBatch; ++i) used += kBatches * (1'000 + t * 100 + i);
  }
  const int64_t balance = orgs_->get(org)->creditBalanceMicros;
  EXPECT_EQ(balance, credited - used);
  EXPECT_EQ(balance, scalar("SELECT SUM(amount_micros) FROM balance_transactions"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM balance_transactions"),
            kTopUpThreads * kTopUps + kUsageThreads * kBatches * kPerBatch);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM balance_transactions WHERE type = 'usage'"),
            kUsageThreads * kBatches * kPerBatch);

  auto session = database_->session();
  Poco::Data::Statement select(session);
  select << "SELECT amount_micros, balance_after_micros FROM balance_transactions ORDER BY id";
  select.execute();
  Poco::Data::RecordSet ledger(select);
  int64_t running = 0;
  for (std::size_t i = 0; i < ledger.rowCount(); ++i) {
    running += ledger.value(0, i).convert<int64_t>();
    ASSERT_EQ(ledger.value(1, i).convert<int64_t>(), running) << "ledger row " << i;
  }
  EXPECT_EQ(running, balance);
  auto totals = credits_->balance(org);
  EXPECT_EQ(totals->totalCreditsMicros, credited);
  EXPECT_EQ(totals->totalUsageMicros, used);
}

INSTANTIATE_TEST_SUITE_P(Backends, Credits, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
