// Organizations on every backend: SQLite and the real MariaDB of scripts/test.
#include "TestDatabase.h"
#include "db/MigrationRunner.h"
#include "orgs/OrganizationRepository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;

class Organizations : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    orgs_ = std::make_unique<OrganizationRepository>(*database_);
  }
  void TearDown() override {
    orgs_.reset();
    DatabaseTest::TearDown();
  }

  Organization create(const std::string& name, int64_t at, const std::string& status = "active") {
    NewOrganization request;
    request.name = name;
    request.status = status;
    return orgs_->create(request, at);
  }

  std::vector<std::string> names(const OrganizationFilter& filter) {
    std::vector<std::string> out;
    for (const auto& org : orgs_->list(filter).items) out.push_back(org.name);
    return out;
  }

  std::unique_ptr<OrganizationRepository> orgs_;
};

TEST_P(Organizations, CreateAndGetRoundTripEveryField) {
  NewOrganization request;
  request.name = "Acme's \"lab\"";
  request.description = "research'); DROP TABLE organizations; --";
  request.adminUserId = "usr_admin";
  request.limits.monthlyRequests = 1'000;
  request.limits.monthlyTokens = 2'000'000;
  request.limits.monthlyCostMicros = 50'000'000;
  request.limits.yearlyRequests = 12'000;
  request.limits.yearlyTokens = 24'000'000'000;
  request.limits.yearlyCostMicros = 600'000'000;
  auto created = orgs_->create(request, kT0);
  EXPECT_EQ(created.id.rfind("org_", 0), 0u);
  EXPECT_EQ(created.status, "active");

  auto found = orgs_->get(created.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->name, "Acme's \"lab\"");
  EXPECT_EQ(found->description, "research'); DROP TABLE organizations; --");
  EXPECT_EQ(found->adminUserId, "usr_admin");
  EXPECT_EQ(found->status, "active");
  EXPECT_EQ(found->limits.monthlyRequests, 1'000);
  EXPECT_EQ(found->limits.monthlyTokens, 2'000'000);
  EXPECT_EQ(found->limits.monthlyCostMicros, 50'000'000);
  EXPECT_EQ(found->limits.yearlyRequests, 12'000);
  EXPECT_EQ(found->limits.yearlyTokens, 24'000'000'000);
  EXPECT_EQ(found->limits.yearlyCostMicros, 600'000'000);
  EXPECT_EQ(found->createdAt, kT0);
  EXPECT_EQ(found->updatedAt, kT0);
  EXPECT_FALSE(found->deletedAt.has_value());
  EXPECT_FALSE(orgs_->get("org_missing").has_value());
}

TEST_P(Organizations, UnsetLimitsAndAdminAreNull) {
  auto created = create("plain", kT0, "inactive");
  auto found = orgs_->get(created.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, "inactive");
  EXPECT_FALSE(found->adminUserId.has_value());
  EXPECT_FALSE(found->limits.monthlyRequests.has_value());
  EXPECT_FALSE(found->limits.monthlyTokens.has_value());
  EXPECT_FALSE(found->limits.monthlyCostMicros.has_value());
  EXPECT_FALSE(found->limits.yearlyRequests.has_value());
  EXPECT_FALSE(found->limits.yearlyTokens.has_value());
  EXPECT_FALSE(found->limits.yearlyCostMicros.has_value());
}

TEST_P(Organizations, NameSearchIsCaseInsensitiveAndTakesWildcardsLiterally) {
  create("100% Cotton", kT0 + 1);
  create("100 Percent", kT0 + 2);
  create("a_b corp", kT0 + 3);
  create("aXb corp", kT0 + 4);
  create("Hey! Org", kT0 + 5);

  OrganizationFilter filter;
  filter.nameContains = "cOTTon";
  EXPECT_EQ(names(filter), std::vector<std::string>{"100% Cotton"});
  filter.nameContains = "0%";
  EXPECT_EQ(names(filter), std::vector<std::string>{"100% Cotton"}) << "% is a character, not a wildcard";
  filter.nameContains = "a_b";
  EXPECT_EQ(names(filter), std::vector<std::string>{"a_b corp"}) << "_ is a character, not a wildcard";
  filter.nameContains = "y! o";
  EXPECT_EQ(names(filter), std::vector<std::string>{"Hey! Org"}) << "the escape character itself";
  filter.nameContains = "%";
  EXPECT_EQ(names(filter), std::vector<std::string>{"100% Cotton"});
  filter.nameContains = "' OR '1'='1";
  EXPECT_TRUE(names(filter).empty());
  filter.nameContains = "CORP";
  EXPECT_EQ(names(filter), (std::vector<std::string>{"aXb corp", "a_b corp"}));
}

TEST_P(Organizations, StatusFilterAndDeletedExcludedByDefault) {
  create("active one", kT0 + 1);
  create("inactive one", kT0 + 2, "inactive");
  auto gone = create("deleted one", kT0 + 3);
  ASSERT_TRUE(orgs_->softDelete(gone.id, kT0 + 10));

  OrganizationFilter filter;
  EXPECT_EQ(names(filter), (std::vector<std::string>{"inactive one", "active one"}));
  EXPECT_EQ(orgs_->list(filter).total, 2);
  filter.status = "active";
  EXPECT_EQ(names(filter), std::vector<std::string>{"active one"});
  filter.status = "inactive";
  EXPECT_EQ(names(filter), std::vector<std::string>{"inactive one"});
  filter.status = "deleted";
  EXPECT_EQ(names(filter), std::vector<std::string>{"deleted one"}) << "deleted ones only when asked for";
}

TEST_P(Organizations, PagesAreNewestFirstWithTheTotal) {
  // Two share a creation time: id decides between them, consistently.
  for (int i = 0; i < 5; ++i) create("org " + std::to_string(i), kT0 + i);
  create("org 5", kT0 + 4);

  OrganizationFilter filter;
  filter.page.limit = 2;
  std::vector<Organization> seen;
  for (int page = 1; page <= 4; ++page) {
    filter.page.page = page;
    auto result = orgs_->list(filter);
    EXPECT_EQ(result.total, 6) << "page " << page;
    EXPECT_EQ(result.items.size(), page <= 3 ? 2u : 0u) << "page " << page;
    seen.insert(seen.end(), result.items.begin(), result.items.end());
  }
  ASSERT_EQ(seen.size(), 6u);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    const bool ordered = seen[i - 1].createdAt > seen[i].createdAt ||
                         (seen[i - 1].createdAt == seen[i].createdAt && seen[i - 1].id > seen[i].id);
    EXPECT_TRUE(ordered) << seen[i - 1].name << " before " << seen[i].name;
  }
  EXPECT_EQ(seen.back().name, "org 0");

  filter.nameContains = "org 1";
  filter.page = {};
  auto one = orgs_->list(filter);
  EXPECT_EQ(one.total, 1) << "the total counts the filtered rows";
  ASSERT_EQ(one.items.size(), 1u);
  EXPECT_EQ(one.items[0].name, "org 1");
}

TEST_P(Organizations, UpdateChangesOnlyThePresentFields) {
  NewOrganization request;
  request.name = "before";
  request.description = "old";
  request.adminUserId = "usr_1";
  request.limits.monthlyRequests = 10;
  request.limits.monthlyTokens = 20;
  request.limits.monthlyCostMicros = 30;
  request.limits.yearlyRequests = 40;
  request.limits.yearlyTokens = 50;
  request.limits.yearlyCostMicros = 60;
  auto created = orgs_->create(request, kT0);

  OrganizationPatch rename;
  rename.name = "after";
  auto renamed = orgs_->update(created.id, rename, kT0 + 1);
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->name, "after");
  EXPECT_EQ(renamed->description, "old");
  EXPECT_EQ(renamed->adminUserId, "usr_1");
  EXPECT_EQ(renamed->limits.monthlyRequests, 10);
  EXPECT_EQ(renamed->limits.yearlyCostMicros, 60);
  EXPECT_EQ(renamed->updatedAt, kT0 + 1);
  EXPECT_EQ(renamed->createdAt, kT0);

  OrganizationPatch all;
  all.description = "new";
  all.adminUserId = std::optional<std::string>("usr_2");
  all.status = "inactive";
  all.monthlyRequests = std::optional<int64_t>(11);
  all.monthlyTokens = std::optional<int64_t>(21);
  all.monthlyCostMicros = std::optional<int64_t>(31);
  all.yearlyRequests = std::optional<int64_t>(41);
  all.yearlyTokens = std::optional<int64_t>(51);
  all.yearlyCostMicros = std::optional<int64_t>(61);
  auto updated = orgs_->update(created.id, all, kT0 + 2);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->name, "after");
  EXPECT_EQ(updated->description, "new");
  EXPECT_EQ(updated->adminUserId, "usr_2");
  EXPECT_EQ(updated->status, "inactive");
  EXPECT_EQ(updated->limits.monthlyRequests, 11);
  EXPECT_EQ(updated->limits.monthlyTokens, 21);
  EXPECT_EQ(updated->limits.monthlyCostMicros, 31);
  EXPECT_EQ(updated->limits.yearlyRequests, 41);
  EXPECT_EQ(updated->limits.yearlyTokens, 51);
  EXPECT_EQ(updated->limits.yearlyCostMicros, 61);
  EXPECT_EQ(updated->updatedAt, kT0 + 2);

  OrganizationPatch clear;  // an inner nullopt sets NULL
  clear.monthlyTokens = std::optional<int64_t>();
  clear.yearlyCostMicros = std::optional<int64_t>();
  clear.adminUserId = std::optional<std::string>();
  clear.status = "active";
  auto cleared = orgs_->update(created.id, clear, kT0 + 3);
  ASSERT_TRUE(cleared.has_value());
  EXPECT_FALSE(cleared->limits.monthlyTokens.has_value());
  EXPECT_FALSE(cleared->limits.yearlyCostMicros.has_value());
  EXPECT_FALSE(cleared->adminUserId.has_value());
  EXPECT_EQ(cleared->limits.monthlyRequests, 11) << "absent fields stay";
  EXPECT_EQ(cleared->status, "active");
  auto stored = orgs_->get(created.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_FALSE(stored->limits.monthlyTokens.has_value()) << "NULL is what is stored";
  EXPECT_EQ(stored->updatedAt, kT0 + 3);
}

TEST_P(Organizations, AnEmptyPatchOnlyTouchesUpdatedAt) {
  auto created = create("same", kT0);
  auto same = orgs_->update(created.id, {}, kT0);
  ASSERT_TRUE(same.has_value()) << "a patch changing nothing still finds the organization";
  EXPECT_EQ(same->name, "same");
  auto later = orgs_->update(created.id, {}, kT0 + 5);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->updatedAt, kT0 + 5);
}

TEST_P(Organizations, UpdatingADeletedOrUnknownOrganizationIsRefused) {
  auto created = create("short-lived", kT0);
  ASSERT_TRUE(orgs_->softDelete(created.id, kT0 + 1));
  OrganizationPatch patch;
  patch.name = "revived?";
  patch.status = "active";
  EXPECT_FALSE(orgs_->update(created.id, patch, kT0 + 2).has_value());
  auto stored = orgs_->get(created.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->name, "short-lived");
  EXPECT_EQ(stored->status, "deleted");
  EXPECT_EQ(stored->updatedAt, kT0 + 1);
  EXPECT_FALSE(orgs_->update("org_missing", patch, kT0 + 2).has_value());

  OrganizationPatch sneaky;
  sneaky.status = "deleted";
  auto other = create("other", kT0);
  EXPECT_THROW(orgs_->update(other.id, sneaky, kT0 + 3), std::invalid_argument) << "delete is softDelete's job";
}

TEST_P(Organizations, CreditEnforcementIsSetOnCreateAndByPatchAndTheBalanceIsRead) {
  auto plain = create("plain", kT0);
  EXPECT_FALSE(plain.creditEnforced);
  EXPECT_EQ(plain.creditBalanceMicros, 0);
  NewOrganization request;
  request.name = "enforced";
  request.creditEnforced = true;
  auto enforced = orgs_->create(request, kT0);
  EXPECT_TRUE(enforced.creditEnforced);
  EXPECT_TRUE(orgs_->get(enforced.id)->creditEnforced);
  EXPECT_FALSE(orgs_->get(plain.id)->creditEnforced);

  OrganizationPatch on;
  on.creditEnforced = true;
  EXPECT_TRUE(orgs_->update(plain.id, on, kT0 + 1)->creditEnforced);
  OrganizationPatch rename;  // absent: unchanged
  rename.name = "renamed";
  EXPECT_TRUE(orgs_->update(plain.id, rename, kT0 + 2)->creditEnforced);
  OrganizationPatch off;
  off.creditEnforced = false;
  EXPECT_FALSE(orgs_->update(plain.id, off, kT0 + 3)->creditEnforced);

  // The balance is only ever changed by the ledger's writers; here, as they
  // would.
  auto session = database_->session();
  Poco::Int64 balance = -1'234'567;
  std::string id = plain.id;
  session << "UPDATE organizations SET credit_balance_micros = ? WHERE id = ?", Poco::Data::Keywords::use(balance),
      Poco::Data::Keywords::use(id), Poco::Data::Keywords::now;
  EXPECT_EQ(orgs_->get(plain.id)->creditBalanceMicros, -1'234'567);
  OrganizationFilter filter;
  filter.nameContains = "renamed";
  ASSERT_EQ(orgs_->list(filter).items.size(), 1u);
  EXPECT_EQ(orgs_->list(filter).items[0].creditBalanceMicros, -1'234'567);
}

TEST_P(Organizations, SoftDeleteKeepsTheRowAndHappensOnce) {
  auto created = create("temporary", kT0);
  EXPECT_TRUE(orgs_->softDelete(created.id, kT0 + 500));
  EXPECT_FALSE(orgs_->softDelete(created.id, kT0 + 600)) << "deleting twice changes nothing";
  EXPECT_FALSE(orgs_->softDelete("org_missing", kT0 + 600));
  auto found = orgs_->get(created.id);
  ASSERT_TRUE(found.has_value()) << "history is kept";
  EXPECT_EQ(found->status, "deleted");
  EXPECT_EQ(found->deletedAt, kT0 + 500);
  EXPECT_EQ(found->updatedAt, kT0 + 500);
}

INSTANTIATE_TEST_SUITE_P(Backends, Organizations, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
