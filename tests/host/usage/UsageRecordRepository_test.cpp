// Reading usage records on both backends: lookup by request id, and the
// activity listing's filters, order and pages.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "usage/UsageRecordRepository.h"
#include "usage/UsageWriter.h"

#include <gtest/gtest.h>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;

UsageRecord record(const std::string& id, int64_t at, const std::string& org, const std::string& key,
                   const std::string& model, int status = 200) {
  UsageRecord r;
  r.requestId = id;
  r.createdAtMs = at;
  r.organizationId = org;
  r.apiKeyId = key;
  r.model = model;
  r.provider = model.substr(0, model.find('/'));
  r.status = status;
  if (status != 200) r.errorCode = "upstream_error";
  r.promptTokens = 3;
  r.completionTokens = 4;
  r.totalTokens = 7;
  r.costMicros = 11;
  r.latencyMs = 20;
  return r;
}

std::vector<std::string> ids(const Page<UsageRecord>& page) {
  std::vector<std::string> out;
  for (const auto& r : page.items) out.push_back(r.requestId);
  return out;
}

class UsageRecords : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    auto streamed = record("c", kT0 + 2, "org_2", "key_3", "openai/gpt-4o");
    streamed.stream = true;
    UsageWriter(*database_).write({record("a", kT0, "org_1", "key_1", "openai/gpt-4o"),
                                   record("b", kT0 + 1, "org_1", "key_2", "anthropic/claude", 502), streamed,
                                   record("d", kT0 + 3, "org_1", "key_1", "openai/gpt-4o", 429),
                                   record("e", kT0 + 4, "", "", "mock/echo")});
    repository_ = std::make_unique<UsageRecordRepository>(*database_);
  }
  std::unique_ptr<UsageRecordRepository> repository_;
};

TEST_P(UsageRecords, FindsARecordByItsRequestIdWithEveryField) {
  auto b = repository_->find("b");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->createdAtMs, kT0 + 1);
  EXPECT_EQ(b->organizationId, "org_1");
  EXPECT_EQ(b->apiKeyId, "key_2");
  EXPECT_EQ(b->model, "anthropic/claude");
  EXPECT_EQ(b->status, 502);
  EXPECT_EQ(b->errorCode, "upstream_error");
  EXPECT_EQ(b->totalTokens, 7);
  EXPECT_EQ(b->costMicros, 11);
  EXPECT_FALSE(b->stream);
  EXPECT_TRUE(repository_->find("c")->stream);
  EXPECT_FALSE(b->ttftMs.has_value());
  EXPECT_FALSE(repository_->find("zzz").has_value());
  EXPECT_EQ(repository_->find("e")->organizationId, "");  // NULL reads back as none
}

TEST_P(UsageRecords, ListsNewestFirstWithEachFilter) {
  UsageRecordFilter all;
  auto page = repository_->list(all);
  EXPECT_EQ(page.total, 5);
  EXPECT_EQ(ids(page), (std::vector<std::string>{"e", "d", "c", "b", "a"}));

  UsageRecordFilter org;
  org.organizationId = "org_1";
  EXPECT_EQ(ids(repository_->list(org)), (std::vector<std::string>{"d", "b", "a"}));
  UsageRecordFilter key;
  key.apiKeyId = "key_1";
  EXPECT_EQ(ids(repository_->list(key)), (std::vector<std::string>{"d", "a"}));
  UsageRecordFilter model;
  model.model = "openai/gpt-4o";
  model.status = 200;
  EXPECT_EQ(ids(repository_->list(model)), (std::vector<std::string>{"c", "a"}));
  UsageRecordFilter provider;
  provider.provider = "anthropic";
  EXPECT_EQ(ids(repository_->list(provider)), (std::vector<std::string>{"b"}));
  UsageRecordFilter errors;
  errors.errorsOnly = true;
  EXPECT_EQ(ids(repository_->list(errors)), (std::vector<std::string>{"d", "b"}));
  UsageRecordFilter clientErrors;
  clientErrors.statusClass = 4;
  EXPECT_EQ(ids(repository_->list(clientErrors)), (std::vector<std::string>{"d"}));
  UsageRecordFilter successes;
  successes.statusClass = 2;
  EXPECT_EQ(ids(repository_->list(successes)), (std::vector<std::string>{"e", "c", "a"}));
  UsageRecordFilter streams;
  streams.stream = true;
  EXPECT_EQ(ids(repository_->list(streams)), (std::vector<std::string>{"c"}));
  streams.stream = false;
  EXPECT_EQ(ids(repository_->list(streams)), (std::vector<std::string>{"e", "d", "b", "a"}));
  UsageRecordFilter range;
  range.startMs = kT0 + 1;
  range.endMs = kT0 + 3;  // exclusive
  EXPECT_EQ(ids(repository_->list(range)), (std::vector<std::string>{"c", "b"}));
}

TEST_P(UsageRecords, PagesDoNotOverlapAndCountEverything) {
  UsageRecordFilter filter;
  filter.page = {2, 2};
  auto page = repository_->list(filter);
  EXPECT_EQ(page.total, 5);
  EXPECT_EQ(ids(page), (std::vector<std::string>{"c", "b"}));
  filter.page = {3, 2};
  EXPECT_EQ(ids(repository_->list(filter)), (std::vector<std::string>{"a"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageRecords, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
