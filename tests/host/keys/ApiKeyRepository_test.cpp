// API keys on every backend: SQLite and the real MariaDB of scripts/test.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "keys/ApiKeyRepository.h"
#include "keys/ApiKeySecret.h"

#include <gtest/gtest.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <string>
#include <vector>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;

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

  ApiKey create(const std::string& name, int64_t at, const std::string& org = "org_a") {
    NewApiKey request;
    request.organizationId = org;
    request.name = name;
    return keys_->create(request, at).key;
  }

  std::vector<std::string> names(const ApiKeyFilter& filter) {
    std::vector<std::string> out;
    for (const auto& key : keys_->list(filter).items) out.push_back(key.name);
    return out;
  }

  std::unique_ptr<ApiKeyRepository> keys_;
};

using Names = std::vector<std::string>;

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

TEST_P(ApiKeys, CreatedByRoundTripsThroughEverySelect) {
  NewApiKey request;
  request.organizationId = "org_a";
  request.name = "made by a user";
  request.createdBy = "usr_42";
  auto created = keys_->create(request, kT0);
  EXPECT_EQ(created.key.createdBy, "usr_42");
  EXPECT_EQ(keys_->get(created.key.id)->createdBy, "usr_42");
  EXPECT_EQ(keys_->findByHash(ApiKeySecret::hash(created.secret))->createdBy, "usr_42");
  auto listed = keys_->list({});
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].createdBy, "usr_42");

  auto anonymous = create("from the config", kT0 + 1);
  EXPECT_FALSE(keys_->get(anonymous.id)->createdBy.has_value());
}

TEST_P(ApiKeys, ListFiltersByNameStatusAndOrganization) {
  create("Production 100%", kT0 + 1, "org_a");
  create("production_b", kT0 + 2, "org_a");
  create("productionXb", kT0 + 3, "org_b");
  auto inactive = create("staging", kT0 + 4, "org_b");
  auto gone = create("old production", kT0 + 5, "org_a");
  ApiKeyPatch off;
  off.status = "inactive";
  ASSERT_TRUE(keys_->update(inactive.id, off, kT0 + 6).has_value());
  ASSERT_TRUE(keys_->softDelete(gone.id, kT0 + 7));

  ApiKeyFilter filter;
  EXPECT_EQ(names(filter), (Names{"staging", "productionXb", "production_b", "Production 100%"}))
      << "every status but deleted";
  filter.nameContains = "PRODUCTION";
  EXPECT_EQ(names(filter), (Names{"productionXb", "production_b", "Production 100%"}));
  filter.nameContains = "n_b";
  EXPECT_EQ(names(filter), Names{"production_b"}) << "_ is literal";
  filter.nameContains = "0%";
  EXPECT_EQ(names(filter), Names{"Production 100%"}) << "% is literal";
  filter.nameContains.clear();

  filter.status = "inactive";
  EXPECT_EQ(names(filter), Names{"staging"});
  filter.status = "deleted";
  EXPECT_EQ(names(filter), Names{"old production"});
  filter.status = "active";
  EXPECT_EQ(names(filter), (Names{"productionXb", "production_b", "Production 100%"}));
  filter.status.clear();

  filter.organizationId = "org_b";
  EXPECT_EQ(names(filter), (Names{"staging", "productionXb"}));
  EXPECT_EQ(keys_->list(filter).total, 2);
  filter.organizationId = "org_' OR '1'='1";
  EXPECT_TRUE(names(filter).empty());

  filter = {};
  filter.organizationId = "org_a";
  filter.nameContains = "production";
  filter.status = "active";
  EXPECT_EQ(names(filter), (Names{"production_b", "Production 100%"})) << "filters combine";
}

TEST_P(ApiKeys, DateRangeIncludesItsStartAndExcludesItsEnd) {
  create("before", kT0 - 1);
  create("at start", kT0);
  create("inside", kT0 + 500);
  create("just before end", kT0 + 999);
  create("at end", kT0 + 1000);

  ApiKeyFilter filter;
  filter.createdFrom = kT0;
  filter.createdTo = kT0 + 1000;
  filter.newestFirst = false;
  EXPECT_EQ(names(filter), (Names{"at start", "inside", "just before end"}));
  EXPECT_EQ(keys_->list(filter).total, 3);
  filter.createdTo.reset();
  EXPECT_EQ(names(filter), (Names{"at start", "inside", "just before end", "at end"}));
  filter.createdFrom.reset();
  filter.createdTo = kT0;
  EXPECT_EQ(names(filter), Names{"before"});
}

TEST_P(ApiKeys, ListSortsEitherWayAndPaginates) {
  for (int i = 0; i < 5; ++i) create("key " + std::to_string(i), kT0 + i * 10);
  create("key 5", kT0 + 40);  // same time as key 4: id breaks the tie

  ApiKeyFilter filter;
  filter.page.limit = 4;
  auto first = keys_->list(filter);
  EXPECT_EQ(first.total, 6);
  ASSERT_EQ(first.items.size(), 4u);
  filter.page.page = 2;
  auto second = keys_->list(filter);
  EXPECT_EQ(second.total, 6);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_EQ(second.items.back().name, "key 0");
  filter.page.page = 3;
  EXPECT_TRUE(keys_->list(filter).items.empty());
  EXPECT_EQ(keys_->list(filter).total, 6) << "the total does not depend on the page";

  std::vector<ApiKey> newest = first.items;
  newest.insert(newest.end(), second.items.begin(), second.items.end());
  for (std::size_t i = 1; i < newest.size(); ++i) {
    const bool ordered = newest[i - 1].createdAt > newest[i].createdAt ||
                         (newest[i - 1].createdAt == newest[i].createdAt && newest[i - 1].id > newest[i].id);
    EXPECT_TRUE(ordered) << newest[i - 1].name << " before " << newest[i].name;
  }

  filter.newestFirst = false;
  filter.page = {1, 100};
  auto oldest = keys_->list(filter).items;
  ASSERT_EQ(oldest.size(), 6u);
  EXPECT_EQ(oldest.front().name, "key 0");
  for (std::size_t i = 0; i < oldest.size(); ++i) {
    EXPECT_EQ(oldest[i].id, newest[newest.size() - 1 - i].id) << "oldest first is the exact reverse";
  }
}

TEST_P(ApiKeys, UpdateChangesOnlyThePresentFields) {
  NewApiKey request;
  request.organizationId = "org_a";
  request.name = "before";
  request.description = "old";
  request.permissions = kPermissionRead;
  request.expiresAt = kT0 + 1'000'000;
  request.monthlyRequestLimit = 10;
  request.monthlyTokenLimit = 20;
  request.monthlyCostLimitMicros = 30;
  auto created = keys_->create(request, kT0);

  ApiKeyPatch rename;
  rename.name = "after";
  auto renamed = keys_->update(created.key.id, rename, kT0 + 1);
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->name, "after");
  EXPECT_EQ(renamed->description, "old");
  EXPECT_EQ(renamed->permissions, kPermissionRead);
  EXPECT_EQ(renamed->expiresAt, kT0 + 1'000'000);
  EXPECT_EQ(renamed->monthlyTokenLimit, 20);
  EXPECT_EQ(renamed->updatedAt, kT0 + 1);
  EXPECT_EQ(renamed->createdAt, kT0);

  ApiKeyPatch all;
  all.description = "new";
  all.permissions = kPermissionRead | kPermissionWrite | kPermissionAdmin;
  all.expiresAt = std::optional<int64_t>();  // clear: never expires
  all.status = "inactive";
  all.organizationId = "org_b";
  all.monthlyRequestLimit = std::optional<int64_t>(11);
  all.monthlyTokenLimit = std::optional<int64_t>();
  all.monthlyCostLimitMicros = std::optional<int64_t>(31);
  auto updated = keys_->update(created.key.id, all, kT0 + 2);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->name, "after");
  EXPECT_EQ(updated->description, "new");
  EXPECT_EQ(updated->permissions, kPermissionRead | kPermissionWrite | kPermissionAdmin);
  EXPECT_FALSE(updated->expiresAt.has_value());
  EXPECT_EQ(updated->status, "inactive");
  EXPECT_EQ(updated->organizationId, "org_b");
  EXPECT_EQ(updated->monthlyRequestLimit, 11);
  EXPECT_FALSE(updated->monthlyTokenLimit.has_value());
  EXPECT_EQ(updated->monthlyCostLimitMicros, 31);
  EXPECT_EQ(updated->updatedAt, kT0 + 2);

  // Stored, not just returned: the secret still finds the moved key.
  auto found = keys_->findByHash(ApiKeySecret::hash(created.secret));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->organizationId, "org_b");
  EXPECT_EQ(found->status, "inactive");
  ApiKeyFilter inB;
  inB.organizationId = "org_b";
  EXPECT_EQ(names(inB), Names{"after"});
  ApiKeyFilter inA;
  inA.organizationId = "org_a";
  EXPECT_TRUE(names(inA).empty()) << "moved out of org_a";

  ApiKeyPatch reactivate;
  reactivate.status = "active";
  reactivate.permissions = kPermissionWrite;
  auto active = keys_->update(created.key.id, reactivate, kT0 + 3);
  ASSERT_TRUE(active.has_value());
  EXPECT_EQ(active->status, "active");
  EXPECT_EQ(active->permissions, kPermissionWrite);

  auto same = keys_->update(created.key.id, reactivate, kT0 + 3);
  EXPECT_TRUE(same.has_value()) << "a patch that changes nothing still finds the key";
}

TEST_P(ApiKeys, UpdatingADeletedOrUnknownKeyIsRefused) {
  auto key = create("short-lived", kT0);
  ASSERT_TRUE(keys_->softDelete(key.id, kT0 + 1));
  ApiKeyPatch patch;
  patch.name = "revived?";
  patch.status = "active";
  EXPECT_FALSE(keys_->update(key.id, patch, kT0 + 2).has_value());
  auto stored = keys_->get(key.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->status, "deleted");
  EXPECT_EQ(stored->name, "short-lived");
  EXPECT_EQ(stored->updatedAt, kT0 + 1);
  EXPECT_FALSE(keys_->update("key_missing", patch, kT0 + 2).has_value());

  ApiKeyPatch sneaky;
  sneaky.status = "deleted";
  auto other = create("other", kT0);
  EXPECT_THROW(keys_->update(other.id, sneaky, kT0 + 3), std::invalid_argument) << "delete is softDelete's job";
}

TEST_P(ApiKeys, TouchLastUsedNeverMovesBackwards) {
  auto a = create("a", kT0), b = create("b", kT0), c = create("c", kT0);
  keys_->touchLastUsed({{a.id, kT0 + 100}, {b.id, kT0 + 200}});
  EXPECT_EQ(keys_->get(a.id)->lastUsedAt, kT0 + 100);
  EXPECT_EQ(keys_->get(b.id)->lastUsedAt, kT0 + 200);
  EXPECT_FALSE(keys_->get(c.id)->lastUsedAt.has_value());

  // An older flush (another instance, late) and a newer one in one batch;
  // the same key twice keeps the later time whatever the order.
  keys_->touchLastUsed({{a.id, kT0 + 50}, {b.id, kT0 + 300}, {c.id, kT0 + 400}, {c.id, kT0 + 350},
                        {"key_missing", kT0 + 500}});
  EXPECT_EQ(keys_->get(a.id)->lastUsedAt, kT0 + 100) << "never backwards";
  EXPECT_EQ(keys_->get(b.id)->lastUsedAt, kT0 + 300);
  EXPECT_EQ(keys_->get(c.id)->lastUsedAt, kT0 + 400);
  keys_->touchLastUsed({{a.id, kT0 + 100}});
  EXPECT_EQ(keys_->get(a.id)->lastUsedAt, kT0 + 100) << "the same time again changes nothing";
  keys_->touchLastUsed({});
  EXPECT_EQ(keys_->get(a.id)->updatedAt, kT0) << "usage is not an edit";
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeys, ::testing::Values("sqlite", "mysql"), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
