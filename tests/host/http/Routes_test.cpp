// The route table against the OpenAPI document (both ways), and the path
// matching of the request handler factory.
#include "http/OpenApiHandler.h"
#include "http/Routes.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace gaiarouter {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::set<std::string> kHttpMethods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

Object::Ptr document() {
  return Poco::JSON::Parser().parse(openApiJson()).extract<Object::Ptr>();
}

// "/v1/models/{model+}" → "/v1/models/{model}": OpenAPI has no rest-of-path
// parameters.
std::string openApiPath(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{([A-Za-z_]+)\+\})"), "{$1}");
}

// Every "$ref" value in the document.
void collectRefs(const Poco::Dynamic::Var& node, std::vector<std::string>& out) {
  if (node.type() == typeid(Object::Ptr)) {
    for (const auto& [key, value] : *node.extract<Object::Ptr>()) {
      if (key == "$ref" && value.isString()) out.push_back(value.extract<std::string>());
      else collectRefs(value, out);
    }
  } else if (node.type() == typeid(Array::Ptr)) {
    auto array = node.extract<Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) collectRefs(array->get(static_cast<unsigned>(i)), out);
  }
}

std::string join(const std::vector<std::string>& items) {
  std::ostringstream out;
  for (const auto& item : items) out << "\n  " << item;
  return out.str();
}

TEST(OpenApiDocument, IsOpenApi303WithTheBuildVersion) {
  auto doc = document();
  EXPECT_EQ(doc->getValue<std::string>("openapi"), "3.0.3");
  ASSERT_TRUE(doc->getObject("info"));
  EXPECT_FALSE(doc->getObject("info")->getValue<std::string>("version").empty());
  ASSERT_TRUE(doc->getObject("paths"));
  ASSERT_TRUE(doc->getObject("components"));
  auto schemes = doc->getObject("components")->getObject("securitySchemes");
  ASSERT_TRUE(schemes && schemes->getObject("bearerAuth"));
  EXPECT_EQ(schemes->getObject("bearerAuth")->getValue<std::string>("scheme"), "bearer");
}

TEST(OpenApiDocument, DocumentsEveryRoute) {
  auto paths = document()->getObject("paths");
  std::vector<std::string> missing;
  for (const auto& route : routeTable()) {
    const std::string path = openApiPath(route.pattern);
    auto item = paths->getObject(path);
    if (!item || !item->has(Poco::toLower(route.method))) missing.push_back(route.method + " " + path);
  }
  EXPECT_TRUE(missing.empty()) << "routes missing from host/openapi/openapi.yaml:" << join(missing);
}

TEST(OpenApiDocument, EveryDocumentedOperationHasARoute) {
  auto paths = document()->getObject("paths");
  std::set<std::string> routes;
  for (const auto& route : routeTable()) routes.insert(route.method + " " + openApiPath(route.pattern));
  std::vector<std::string> unrouted;
  std::size_t operations = 0;
  for (const auto& [path, value] : *paths) {
    auto item = value.extract<Object::Ptr>();
    for (const auto& [key, _] : *item) {
      if (!kHttpMethods.count(key)) continue;  // parameters, summary, ...
      ++operations;
      const std::string name = Poco::toUpper(key) + " " + path;
      if (!routes.count(name)) unrouted.push_back(name);
    }
  }
  EXPECT_TRUE(unrouted.empty()) << "documented operations without a route in host/src/http/Routes.cpp:"
                                << join(unrouted);
  EXPECT_EQ(operations, routeTable().size());
}

TEST(OpenApiDocument, OperationsAreCompleteAndReferencesResolve) {
  auto doc = document();
  std::set<std::string> operationIds;
  std::vector<std::string> problems;
  for (const auto& [path, value] : *doc->getObject("paths")) {
    auto item = value.extract<Object::Ptr>();
    // Path parameters may be declared on the path item or the operation.
    std::set<std::string> shared;
    if (auto params = item->getArray("parameters")) {
      for (std::size_t i = 0; i < params->size(); ++i) {
        auto p = params->getObject(static_cast<unsigned>(i));
        if (p->has("name")) shared.insert(p->getValue<std::string>("name"));
        if (p->has("$ref")) {
          const std::string ref = p->getValue<std::string>("$ref");
          auto resolved = doc->getObject("components")->getObject("parameters")->getObject(ref.substr(ref.rfind('/') + 1));
          if (resolved) shared.insert(resolved->getValue<std::string>("name"));
        }
      }
    }
    for (const auto& [method, op] : *item) {
      if (!kHttpMethods.count(method)) continue;
      const std::string name = Poco::toUpper(method) + " " + path;
      auto operation = op.extract<Object::Ptr>();
      for (const char* field : {"operationId", "summary", "security", "responses"}) {
        if (!operation->has(field)) problems.push_back(name + ": no " + field);
      }
      if (operation->has("operationId") && !operationIds.insert(operation->getValue<std::string>("operationId")).second) {
        problems.push_back(name + ": duplicate operationId");
      }
      std::set<std::string> declared = shared;
      if (auto params = operation->getArray("parameters")) {
        for (std::size_t i = 0; i < params->size(); ++i) {
          auto p = params->getObject(static_cast<unsigned>(i));
          if (p->has("name")) declared.insert(p->getValue<std::string>("name"));
        }
      }
      static const std::regex param(R"(\{([A-Za-z_]+)\})");
      for (std::sregex_iterator it(path.begin(), path.end(), param), end; it != end; ++it) {
        if (!declared.count((*it)[1].str())) problems.push_back(name + ": path parameter " + (*it)[1].str() + " not declared");
      }
    }
  }
  // Every "$ref": "#/components/<kind>/<name>" names something that exists.
  std::vector<std::string> refs;
  collectRefs(Poco::Dynamic::Var(doc), refs);
  EXPECT_GT(refs.size(), 50u);
  auto components = doc->getObject("components");
  static const std::regex local(R"(#/components/([A-Za-z]+)/([A-Za-z0-9_]+))");
  for (const auto& ref : refs) {
    std::smatch m;
    auto kind = std::regex_match(ref, m, local) ? components->getObject(m[1].str()) : nullptr;
    if (!kind || !kind->has(m[2].str())) problems.push_back("unresolved $ref " + ref);
  }
  EXPECT_TRUE(problems.empty()) << join(problems);
}

// --- matching ---

TEST(MatchPattern, ExtractsParameters) {
  EXPECT_EQ(matchPattern("/v1/api-keys/{id}", "/v1/api-keys/key_1"), std::vector<std::string>{"key_1"});
  EXPECT_EQ(matchPattern("/v1/organizations/{id}/api-keys/{key_id}", "/v1/organizations/org_1/api-keys/key_2"),
            (std::vector<std::string>{"org_1", "key_2"}));
  EXPECT_EQ(matchPattern("/health", "/health"), std::vector<std::string>{});
}

TEST(MatchPattern, RefusesOtherPaths) {
  EXPECT_FALSE(matchPattern("/health", "/healthz"));
  EXPECT_FALSE(matchPattern("/health", "/health/x"));
  EXPECT_FALSE(matchPattern("/v1/api-keys/{id}", "/v1/api-keys"));
  EXPECT_FALSE(matchPattern("/v1/api-keys/{id}", "/v1/api-keys/key_1/extra"));
  EXPECT_FALSE(matchPattern("/v1/api-keys/{id}", "/v1/users/key_1"));
  EXPECT_FALSE(matchPattern("/v1/api-keys", "/v1/api-keys/key_1"));
  EXPECT_FALSE(matchPattern("/health", "health"));
  EXPECT_FALSE(matchPattern("/health", ""));
}

TEST(MatchPattern, RefusesEmptyAndTrailingSegments) {
  EXPECT_FALSE(matchPattern("/v1/api-keys/{id}", "/v1/api-keys/"));
  EXPECT_FALSE(matchPattern("/v1/api-keys/{id}", "/v1/api-keys/key_1/"));
  EXPECT_FALSE(matchPattern("/v1/organizations/{id}/api-keys", "/v1/organizations//api-keys"));
  EXPECT_FALSE(matchPattern("/v1/api-keys", "/v1/api-keys/"));
}

TEST(MatchPattern, RestOfPathTakesSlashes) {
  EXPECT_EQ(matchPattern("/v1/models/{model+}", "/v1/models/openai/gpt-4o"), std::vector<std::string>{"openai/gpt-4o"});
  EXPECT_EQ(matchPattern("/v1/models/{model+}", "/v1/models/openrouter/anthropic/claude-3-opus"),
            std::vector<std::string>{"openrouter/anthropic/claude-3-opus"});
  EXPECT_EQ(matchPattern("/v1/models/{model+}", "/v1/models/echo"), std::vector<std::string>{"echo"});
  // At least one segment, none of them empty.
  EXPECT_FALSE(matchPattern("/v1/models/{model+}", "/v1/models"));
  EXPECT_FALSE(matchPattern("/v1/models/{model+}", "/v1/models/"));
  EXPECT_FALSE(matchPattern("/v1/models/{model+}", "/v1/models/openai/"));
  EXPECT_FALSE(matchPattern("/v1/models/{model+}", "/v1/models/openai//gpt-4o"));
  EXPECT_FALSE(matchPattern("/v1/models/{model+}", "/v1/other/openai/gpt-4o"));
}

TEST(MatchRoute, PicksTheRouteOfTheMethod) {
  auto get = matchRoute("GET", "/v1/api-keys/key_1");
  ASSERT_TRUE(get.route);
  EXPECT_EQ(get.route->method, "GET");
  EXPECT_EQ(get.route->pattern, "/v1/api-keys/{id}");
  EXPECT_EQ(get.params, std::vector<std::string>{"key_1"});
  EXPECT_EQ(get.allowed, "GET, PATCH, DELETE");

  auto del = matchRoute("DELETE", "/v1/organizations/org_1/api-keys/key_2");
  ASSERT_TRUE(del.route);
  EXPECT_EQ(del.route->pattern, "/v1/organizations/{id}/api-keys/{key_id}");
  EXPECT_EQ(del.params, (std::vector<std::string>{"org_1", "key_2"}));
  EXPECT_EQ(del.allowed, "DELETE");

  auto list = matchRoute("GET", "/v1/models");
  ASSERT_TRUE(list.route);
  EXPECT_EQ(list.route->pattern, "/v1/models");
  EXPECT_TRUE(list.params.empty());

  auto model = matchRoute("GET", "/v1/models/openai/gpt-4o");
  ASSERT_TRUE(model.route);
  EXPECT_EQ(model.route->pattern, "/v1/models/{model+}");
  EXPECT_EQ(model.params, std::vector<std::string>{"openai/gpt-4o"});
}

TEST(MatchRoute, WrongMethodListsTheAllowedOnes) {
  auto put = matchRoute("PUT", "/v1/api-keys/key_1");
  EXPECT_FALSE(put.route);
  EXPECT_EQ(put.allowed, "GET, PATCH, DELETE");

  auto chat = matchRoute("GET", "/v1/chat/completions");
  EXPECT_FALSE(chat.route);
  EXPECT_EQ(chat.allowed, "POST");

  auto keys = matchRoute("DELETE", "/v1/api-keys");
  EXPECT_FALSE(keys.route);
  EXPECT_EQ(keys.allowed, "POST, GET");

  auto health = matchRoute("POST", "/health");
  EXPECT_FALSE(health.route);
  EXPECT_EQ(health.allowed, "GET");
}

TEST(MatchRoute, UnknownPathHasNoRouteAndNoMethods) {
  for (const char* path : {"/v1/nope", "/v1", "/", "/v1/api-keys/key_1/extra", "/api/v1/models", "/v1/models/"}) {
    auto m = matchRoute("GET", path);
    EXPECT_FALSE(m.route) << path;
    EXPECT_EQ(m.allowed, "") << path;
  }
}

TEST(MatchRoute, EveryRouteIsReachable) {
  // A concrete path for each pattern reaches that very route: no route is
  // shadowed by an earlier one.
  for (const auto& route : routeTable()) {
    std::string path = std::regex_replace(route.pattern, std::regex(R"(\{[A-Za-z_]+\+\})"), "provider/model");
    path = std::regex_replace(path, std::regex(R"(\{[A-Za-z_]+\})"), "x1");
    auto m = matchRoute(route.method, path);
    EXPECT_EQ(m.route, &route) << route.method << " " << path;
    EXPECT_NE(m.allowed.find(route.method), std::string::npos) << route.method << " " << path;
  }
}

}  // namespace
}  // namespace gaiarouter
