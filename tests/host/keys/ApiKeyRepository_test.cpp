// API keys on every backend: SQLite and the real MariaDB of scripts/test.
#include "../db/TestDatabase.h"
#include "db/MigrationRunner.h"
#include "keys/ApiKeyRepository.h"
#include "keys/ApiKeySecret.h"

#include <gtest/gtest.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

namespace gaiarouter {
namespace {


class ApiKeys : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    keys_ = std::make_unique<ApiKeyRepository>(*database_);
  }
  void TearDown() override {
    keys_.reset();
    DatabaseTest::TearDown();
  }

  std::unique_ptr<ApiKeyRepository> keys_;
};

TEST_P(ApiKeys, TheSecretIsReturnedOnceAndOnlyItsHashIsStored) {
  NewApiKey request;
  request.organizationId = "org_a";
  request.name = "ci's key";
  request.description = "for the \"nightly\" jobs";
  request.permissions = kPermissionRead | kPermissionWrite;
  request.expiresAt = 1'900'000'000'000;
  request.monthlyTokenLimit = 1'000'000;
  auto created = keys_->create(request, 1'790'000'000'000);
  ASSERT_EQ(created.secret.rfind("gr-", 0), 0u);

  // No column of the stored row holds the secret.
  auto session = database_->session();
  Poco::Data::Statement all(session);
  all << "SELECT * FROM api_keys", Poco::Data::Keywords::now;
  Poco::Data::RecordSet rows(all);
  ASSERT_EQ(rows.rowCount(), 1u);
  for (std::size_t col = 0; col < rows.columnCount(); ++col) {
    auto value = rows.value(col, 0);
    if (value.isEmpty()) continue;
    EXPECT_EQ(value.convert<std::string>().find(created.secret), std::string::npos) << rows.columnName(col);
  }

  auto found = keys_->findByHash(ApiKeySecret::hash(created.secret));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, created.key.id);
  EXPECT_EQ(found->organizationId, "org_a");
  EXPECT_EQ(found->name, "ci's key");
  EXPECT_EQ(found->description, "for the \"nightly\" jobs");
  EXPECT_EQ(found->keyPrefix, created.secret.substr(0, 10));
  EXPECT_EQ(found->permissions, kPermissionRead | kPermissionWrite);
  EXPECT_EQ(found->status, "active");
  EXPECT_EQ(found->expiresAt, 1'900'000'000'000);
  EXPECT_EQ(found->monthlyTokenLimit, 1'000'000);
  EXPECT_FALSE(found->monthlyRequestLimit.has_value());
  EXPECT_FALSE(found->lastUsedAt.has_value());
  EXPECT_EQ(found->createdAt, 1'790'000'000'000);
  EXPECT_FALSE(keys_->findByHash(ApiKeySecret::hash(created.secret + "x")).has_value());
}

TEST_P(ApiKeys, SoftDeleteKeepsTheRowAndMarksIt) {
  NewApiKey request;
  request.organizationId = "org_a";
  request.name = "temporary";
  auto created = keys_->create(request, 1'790'000'000'000);
  EXPECT_TRUE(keys_->softDelete(created.key.id, 1'790'000'500'000));
  EXPECT_FALSE(keys_->softDelete(created.key.id, 1'790'000'600'000)) << "deleting twice changes nothing";
  EXPECT_FALSE(keys_->softDelete("key_missing", 1'790'000'600'000));
  auto found = keys_->get(created.key.id);
  ASSERT_TRUE(found.has_value()) << "history is kept";
  EXPECT_EQ(found->status, "deleted");
  EXPECT_EQ(found->deletedAt, 1'790'000'500'000);
  EXPECT_EQ(found->updatedAt, 1'790'000'500'000);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeys, ::testing::Values("sqlite", "mysql"), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
