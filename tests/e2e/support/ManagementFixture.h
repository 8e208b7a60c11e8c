// End-to-end tests of the management API on each backend: a fresh database
// ("sqlite": a temporary file; "mysql": a new database on the MariaDB that
// scripts/test starts), the real gaiarouter on it with the mock provider, and
// a small client for creating organizations, keys and users.
#pragma once

#include "TestDatabase.h"
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace gaiarouter::test {

// The master key as a header.
inline Headers master() { return bearer(kTestAdminKey); }

// Calls the API and checks the status; throws (failing the test) if it
// differs, so helpers can return the parsed body.
class ManagementClient {
 public:
  explicit ManagementClient(uint16_t port) : port_(port) {}
  void setPort(uint16_t port) { port_ = port; }

  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const Headers& headers = master()) const {
    return httpRequest(port_, method, path, body, headers);
  }
  Poco::JSON::Object::Ptr expect(int status, const std::string& method, const std::string& path,
                                 const std::string& body = "", const Headers& headers = master()) const {
    auto r = call(method, path, body, headers);
    if (r.status != status) {
      throw std::runtime_error(method + " " + path + ": expected " + std::to_string(status) + ", got " +
                               std::to_string(r.status) + ": " + r.body);
    }
    return r.json();
  }

  // An organization; `extra` is more JSON fields (",\"limits\":{…}").
  std::string organization(const std::string& name, const std::string& extra = "") const {
    return expect(201, "POST", "/v1/organizations", "{\"name\":\"" + name + "\"" + extra + "}")->getValue<std::string>("id");
  }
  struct Key {
    std::string id;
    std::string secret;
  };
  Key key(const std::string& organizationId, const std::string& permissions = "[\"read\",\"write\"]",
          const std::string& extra = "") const {
    auto o = expect(201, "POST", "/v1/api-keys",
                    "{\"name\":\"test key\",\"organization_id\":\"" + organizationId + "\",\"permissions\":" + permissions +
                        extra + "}");
    return {o->getValue<std::string>("id"), o->getValue<std::string>("key")};
  }
  std::string user(const std::string& email, const std::string& password, const std::string& role,
                   const std::string& organizationId = "") const {
    std::string body = "{\"email\":\"" + email + "\",\"name\":\"Test User\",\"password\":\"" + password +
                       "\",\"role\":\"" + role + "\"";
    if (!organizationId.empty()) body += ",\"organization_id\":\"" + organizationId + "\"";
    return expect(201, "POST", "/v1/users", body + "}")->getValue<std::string>("id");
  }
  // A session token for the user.
  std::string login(const std::string& email, const std::string& password) const {
    return expect(200, "POST", "/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", {})
        ->getValue<std::string>("token");
  }
  HttpResult chat(const Headers& headers, const std::string& model = "mock/echo", bool stream = false) const {
    return call("POST", "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"stream\":" + (stream ? "true" : "false") +
                    ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}",
                headers);
  }

 private:
  uint16_t port_;
};

// Parameterized by backend: "sqlite" or "mysql".
class ManagementTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!TestDatabase::available(*db_)) GTEST_SKIP() << "no MariaDB here (scripts/test starts one)";
    start();
  }
  void TearDown() override {
    gateway_.reset();
    db_.reset();
  }

  // (Re)starts the gateway on the test's database. `auth` replaces the auth
  // section's settings; `env` adds environment.
  void start(const std::string& auth = "", std::map<std::string, std::string> env = {}) {
    gateway_.reset();
    gateway_ = std::make_unique<GatewayProcess>(options(auth, std::move(env)));
    client_ = std::make_unique<ManagementClient>(gateway_->port());
  }
  GatewayProcess::Options options(const std::string& auth, std::map<std::string, std::string> env) const {
    GatewayProcess::Options o;
    o.yaml = GatewayProcess::config("auth:\n" + (auth.empty() ? std::string("  key_cache_ttl_ms: 0\n") : auth) + R"(
providers:
  mock:
    plugin: mock
    options: {stream_delay_ms: 0}
)");
    env["GAIAROUTER_DATABASE_URL"] = db_->url();
    o.env = std::move(env);
    return o;
  }

  ManagementClient& api() { return *client_; }
  uint16_t port() const { return gateway_->port(); }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<GatewayProcess> gateway_;
  std::unique_ptr<ManagementClient> client_;
};

}  // namespace gaiarouter::test
