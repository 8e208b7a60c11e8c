// GET /openapi.json on the real binary, and every operation it documents
// answered by a handler (not the router's 404 unknown_endpoint or 405), both
// under /v1 and under the /api/v1 alias.
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/String.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace gaiarouter::test {
namespace {

using Poco::JSON::Object;

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gateway_ = new GatewayProcess({GatewayProcess::config(R"(providers:
  mock:
    plugin: mock
    options: {stream_delay_ms: 0}
)"),
                                   {},
                                   "",
                                   true});
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  static uint16_t port() { return gateway_->port(); }

  static GatewayProcess* gateway_;
};
GatewayProcess* OpenApiTest::gateway_ = nullptr;

struct Operation {
  std::string method;  // upper case
  std::string path;    // a concrete path
};

// Every documented operation, with dummy values for the path parameters.
std::vector<Operation> documentedOperations(const Object::Ptr& doc) {
  static const std::set<std::string> methods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};
  std::vector<Operation> out;
  for (const auto& [path, value] : *doc->getObject("paths")) {
    // {model} is a whole model id with its slash; other ids need not exist.
    std::string concrete = std::regex_replace(path, std::regex(R"(\{model\})"), "mock/echo");
    concrete = std::regex_replace(concrete, std::regex(R"(\{[A-Za-z_]+\})"), "does-not-exist");
    for (const auto& [method, _] : *value.extract<Object::Ptr>()) {
      if (methods.count(method)) out.push_back({Poco::toUpper(method), concrete});
    }
  }
  return out;
}

// The answer came from the endpoint's handler, not from the router.
void expectAnsweredByAHandler(const HttpResult& r, const std::string& what) {
  EXPECT_NE(r.status, 405) << what << ": " << r.body;
  EXPECT_NE(r.status, 0) << what;
  if (r.status == 404) {
    auto error = r.error();
    ASSERT_TRUE(error) << what << ": " << r.body;
    EXPECT_FALSE(error->isNull("code")) << what << ": " << r.body;
    if (!error->isNull("code")) {
      EXPECT_NE(error->getValue<std::string>("code"), "unknown_endpoint") << what << ": " << r.body;
    }
  }
  EXPECT_LT(r.status, 500) << what << ": " << r.body;
}

TEST_F(OpenApiTest, DocumentIsServedWithoutAKey) {
  auto r = httpRequest(port(), "GET", "/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto doc = r.json();
  EXPECT_EQ(doc->getValue<std::string>("openapi"), "3.0.3");
  const std::string version = doc->getObject("info")->getValue<std::string>("version");
  auto health = httpRequest(port(), "GET", "/health").json();
  EXPECT_EQ(version, health->getValue<std::string>("version"));
  EXPECT_GE(documentedOperations(doc).size(), 28u);
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsAnswered) {
  auto doc = httpRequest(port(), "GET", "/openapi.json").json();
  const auto operations = documentedOperations(doc);
  ASSERT_FALSE(operations.empty());
  int aliased = 0;
  for (const auto& op : operations) {
    // Bodies stay "{}": a validation error proves the route exists, and no
    // chat completion is ever run.
    const std::string body = op.method == "POST" || op.method == "PATCH" ? "{}" : "";
    std::vector<std::string> paths{op.path};
    if (op.path.rfind("/v1/", 0) == 0) {
      paths.push_back("/api" + op.path);
      ++aliased;
    }
    for (const auto& path : paths) {
      auto r = httpRequest(port(), op.method, path, body, bearer(kTestAdminKey));
      expectAnsweredByAHandler(r, op.method + " " + path);
    }
  }
  EXPECT_GE(aliased, 25);
}

TEST_F(OpenApiTest, RoutesTheRouterDoesNotKnowAreStill404And405) {
  // The checks above are meaningful: the router's own answers look like this.
  auto unknown = httpRequest(port(), "GET", "/v1/does-not-exist", "", bearer(kTestAdminKey));
  ASSERT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(unknown.error()->getValue<std::string>("code"), "unknown_endpoint");
  auto wrongMethod = httpRequest(port(), "PUT", "/v1/api-keys/does-not-exist", "{}", bearer(kTestAdminKey));
  ASSERT_EQ(wrongMethod.status, 405) << wrongMethod.body;
  EXPECT_EQ(wrongMethod.error()->getValue<std::string>("code"), "method_not_allowed");
  EXPECT_EQ(wrongMethod.header("allow"), "GET, PATCH, DELETE");
}

}  // namespace
}  // namespace gaiarouter::test
