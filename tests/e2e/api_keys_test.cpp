// Database API keys on the chat endpoint and through the management API:
// the secret is shown once, verification (status, expiry, permission,
// organization), revocation on this instance at once and on another one
// within the cache TTL, batched last_used_at, and validation errors.
#include "ManagementFixture.h"

#include <Poco/Data/Session.h>

#include <chrono>
#include <thread>

namespace gaiarouter::test {
namespace {

using namespace std::chrono_literals;

class ApiKeysE2E : public ManagementTest {};

std::string errorCode(const HttpResult& r) { return r.error()->getValue<std::string>("code"); }

TEST_P(ApiKeysE2E, TheSecretIsShownOnceAndTheKeyChats) {
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  auto created = api.expect(201, "POST", "/v1/api-keys", R"({"name":"ci","organization_id":")" + org + "\"}");
  const std::string secret = created->getValue<std::string>("key");
  const std::string id = created->getValue<std::string>("id");
  EXPECT_EQ(secret.rfind("gr-", 0), 0u);
  EXPECT_EQ(secret.substr(0, 10), created->getValue<std::string>("key_prefix"));
  // Never again: not in get, not in lists.
  auto got = api.call("GET", "/v1/api-keys/" + id);
  EXPECT_EQ(got.body.find(secret), std::string::npos);
  EXPECT_FALSE(got.json()->has("key"));
  EXPECT_EQ(api.call("GET", "/v1/api-keys").body.find(secret), std::string::npos);

  auto chat = api.chat(bearer(secret));
  EXPECT_EQ(chat.status, 200) << chat.body;
  auto info = api.expect(200, "GET", "/v1/key", "", bearer(secret));
  EXPECT_EQ(info->getObject("data")->getValue<std::string>("id"), id);
}

TEST_P(ApiKeysE2E, VerificationRefusesWhatItShould) {
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  const auto key = api.key(org);

  auto unknown = api.chat(bearer("gr-0000000000000000000000000000000000000000000"));
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(errorCode(unknown), "invalid_api_key");

  // Disabled, then active again.
  api.expect(200, "PATCH", "/v1/api-keys/" + key.id, R"({"status":"inactive"})");
  auto disabled = api.chat(bearer(key.secret));
  EXPECT_EQ(disabled.status, 401);
  EXPECT_EQ(errorCode(disabled), "api_key_disabled");
  api.expect(200, "PATCH", "/v1/api-keys/" + key.id, R"({"status":"active"})");
  EXPECT_EQ(api.chat(bearer(key.secret)).status, 200);

  // Expired: moved into the past directly in the database (the API only
  // accepts future times).
  {
    DatabaseUrl url = DatabaseUrl::parse(db_->url());
    Database database(url, 1);
    auto session = database.session();
    int64_t past = 1'000'000'000'000;
    std::string id = key.id;
    session << "UPDATE api_keys SET expires_at = ? WHERE id = ?", Poco::Data::Keywords::use(past),
        Poco::Data::Keywords::use(id), Poco::Data::Keywords::now;
  }
  auto expired = api.chat(bearer(key.secret));
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(errorCode(expired), "api_key_expired");
  EXPECT_NE(expired.error()->getValue<std::string>("message").find("expired at 2001-09-09T01:46:40Z"), std::string::npos)
      << expired.body;

  // The organization disabled: its keys stop at once.
  const auto second = api.key(org);
  api.expect(200, "PATCH", "/v1/organizations/" + org, R"({"status":"inactive"})");
  auto inactiveOrg = api.chat(bearer(second.secret));
  EXPECT_EQ(inactiveOrg.status, 403);
  EXPECT_EQ(errorCode(inactiveOrg), "organization_inactive");
  api.expect(200, "PATCH", "/v1/organizations/" + org, R"({"status":"active"})");
  EXPECT_EQ(api.chat(bearer(second.secret)).status, 200);
  api.expect(200, "DELETE", "/v1/organizations/" + org);
  EXPECT_EQ(api.chat(bearer(second.secret)).status, 403);
}

TEST_P(ApiKeysE2E, PermissionsDecideTheEndpoints) {
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  const auto reader = api.key(org, "[\"read\"]");
  auto chat = api.chat(bearer(reader.secret));
  EXPECT_EQ(chat.status, 403);
  EXPECT_EQ(errorCode(chat), "insufficient_permissions");
  EXPECT_EQ(api.call("GET", "/v1/models", "", bearer(reader.secret)).status, 200);
  // Granting write makes it chat (no restart, no wait: this instance's cache
  // is invalidated).
  api.expect(200, "PATCH", "/v1/api-keys/" + reader.id, R"({"permissions":["read","write"]})");
  EXPECT_EQ(api.chat(bearer(reader.secret)).status, 200);
}

TEST_P(ApiKeysE2E, RevokedOnAnotherInstanceDiesWithinTheCacheTtl) {
  // Two gateways on one database, keys cached for one second.
  start("  key_cache_ttl_ms: 1000\n");
  GatewayProcess other(options("  key_cache_ttl_ms: 1000\n", {}));
  ManagementClient otherApi(other.port());
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  const auto key = api.key(org);
  ASSERT_EQ(api.chat(bearer(key.secret)).status, 200);  // now cached here

  otherApi.expect(200, "DELETE", "/v1/api-keys/" + key.id);
  // The revoking instance refuses it at once.
  auto there = otherApi.chat(bearer(key.secret));
  EXPECT_EQ(there.status, 401);
  EXPECT_EQ(errorCode(there), "api_key_revoked");
  // This one within the TTL (plus scheduling slack).
  const auto revokedAt = std::chrono::steady_clock::now();
  int status = 200;
  while (status == 200 && std::chrono::steady_clock::now() - revokedAt < 3s) {
    status = api.chat(bearer(key.secret)).status;
    if (status == 200) std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - revokedAt, 1s + 500ms);
}

TEST_P(ApiKeysE2E, LastUsedIsWrittenInBatchesAndAtShutdown) {
  start("  key_cache_ttl_ms: 0\n  last_used_flush_ms: 600000\n");
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  const auto key = api.key(org);
  ASSERT_EQ(api.chat(bearer(key.secret)).status, 200);
  // Not written per request: the batch is due in ten minutes...
  auto before = api.expect(200, "GET", "/v1/api-keys/" + key.id);
  EXPECT_TRUE(before->isNull("last_used_at")) << api.call("GET", "/v1/api-keys/" + key.id).body;
  // ...but shutdown writes it.
  EXPECT_EQ(gateway_->stop(), 0);
  start();
  auto after = this->api().expect(200, "GET", "/v1/api-keys/" + key.id);
  EXPECT_FALSE(after->isNull("last_used_at"));
}

TEST_P(ApiKeysE2E, ListFiltersAndPages) {
  auto& api = this->api();
  const std::string a = api.organization("A"), b = api.organization("B");
  for (int i = 0; i < 5; ++i) {
    api.expect(201, "POST", "/v1/api-keys", R"({"name":"batch )" + std::to_string(i) + R"(","organization_id":")" + a + "\"}");
  }
  const auto other = api.key(b);
  api.expect(200, "DELETE", "/v1/api-keys/" + other.id);

  auto page = api.expect(200, "GET", "/v1/api-keys?limit=2&page=2&organization_id=" + a + "&order=asc");
  EXPECT_EQ(page->getValue<int>("total"), 5);
  ASSERT_EQ(page->getArray("data")->size(), 2u);
  EXPECT_EQ(page->getArray("data")->getObject(0)->getValue<std::string>("name"), "batch 2");
  EXPECT_TRUE(page->getValue<bool>("has_more"));
  EXPECT_EQ(api.expect(200, "GET", "/v1/api-keys?name=BATCH%203")->getValue<int>("total"), 1);
  // Deleted keys are history: hidden unless asked for.
  EXPECT_EQ(api.expect(200, "GET", "/v1/api-keys?organization_id=" + b)->getValue<int>("total"), 0);
  EXPECT_EQ(api.expect(200, "GET", "/v1/api-keys?status=deleted")->getValue<int>("total"), 1);
  EXPECT_EQ(api.expect(200, "GET", "/v1/api-keys?created_after=2999-01-01T00:00:00Z")->getValue<int>("total"), 0);
  // Moving a key to another organization.
  auto moved = api.expect(200, "PATCH", "/v1/api-keys/" + page->getArray("data")->getObject(0)->getValue<std::string>("id"),
                          R"({"organization_id":")" + b + "\"}");
  EXPECT_EQ(moved->getValue<std::string>("organization_id"), b);
  EXPECT_EQ(api.expect(200, "GET", "/v1/organizations/" + b + "/api-keys")->getValue<int>("total"), 1);
}

TEST_P(ApiKeysE2E, BadInputIsA400NamingTheField) {
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  const std::string orgField = R"(,"organization_id":")" + org + "\"";
  struct Case {
    std::string body;
    std::string param;
  };
  const std::vector<Case> cases = {
      {"{}", "name"},
      {R"({"name":""})" , "name"},
      {R"({"name":5})", "name"},
      {R"({"name":")" + std::string(201, 'x') + "\"}", "name"},
      {R"({"name":"k","colour":"red")" + orgField + "}", "colour"},
      {R"({"name":"k","permissions":["fly"])" + orgField + "}", "permissions"},
      {R"({"name":"k","permissions":[])" + orgField + "}", "permissions"},
      {R"({"name":"k","permissions":"read")" + orgField + "}", "permissions"},
      {R"({"name":"k","expires_at":"tomorrow")" + orgField + "}", "expires_at"},
      {R"({"name":"k","expires_at":"2001-01-01T00:00:00Z")" + orgField + "}", "expires_at"},
      {R"({"name":"k","limits":{"monthly_requests":-1})" + orgField + "}", "limits.monthly_requests"},
      {R"({"name":"k","limits":{"monthly_requests":1.5})" + orgField + "}", "limits.monthly_requests"},
      {R"({"name":"k","limits":{"monthly_cost":"5"})" + orgField + "}", "limits.monthly_cost"},
      {R"({"name":"k","limits":{"weekly":1})" + orgField + "}", "limits.weekly"},
      {R"({"name":"k"})", "organization_id"},
  };
  for (const auto& c : cases) {
    auto r = api.call("POST", "/v1/api-keys", c.body);
    EXPECT_EQ(r.status, 400) << c.body << " → " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(r.error()->getValue<std::string>("param"), c.param) << c.body << " → " << r.body;
      EXPECT_EQ(r.error()->getValue<std::string>("type"), "invalid_request_error");
    }
  }
  EXPECT_EQ(api.call("POST", "/v1/api-keys", "not json").status, 400);
  EXPECT_EQ(api.call("POST", "/v1/api-keys", "[1,2]").status, 400);
  auto unknownOrg = api.call("POST", "/v1/api-keys", R"({"name":"k","organization_id":"org_nope"})");
  EXPECT_EQ(unknownOrg.status, 404);
  EXPECT_EQ(unknownOrg.error()->getValue<std::string>("param"), "organization_id");
  EXPECT_EQ(api.call("GET", "/v1/api-keys/key_nope").status, 404);
  EXPECT_EQ(api.call("PATCH", "/v1/api-keys/key_nope", R"({"name":"x"})").status, 404);
  EXPECT_EQ(api.call("DELETE", "/v1/api-keys/key_nope").status, 404);
  auto badQuery = api.call("GET", "/v1/api-keys?limit=1000");
  EXPECT_EQ(badQuery.status, 400);
  EXPECT_EQ(badQuery.error()->getValue<std::string>("param"), "limit");
  EXPECT_EQ(api.call("GET", "/v1/api-keys?sort=name").error()->getValue<std::string>("param"), "sort");
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeysE2E, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter::test
