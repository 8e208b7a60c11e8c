// API key verification on every backend (SQLite and the real MariaDB of
// scripts/test): the answers for every key and organization state, and the
// TTL cache (keyed on the nowMs passed in) with its invalidation.
#include "TestDatabase.h"
#include "auth/ApiKeyVerifier.h"
#include "db/MigrationRunner.h"
#include "keys/ApiKeyRepository.h"
#include "keys/ApiKeySecret.h"
#include "orgs/OrganizationRepository.h"

#include <gtest/gtest.h>

#include <Poco/Data/Statement.h>

#include <memory>
#include <string>
#include <variant>

namespace gaiarouter {
namespace {

constexpr int64_t kT0 = 1'794'744'000'000;  // 2026-11-15T12:00:00Z

using Result = std::variant<std::shared_ptr<const VerifiedKey>, ApiError>;

// The key, or a test failure naming the error.
std::shared_ptr<const VerifiedKey> accepted(const Result& result) {
  if (const auto* error = std::get_if<ApiError>(&result)) {
    ADD_FAILURE() << "refused: " << error->status << " " << error->code << " " << error->message;
    return nullptr;
  }
  return std::get<std::shared_ptr<const VerifiedKey>>(result);
}

// The error, or a test failure.
ApiError refused(const Result& result) {
  if (const auto* error = std::get_if<ApiError>(&result)) return *error;
  ADD_FAILURE() << "accepted";
  return ApiError{};
}

class ApiKeyVerifierTest : public test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    MigrationRunner::run(*database_);
    keys_ = std::make_unique<ApiKeyRepository>(*database_);
    orgs_ = std::make_unique<OrganizationRepository>(*database_);
    NewOrganization org;
    org.name = "Acme";
    org_ = orgs_->create(org, kT0 - 10'000);
  }
  void TearDown() override {
    keys_.reset();
    orgs_.reset();
    DatabaseTest::TearDown();
  }

  CreatedApiKey createKey(const std::string& organizationId, std::optional<int64_t> expiresAt = std::nullopt) {
    NewApiKey request;
    request.organizationId = organizationId;
    request.name = "ci";
    request.expiresAt = expiresAt;
    return keys_->create(request, kT0 - 5'000);
  }

  // ttl 0: nothing is cached, every call reads the database.
  ApiKeyVerifier uncached() { return ApiKeyVerifier(*keys_, *orgs_, 0); }

  std::unique_ptr<ApiKeyRepository> keys_;
  std::unique_ptr<OrganizationRepository> orgs_;
  Organization org_;
};

TEST_P(ApiKeyVerifierTest, AnUnknownKeyIs401InvalidApiKey) {
  auto verifier = uncached();
  for (const std::string secret : {"gr-thisKeyDoesNotExist0000000000000000000000", "", "not-even-a-key"}) {
    auto error = refused(verifier.verify(secret, kT0));
    EXPECT_EQ(error.status, 401) << secret;
    EXPECT_EQ(error.type, "authentication_error");
    EXPECT_EQ(error.code, "invalid_api_key");
    ASSERT_EQ(error.headers.size(), 1u);
    EXPECT_EQ(error.headers[0].first, "WWW-Authenticate");
  }
  // A real key's secret with one character changed is just as unknown.
  auto created = createKey(org_.id);
  std::string altered = created.secret;
  altered.back() = altered.back() == 'a' ? 'b' : 'a';
  EXPECT_EQ(refused(verifier.verify(altered, kT0)).code, "invalid_api_key");
}

TEST_P(ApiKeyVerifierTest, AnActiveKeyOfAnActiveOrganizationPasses) {
  auto created = createKey(org_.id);
  auto verifier = uncached();
  auto key = accepted(verifier.verify(created.secret, kT0));
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->key.id, created.key.id);
  EXPECT_EQ(key->key.status, "active");
  EXPECT_EQ(key->organization.id, org_.id);
  EXPECT_EQ(key->organization.name, "Acme");
}

TEST_P(ApiKeyVerifierTest, AnInactiveKeyIsDisabled) {
  auto created = createKey(org_.id);
  ApiKeyPatch patch;
  patch.status = "inactive";
  ASSERT_TRUE(keys_->update(created.key.id, patch, kT0).has_value());
  auto verifier = uncached();
  auto error = refused(verifier.verify(created.secret, kT0));
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.code, "api_key_disabled");

  patch.status = "active";
  ASSERT_TRUE(keys_->update(created.key.id, patch, kT0).has_value());
  EXPECT_NE(accepted(verifier.verify(created.secret, kT0 + 1)), nullptr) << "enabled again";
}

TEST_P(ApiKeyVerifierTest, ADeletedKeyIsRevoked) {
  auto created = createKey(org_.id);
  ASSERT_TRUE(keys_->softDelete(created.key.id, kT0));
  auto error = refused(uncached().verify(created.secret, kT0));
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.code, "api_key_revoked");
}

TEST_P(ApiKeyVerifierTest, AKeyExpiresAtItsExpiryTime) {
  const int64_t expiresAt = kT0 + 250;  // 2026-11-15T12:00:00.250Z
  auto created = createKey(org_.id, expiresAt);
  auto verifier = uncached();
  EXPECT_NE(accepted(verifier.verify(created.secret, expiresAt - 1)), nullptr);
  for (int64_t now : {expiresAt, expiresAt + 1, expiresAt + 86'400'000}) {
    auto error = refused(verifier.verify(created.secret, now));
    EXPECT_EQ(error.status, 401);
    EXPECT_EQ(error.code, "api_key_expired");
    EXPECT_NE(error.message.find("2026-11-15T12:00:00.250Z"), std::string::npos) << error.message;
  }
}

TEST_P(ApiKeyVerifierTest, ExpiryIsCheckedOnCachedAnswersToo) {
  const int64_t expiresAt = kT0 + 100;
  auto created = createKey(org_.id, expiresAt);
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  EXPECT_NE(accepted(verifier.verify(created.secret, kT0)), nullptr);
  EXPECT_EQ(refused(verifier.verify(created.secret, expiresAt)).code, "api_key_expired");
}

TEST_P(ApiKeyVerifierTest, AnInactiveOrganizationIs403) {
  auto created = createKey(org_.id);
  OrganizationPatch patch;
  patch.status = "inactive";
  ASSERT_TRUE(orgs_->update(org_.id, patch, kT0).has_value());
  auto error = refused(uncached().verify(created.secret, kT0));
  EXPECT_EQ(error.status, 403);
  EXPECT_EQ(error.type, "permission_error");
  EXPECT_EQ(error.code, "organization_inactive");
  EXPECT_NE(error.message.find("disabled"), std::string::npos) << error.message;
}

TEST_P(ApiKeyVerifierTest, ADeletedOrganizationIs403) {
  auto created = createKey(org_.id);
  ASSERT_TRUE(orgs_->softDelete(org_.id, kT0));
  auto error = refused(uncached().verify(created.secret, kT0));
  EXPECT_EQ(error.status, 403);
  EXPECT_EQ(error.code, "organization_inactive");
  EXPECT_NE(error.message.find("deleted"), std::string::npos) << error.message;
}

TEST_P(ApiKeyVerifierTest, AKeyOfAMissingOrganizationIs403) {
  auto created = createKey("org_doesNotExist00000");
  auto error = refused(uncached().verify(created.secret, kT0));
  EXPECT_EQ(error.status, 403);
  EXPECT_EQ(error.code, "organization_inactive");
}

TEST_P(ApiKeyVerifierTest, ADatabaseChangeIsSeenOnlyWhenTheTtlHasPassed) {
  auto created = createKey(org_.id);
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  ASSERT_NE(accepted(verifier.verify(created.secret, kT0)), nullptr);
  ASSERT_TRUE(keys_->softDelete(created.key.id, kT0));  // e.g. on another instance
  EXPECT_NE(accepted(verifier.verify(created.secret, kT0 + 999)), nullptr) << "cached for 999 ms";
  EXPECT_EQ(refused(verifier.verify(created.secret, kT0 + 1'000)).code, "api_key_revoked") << "reloaded at the TTL";
}

TEST_P(ApiKeyVerifierTest, AnOrganizationChangeIsCachedForTheTtlToo) {
  auto created = createKey(org_.id);
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  ASSERT_NE(accepted(verifier.verify(created.secret, kT0)), nullptr);
  ASSERT_TRUE(orgs_->softDelete(org_.id, kT0));
  EXPECT_NE(accepted(verifier.verify(created.secret, kT0 + 999)), nullptr);
  EXPECT_EQ(refused(verifier.verify(created.secret, kT0 + 1'000)).code, "organization_inactive");
}

TEST_P(ApiKeyVerifierTest, AClockGoingBackwardsDoesNotExtendTheCache) {
  auto created = createKey(org_.id);
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  ASSERT_NE(accepted(verifier.verify(created.secret, kT0)), nullptr);
  ASSERT_TRUE(keys_->softDelete(created.key.id, kT0));
  EXPECT_EQ(refused(verifier.verify(created.secret, kT0 - 1)).code, "api_key_revoked");
}

TEST_P(ApiKeyVerifierTest, InvalidateKeyMakesAChangeVisibleAtOnce) {
  auto created = createKey(org_.id);
  auto other = createKey(org_.id);
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  ASSERT_NE(accepted(verifier.verify(created.secret, kT0)), nullptr);
  ASSERT_NE(accepted(verifier.verify(other.secret, kT0)), nullptr);
  ASSERT_TRUE(keys_->softDelete(created.key.id, kT0));
  ASSERT_TRUE(keys_->softDelete(other.key.id, kT0));

  verifier.invalidateKey("key_unrelated");
  EXPECT_NE(accepted(verifier.verify(created.secret, kT0 + 1)), nullptr) << "another key's invalidation keeps it";

  verifier.invalidateKey(created.key.id);
  EXPECT_EQ(refused(verifier.verify(created.secret, kT0 + 2)).code, "api_key_revoked");
  EXPECT_NE(accepted(verifier.verify(other.secret, kT0 + 3)), nullptr) << "only that key was forgotten";
}

TEST_P(ApiKeyVerifierTest, InvalidateOrganizationMakesAChangeVisibleAtOnce) {
  NewOrganization otherRequest;
  otherRequest.name = "Globex";
  auto otherOrg = orgs_->create(otherRequest, kT0);
  auto created = createKey(org_.id);
  auto sibling = createKey(org_.id);
  auto outsider = createKey(otherOrg.id);
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  for (const auto* k : {&created, &sibling, &outsider}) ASSERT_NE(accepted(verifier.verify(k->secret, kT0)), nullptr);
  ASSERT_TRUE(orgs_->softDelete(org_.id, kT0));
  ASSERT_TRUE(orgs_->softDelete(otherOrg.id, kT0));
  EXPECT_NE(accepted(verifier.verify(created.secret, kT0 + 1)), nullptr) << "still cached";

  verifier.invalidateOrganization(org_.id);
  EXPECT_EQ(refused(verifier.verify(created.secret, kT0 + 2)).code, "organization_inactive");
  EXPECT_EQ(refused(verifier.verify(sibling.secret, kT0 + 2)).code, "organization_inactive");
  EXPECT_NE(accepted(verifier.verify(outsider.secret, kT0 + 2)), nullptr) << "another organization stays cached";
}

TEST_P(ApiKeyVerifierTest, AnUnknownKeyIsCachedForTheTtlToo) {
  const std::string secret = "gr-chosenSecretNotYetInTheDatabase000000000";
  ApiKeyVerifier verifier(*keys_, *orgs_, 1'000);
  EXPECT_EQ(refused(verifier.verify(secret, kT0)).code, "invalid_api_key");

  // The key appears (created elsewhere): a real row whose hash is that secret's.
  auto created = createKey(org_.id);
  {
    auto session = database_->session();
    std::string hash = ApiKeySecret::hash(secret);
    std::string id = created.key.id;
    session << "UPDATE api_keys SET key_hash = ? WHERE id = ?", Poco::Data::Keywords::use(hash),
        Poco::Data::Keywords::use(id), Poco::Data::Keywords::now;
  }
  ASSERT_NE(accepted(uncached().verify(secret, kT0)), nullptr) << "the row is there";

  EXPECT_EQ(refused(verifier.verify(secret, kT0 + 999)).code, "invalid_api_key") << "the miss is cached";
  auto key = accepted(verifier.verify(secret, kT0 + 1'000));
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->key.id, created.key.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeyVerifierTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gaiarouter
