// The credit gate on every backend: who is refused (402 insufficient_credits)
// and when, the one-second cache and its invalidation, and a database that
// cannot be read.
#include "TestDatabase.h"
#include "credits/CreditGate.h"
#include "db/MigrationRunner.h"
#include "orgs/OrganizationRepository.h"

#include <gtest/gtest.h>

#include <Poco/Data/Session.h>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;

class CreditGateTest : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    orgs_ = std::make_unique<OrganizationRepository>(*database_);
    credits_ = std::make_unique<CreditRepository>(*database_);
    gate_ = std::make_unique<CreditGate>(*credits_, std::chrono::milliseconds(1000));
  }
  void TearDown() override {
    gate_.reset();
    credits_.reset();
    orgs_.reset();
    DatabaseTest::TearDown();
  }

  LimitSubject subject(const std::string& name, bool enforced) {
    NewOrganization org;
    org.name = name;
    org.creditEnforced = enforced;
    LimitSubject s;
    s.organizationId = orgs_->create(org, kT0).id;
    s.organizationName = name;
    return s;
  }
  void add(const LimitSubject& s, const char* type, int64_t micros) {
    CreditChange c;
    c.organizationId = s.organizationId;
    c.type = type;
    c.amountMicros = micros;
    c.reason = "test";
    ASSERT_TRUE(credits_->change(c, kT0).has_value());
  }
  void execute(const std::string& sql) {
    auto session = database_->session();
    session << sql, Poco::Data::Keywords::now;
  }

  std::unique_ptr<OrganizationRepository> orgs_;
  std::unique_ptr<CreditRepository> credits_;
  std::unique_ptr<CreditGate> gate_;
};

TEST_P(CreditGateTest, AnEnforcedOrganizationWithoutCreditsIsRefusedWith402) {
  auto acme = subject("Acme Labs", true);
  auto refused = gate_->admit(acme, kT0);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 402);
  EXPECT_EQ(refused->type, "insufficient_credits");
  EXPECT_EQ(refused->code, "insufficient_credits");
  EXPECT_NE(refused->message.find("Acme Labs"), std::string::npos) << refused->message;
  EXPECT_NE(refused->message.find("balance $0.000000"), std::string::npos) << refused->message;
  EXPECT_NE(refused->toJson().find(R"("balance":0,)"), std::string::npos) << refused->toJson();

  // Below zero too, shown with its sign.
  add(acme, "adjustment", -2'500'001);
  gate_->invalidate(acme.organizationId);
  auto negative = gate_->admit(acme, kT0);
  ASSERT_TRUE(negative.has_value());
  EXPECT_NE(negative->message.find("balance $-2.500001"), std::string::npos) << negative->message;
  EXPECT_NE(negative->toJson().find(R"("balance":-2.500001,)"), std::string::npos) << negative->toJson();
}

TEST_P(CreditGateTest, PositiveBalancesUnenforcedOrganizationsAndTheMasterKeyPass) {
  auto funded = subject("Funded", true);
  add(funded, "topup", 1);
  EXPECT_FALSE(gate_->admit(funded, kT0).has_value()) << "one micro-dollar is enough";
  auto free = subject("Free", false);
  add(free, "adjustment", -5'000'000);
  EXPECT_FALSE(gate_->admit(free, kT0).has_value()) << "not enforced: a negative balance is allowed";
  EXPECT_FALSE(gate_->admit(LimitSubject{}, kT0).has_value()) << "no organization: nothing to check";
  LimitSubject gone;
  gone.organizationId = "org_missing";
  EXPECT_FALSE(gate_->admit(gone, kT0).has_value()) << "key verification refuses those";
}

TEST_P(CreditGateTest, BalancesAreCachedForOneSecondUnlessInvalidated) {
  auto acme = subject("Acme", true);
  ASSERT_TRUE(gate_->admit(acme, kT0).has_value());
  // Credits added elsewhere (another instance): seen once the entry is a
  // second old, not before.
  add(acme, "topup", 5'000'000);
  EXPECT_TRUE(gate_->admit(acme, kT0 + 999).has_value()) << "still the cached balance";
  EXPECT_FALSE(gate_->admit(acme, kT0 + 1000).has_value()) << "read again after a second";

  // Spent elsewhere: the same.
  add(acme, "adjustment", -5'000'000);
  EXPECT_FALSE(gate_->admit(acme, kT0 + 1500).has_value());
  EXPECT_TRUE(gate_->admit(acme, kT0 + 2000).has_value());

  // A top-up on this instance invalidates at once.
  add(acme, "topup", 1);
  gate_->invalidate(acme.organizationId);
  EXPECT_FALSE(gate_->admit(acme, kT0 + 2001).has_value());
}

TEST_P(CreditGateTest, EnforcementSwitchedOnIsSeenWithinTheCachePeriod) {
  auto acme = subject("Acme", false);
  EXPECT_FALSE(gate_->admit(acme, kT0).has_value());
  OrganizationPatch on;
  on.creditEnforced = true;
  orgs_->update(acme.organizationId, on, kT0);
  EXPECT_FALSE(gate_->admit(acme, kT0 + 500).has_value());
  EXPECT_TRUE(gate_->admit(acme, kT0 + 1000).has_value());
}

TEST_P(CreditGateTest, AnUnreadableBalanceUsesTheLastOneOrRefusesWith503) {
  auto known = subject("Known", true);
  add(known, "topup", 1'000'000);
  auto unknown = subject("Unknown", true);
  add(unknown, "topup", 1'000'000);
  EXPECT_FALSE(gate_->admit(known, kT0).has_value());
  execute("ALTER TABLE organizations RENAME TO organizations_away");
  EXPECT_FALSE(gate_->admit(known, kT0 + 5000).has_value()) << "the stale balance, rather than refusing";
  auto unavailable = gate_->admit(unknown, kT0 + 5000);
  ASSERT_TRUE(unavailable.has_value());
  EXPECT_EQ(unavailable->status, 503);
  EXPECT_EQ(unavailable->code, "credits_unavailable");
  execute("ALTER TABLE organizations_away RENAME TO organizations");
  EXPECT_FALSE(gate_->admit(unknown, kT0 + 6000).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CreditGateTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
