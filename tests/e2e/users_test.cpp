// Users end to end: registration (on in development, off in production),
// login with a session token, the profile, rate-limited failures, disabled
// accounts, and tokens that are tampered with.
#include "ManagementFixture.h"

namespace gaiarouter::test {
namespace {

class Users : public ManagementTest {};

const std::string kPassword = "correct horse battery staple";

TEST_P(Users, RegisterThenLoginThenProfile) {
  auto& api = this->api();
  auto registered = api.expect(201, "POST", "/v1/auth/register",
                               R"({"email":"Ada@Example.com","name":"Ada","password":")" + kPassword + "\"}", {});
  EXPECT_EQ(registered->getObject("user")->getValue<std::string>("email"), "ada@example.com");
  EXPECT_EQ(registered->getObject("user")->getValue<std::string>("role"), "member");
  const std::string orgId = registered->getObject("organization")->getValue<std::string>("id");
  EXPECT_EQ(registered->getObject("organization")->getValue<std::string>("admin_user_id"),
            registered->getObject("user")->getValue<std::string>("id"));
  EXPECT_EQ(registered->getValue<std::string>("token_type"), "Bearer");
  EXPECT_EQ(registered->getObject("user")->has("password"), false);
  EXPECT_EQ(registered->getObject("user")->has("password_hash"), false);

  const std::string token = api.login("ada@example.com", kPassword);
  auto profile = api.expect(200, "GET", "/v1/auth/profile", "", bearer(token));
  EXPECT_EQ(profile->getObject("user")->getValue<std::string>("name"), "Ada");
  EXPECT_EQ(profile->getObject("organization")->getValue<std::string>("id"), orgId);
  EXPECT_TRUE(profile->getValue<bool>("is_organization_admin"));
  // The org-admin manages their organization and its keys.
  api.expect(201, "POST", "/v1/api-keys", R"({"name":"mine"})", bearer(token));
  api.expect(200, "PATCH", "/v1/organizations/" + orgId, R"({"name":"Ada's lab"})", bearer(token));

  auto again = api.call("POST", "/v1/auth/register",
                        R"({"email":"ada@example.com","name":"Ada","password":")" + kPassword + "\"}", {});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error()->getValue<std::string>("code"), "email_taken");
  api.call("POST", "/v1/auth/login", R"({"email":"ada@example.com","password":"wrong horse"})", {});

  // No password or session token reaches a log line.
  gateway_->stop();
  const std::string logs = gateway_->logText() + gateway_->output();
  EXPECT_NE(logs.find("login"), std::string::npos) << "the access lines are there: " << logs;
  for (const std::string& secret : {kPassword, std::string("wrong horse"), token}) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << secret;
  }
}

TEST_P(Users, FailedLoginsAreRateLimitedPerAccount) {
  start("  key_cache_ttl_ms: 0\n  login_max_failures: 3\n  login_window_s: 600\n");
  auto& api = this->api();
  api.user("bob@example.com", kPassword, "admin");
  for (int i = 0; i < 3; ++i) {
    auto r = api.call("POST", "/v1/auth/login", R"({"email":"bob@example.com","password":"wrong password"})", {});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.error()->getValue<std::string>("code"), "invalid_credentials");
  }
  // Even the right password waits now.
  auto blocked = api.call("POST", "/v1/auth/login", R"({"email":"bob@example.com","password":")" + kPassword + "\"}", {});
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.error()->getValue<std::string>("code"), "too_many_login_attempts");
  EXPECT_GT(std::stoi(blocked.header("retry-after")), 0);
  // An unknown account answers like a wrong password.
  auto unknown = api.call("POST", "/v1/auth/login", R"({"email":"nobody@example.com","password":"whatever"})", {});
  EXPECT_EQ(unknown.status, 429);  // same address: blocked as well
}

TEST_P(Users, DisabledUsersAndTamperedTokensAreRefused) {
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  const std::string id = api.user("carol@example.com", kPassword, "member", org);
  const std::string token = api.login("carol@example.com", kPassword);
  EXPECT_EQ(api.call("GET", "/v1/auth/profile", "", bearer(token)).status, 200);

  std::string tampered = token;
  tampered[tampered.find('.') + 3] ^= 1;
  EXPECT_EQ(api.call("GET", "/v1/auth/profile", "", bearer(tampered)).status, 401);

  api.expect(200, "PATCH", "/v1/users/" + id, R"({"status":"inactive"})");
  auto disabled = api.call("GET", "/v1/auth/profile", "", bearer(token));
  EXPECT_EQ(disabled.status, 401);  // the token outlived the account's status
  auto login = api.call("POST", "/v1/auth/login", R"({"email":"carol@example.com","password":")" + kPassword + "\"}", {});
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.error()->getValue<std::string>("code"), "account_disabled");
}

TEST_P(Users, AdminsManageUsersWithValidation) {
  auto& api = this->api();
  const std::string org = api.organization("Acme");
  auto r = api.call("POST", "/v1/users", R"({"email":"not-an-email","name":"X","password":"long enough"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error()->getValue<std::string>("param"), "email");
  r = api.call("POST", "/v1/users", R"({"email":"x@example.com","name":"X","password":"short"})");
  EXPECT_EQ(r.error()->getValue<std::string>("param"), "password");
  r = api.call("POST", "/v1/users", R"({"email":"x@example.com","name":"X","password":"long enough","role":"owner"})");
  EXPECT_EQ(r.error()->getValue<std::string>("param"), "role");
  r = api.call("POST", "/v1/users", R"({"email":"x@example.com","name":"X","password":"long enough","role":"member"})");
  EXPECT_EQ(r.error()->getValue<std::string>("param"), "organization_id");
  const std::string id = api.user("x@example.com", kPassword, "member", org);
  auto listed = api.expect(200, "GET", "/v1/users?search=X%40EXAMPLE&organization_id=" + org);
  EXPECT_EQ(listed->getValue<int>("total"), 1);
  EXPECT_EQ(listed->getArray("data")->getObject(0)->getValue<std::string>("id"), id);
  EXPECT_EQ(api.call("GET", "/v1/users/usr_nope").status, 404);
  api.expect(200, "DELETE", "/v1/users/" + id);
  EXPECT_EQ(api.expect(200, "GET", "/v1/users/" + id)->getValue<std::string>("status"), "deleted");
}

TEST_P(Users, RegistrationIsOffInProductionUnlessSwitchedOn) {
  start("  key_cache_ttl_ms: 0\n  jwt_secret: 0123456789abcdef0123456789abcdef-prod\n", {{"GAIAROUTER_MODE", "production"}});
  auto r = api().call("POST", "/v1/auth/register", R"({"email":"eve@example.com","name":"Eve","password":")" + kPassword + "\"}", {});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error()->getValue<std::string>("code"), "registration_disabled");
  start("  key_cache_ttl_ms: 0\n  jwt_secret: 0123456789abcdef0123456789abcdef-prod\n  registration: true\n",
        {{"GAIAROUTER_MODE", "production"}});
  EXPECT_EQ(api().call("POST", "/v1/auth/register", R"({"email":"eve@example.com","name":"Eve","password":")" + kPassword + "\"}", {}).status,
            201);
}

INSTANTIATE_TEST_SUITE_P(Backends, Users, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace gaiarouter::test
