// The batch writer on both backends: raw rows, hourly and daily aggregates,
// and credit deductions with their ledger, including concurrent writers.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "orgs/OrganizationRepository.h"
#include "usage/LatencyHistogram.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <fmt/format.h>

#include <atomic>
#include <thread>
#include <vector>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kT0 = 1'790'000'000'000 / kHour * kHour;  // on an hour boundary

UsageRecord record(const std::string& id, int64_t at, const std::string& org, const std::string& key,
                   const std::string& model, int64_t prompt, int64_t completion, int64_t cost, int64_t latency) {
  UsageRecord r;
  r.requestId = id;
  r.createdAtMs = at;
  r.organizationId = org;
  r.apiKeyId = key;
  r.model = model;
  r.provider = model.substr(0, model.find('/'));
  r.upstreamModel = model.substr(model.find('/') + 1);
  r.status = 200;
  r.promptTokens = prompt;
  r.completionTokens = completion;
  r.totalTokens = prompt + completion;
  r.costMicros = cost;
  r.latencyMs = latency;
  r.ttftMs = latency / 2;
  r.upstreamMs = latency - 1;
  return r;
}

class UsageWriterTest : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    writer_ = std::make_unique<UsageWriter>(*database_);
  }

  Poco::Data::RecordSet query(const std::string& sql) {
    auto session = database_->session();
    Poco::Data::Statement select(session);
    select << sql;
    select.execute();
    return Poco::Data::RecordSet(select);
  }
  int64_t scalar(const std::string& sql) {
    auto rows = query(sql);
    return rows.value(0, 0).isEmpty() ? 0 : rows.value(0, 0).convert<int64_t>();
  }
  std::string organization(const std::string& name) {
    OrganizationRepository organizations(*database_);
    NewOrganization org;
    org.name = name;
    return organizations.create(org, kT0).id;
  }

  std::unique_ptr<UsageWriter> writer_;
};

TEST_P(UsageWriterTest, StoresEveryFieldOfEveryRecord) {
  auto ok = record("req-1", kT0 + 5, "org_a", "key_a", "openai/gpt-4o", 10, 20, 1234, 300);
  ok.userId = "usr_1";
  ok.stream = true;
  ok.cachedTokens = 4;
  ok.reasoningTokens = 7;
  auto failed = record("req-2", kT0 + 6, "", "", "mock/echo", 0, 0, 0, 12);
  failed.status = 429;
  failed.errorCode = "limit_exceeded";
  failed.estimated = true;
  failed.ttftMs.reset();
  failed.upstreamMs.reset();
  writer_->write({ok, failed});

  auto rows = query(
      "SELECT request_id, created_at, organization_id, api_key_id, user_id, model, provider, upstream_model, status, "
      "error_code, stream, estimated, prompt_tokens, completion_tokens, total_tokens, cached_tokens, "
      "reasoning_tokens, cost_micros, latency_ms, ttft_ms, upstream_ms FROM usage_records ORDER BY request_id");
  ASSERT_EQ(rows.rowCount(), 2u);
  EXPECT_EQ(rows.value(0, 0).convert<std::string>(), "req-1");
  EXPECT_EQ(rows.value(1, 0).convert<int64_t>(), kT0 + 5);
  EXPECT_EQ(rows.value(2, 0).convert<std::string>(), "org_a");
  EXPECT_EQ(rows.value(3, 0).convert<std::string>(), "key_a");
  EXPECT_EQ(rows.value(4, 0).convert<std::string>(), "usr_1");
  EXPECT_EQ(rows.value(5, 0).convert<std::string>(), "openai/gpt-4o");
  EXPECT_EQ(rows.value(6, 0).convert<std::string>(), "openai");
  EXPECT_EQ(rows.value(7, 0).convert<std::string>(), "gpt-4o");
  EXPECT_EQ(rows.value(8, 0).convert<int>(), 200);
  EXPECT_TRUE(rows.value(9, 0).isEmpty());
  EXPECT_EQ(rows.value(10, 0).convert<int>(), 1);
  EXPECT_EQ(rows.value(11, 0).convert<int>(), 0);
  EXPECT_EQ(rows.value(12, 0).convert<int64_t>(), 10);
  EXPECT_EQ(rows.value(13, 0).convert<int64_t>(), 20);
  EXPECT_EQ(rows.value(14, 0).convert<int64_t>(), 30);
  EXPECT_EQ(rows.value(15, 0).convert<int64_t>(), 4);
  EXPECT_EQ(rows.value(16, 0).convert<int64_t>(), 7);
  EXPECT_EQ(rows.value(17, 0).convert<int64_t>(), 1234);
  EXPECT_EQ(rows.value(18, 0).convert<int64_t>(), 300);
  EXPECT_EQ(rows.value(19, 0).convert<int64_t>(), 150);
  EXPECT_EQ(rows.value(20, 0).convert<int64_t>(), 299);
  // The second: no organization, key or user (NULL), an error, estimated.
  EXPECT_TRUE(rows.value(2, 1).isEmpty());
  EXPECT_TRUE(rows.value(3, 1).isEmpty());
  EXPECT_TRUE(rows.value(4, 1).isEmpty());
  EXPECT_EQ(rows.value(8, 1).convert<int>(), 429);
  EXPECT_EQ(rows.value(9, 1).convert<std::string>(), "limit_exceeded");
  EXPECT_EQ(rows.value(11, 1).convert<int>(), 1);
  EXPECT_TRUE(rows.value(19, 1).isEmpty());
  EXPECT_TRUE(rows.value(20, 1).isEmpty());
}

TEST_P(UsageWriterTest, HourlyAggregatesAddUpAcrossBatchesAndSplitAtTheHour) {
  // Same hour, key and model in two batches; one more in the next hour.
  writer_->write({record("a", kT0, "org_a", "key_a", "openai/gpt-4o", 10, 1, 100, 40),
                  record("b", kT0 + kHour - 1, "org_a", "key_a", "openai/gpt-4o", 20, 2, 200, 900)});
  auto failed = record("c", kT0 + 10, "org_a", "key_a", "openai/gpt-4o", 30, 3, 300, 25'000);
  failed.status = 502;
  failed.errorCode = "upstream_error";
  failed.ttftMs.reset();
  writer_->write({failed, record("d", kT0 + kHour, "org_a", "key_a", "openai/gpt-4o", 1, 1, 1, 1)});

  auto rows = query(
      "SELECT hour_start, requests, errors, prompt_tokens, completion_tokens, total_tokens, cost_micros, "
      "latency_sum_ms, latency_max_ms, ttft_count, ttft_sum_ms, ttft_max_ms FROM usage_hourly ORDER BY hour_start");
  ASSERT_EQ(rows.rowCount(), 2u);
  EXPECT_EQ(rows.value(0, 0).convert<int64_t>(), kT0);
  EXPECT_EQ(rows.value(1, 0).convert<int64_t>(), 3);
  EXPECT_EQ(rows.value(2, 0).convert<int64_t>(), 1);
  EXPECT_EQ(rows.value(3, 0).convert<int64_t>(), 60);
  EXPECT_EQ(rows.value(4, 0).convert<int64_t>(), 6);
  EXPECT_EQ(rows.value(5, 0).convert<int64_t>(), 66);
  EXPECT_EQ(rows.value(6, 0).convert<int64_t>(), 600);
  EXPECT_EQ(rows.value(7, 0).convert<int64_t>(), 40 + 900 + 25'000);
  EXPECT_EQ(rows.value(8, 0).convert<int64_t>(), 25'000);
  EXPECT_EQ(rows.value(9, 0).convert<int64_t>(), 2);  // the failed one had no first byte
  EXPECT_EQ(rows.value(10, 0).convert<int64_t>(), 20 + 450);
  EXPECT_EQ(rows.value(11, 0).convert<int64_t>(), 450);
  EXPECT_EQ(rows.value(0, 1).convert<int64_t>(), kT0 + kHour);
  EXPECT_EQ(rows.value(1, 1).convert<int64_t>(), 1);

  // Latency buckets: 40 ms, 900 ms and 25 s in their buckets, nothing else.
  std::string columns;
  for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) columns += (b ? ", latency_b" : "latency_b") + std::to_string(b);
  auto buckets = query("SELECT " + columns + " FROM usage_hourly WHERE hour_start = " + std::to_string(kT0));
  LatencyHistogram expected;
  for (int64_t ms : {40, 900, 25'000}) expected.add(ms);
  for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) {
    EXPECT_EQ(buckets.value(b, 0).convert<int64_t>(), expected.counts()[b]) << "bucket " << b;
  }
}

TEST_P(UsageWriterTest, DailyModelAggregatesSumPerModelAndDay) {
  const int64_t day = 24 * kHour;
  const int64_t midnight = kT0 / day * day;
  writer_->write({record("a", midnight, "o", "k", "openai/gpt-4o", 10, 5, 7, 1),
                  record("b", midnight + day - 1, "p", "j", "openai/gpt-4o", 1, 2, 3, 1),
                  record("c", midnight + day, "o", "k", "openai/gpt-4o", 100, 0, 0, 1),
                  record("d", midnight + 5, "o", "k", "anthropic/claude", 3, 3, 3, 1)});
  auto rows = query(
      "SELECT day_start, model, requests, prompt_tokens, completion_tokens, total_tokens, cost_micros FROM "
      "usage_daily_models ORDER BY day_start, model");
  ASSERT_EQ(rows.rowCount(), 3u);
  EXPECT_EQ(rows.value(1, 0).convert<std::string>(), "anthropic/claude");
  EXPECT_EQ(rows.value(0, 1).convert<int64_t>(), midnight);
  EXPECT_EQ(rows.value(1, 1).convert<std::string>(), "openai/gpt-4o");
  EXPECT_EQ(rows.value(2, 1).convert<int64_t>(), 2);
  EXPECT_EQ(rows.value(3, 1).convert<int64_t>(), 11);
  EXPECT_EQ(rows.value(4, 1).convert<int64_t>(), 7);
  EXPECT_EQ(rows.value(5, 1).convert<int64_t>(), 18);
  EXPECT_EQ(rows.value(6, 1).convert<int64_t>(), 10);
  EXPECT_EQ(rows.value(0, 2).convert<int64_t>(), midnight + day);
  EXPECT_EQ(rows.value(3, 2).convert<int64_t>(), 100);
}

TEST_P(UsageWriterTest, EachCostIsDeductedWithALedgerRowInRequestOrder) {
  const std::string org = organization("Acme");
  writer_->write({record("r1", kT0, org, "k", "openai/gpt-4o", 1, 1, 250, 1),
                  record("free", kT0, org, "k", "openai/gpt-4o", 1, 1, 0, 1),
                  record("r2", kT0, org, "k", "openai/gpt-4o", 1, 1, 1'000, 1),
                  record("master", kT0, "", "", "openai/gpt-4o", 1, 1, 5'000, 1)});
  EXPECT_EQ(scalar("SELECT credit_balance_micros FROM organizations WHERE id = '" + org + "'"), -1'250);
  auto ledger = query(
      "SELECT organization_id, amount_micros, balance_after_micros, type, request_id FROM balance_transactions "
      "ORDER BY id");
  // Free requests and requests of no organization leave no ledger row.
  ASSERT_EQ(ledger.rowCount(), 2u);
  EXPECT_EQ(ledger.value(1, 0).convert<int64_t>(), -250);
  EXPECT_EQ(ledger.value(2, 0).convert<int64_t>(), -250);
  EXPECT_EQ(ledger.value(3, 0).convert<std::string>(), "usage");
  EXPECT_EQ(ledger.value(4, 0).convert<std::string>(), "r1");
  EXPECT_EQ(ledger.value(1, 1).convert<int64_t>(), -1'000);
  EXPECT_EQ(ledger.value(2, 1).convert<int64_t>(), -1'250);
  EXPECT_EQ(ledger.value(4, 1).convert<std::string>(), "r2");
}

TEST_P(UsageWriterTest, ConcurrentWritersLoseNothingAndKeepTheLedgerConsistent) {
  const std::string a = organization("A"), b = organization("B");
  constexpr int kThreads = 4, kBatches = 15, kPerBatch = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        UsageWriter writer(*database_);
        for (int n = 0; n < kBatches; ++n) {
          std::vector<UsageRecord> batch;
          for (int i = 0; i < kPerBatch; ++i) {
            // Both organizations in every batch, in alternating order.
            const std::string& org = (i + t) % 2 ? a : b;
            batch.push_back(record(fmt::format("t{}-{}-{}", t, n, i), kT0 + i, org, "key", "openai/gpt-4o", 2, 3,
                                   i + 1, 10));
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
  const int total = kThreads * kBatches * kPerBatch;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM usage_records"), total);
  EXPECT_EQ(scalar("SELECT SUM(requests) FROM usage_hourly"), total);
  EXPECT_EQ(scalar("SELECT SUM(total_tokens) FROM usage_hourly"), total * 5);
  EXPECT_EQ(scalar("SELECT SUM(requests) FROM usage_daily_models"), total);
  for (const auto& org : {a, b}) {
    const std::string where = " WHERE organization_id = '" + org + "'";
    const int64_t balance = scalar("SELECT credit_balance_micros FROM organizations WHERE id = '" + org + "'");
    EXPECT_EQ(balance, scalar("SELECT SUM(amount_micros) FROM balance_transactions" + where));
    EXPECT_EQ(-balance, scalar("SELECT SUM(cost_micros) FROM usage_records" + where));
    // Every balance_after follows from the one before it.
    auto ledger = query("SELECT amount_micros, balance_after_micros FROM balance_transactions" + where + " ORDER BY id");
    int64_t running = 0;
    for (std::size_t i = 0; i < ledger.rowCount(); ++i) {
      running += ledger.value(0, i).convert<int64_t>();
      ASSERT_EQ(ledger.value(1, i).convert<int64_t>(), running) << "ledger row " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageWriterTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
