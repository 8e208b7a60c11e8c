#include "http/Routes.h"

#include "http/ChatCompletionsHandler.h"
#include "http/HealthHandler.h"
#include "http/ModelsHandler.h"
#include "http/OpenApiHandler.h"
#include "management/ActivityHandler.h"
#include "management/ApiKeysHandler.h"
#include "management/AuthHandler.h"
#include "management/CreditBalanceHandler.h"
#include "management/CreditsHandler.h"
#include "management/KeyInfoHandler.h"
#include "management/OrganizationsHandler.h"
#include "management/ServerInfoHandler.h"
#include "management/StatsHandler.h"
#include "management/UsersHandler.h"

namespace gaiarouter {
namespace {

using Params = std::vector<std::string>;

template <typename Handler, typename Op>
HandlerMaker op(Op operation) {
  return [operation](const Gateway& g, Params p) { return new Handler(g, operation, std::move(p)); };
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

const std::vector<RouteSpec>& routeTable() {
  using Keys = ApiKeysHandler::Op;
  using Orgs = OrganizationsHandler::Op;
  using Users = UsersHandler::Op;
  using Auth = AuthHandler::Op;
  using Credits = CreditsHandler::Op;
  using Stats = StatsHandler::Op;
  using Activity = ActivityHandler::Op;
  static const std::vector<RouteSpec> routes = {
      {"POST", "/v1/chat/completions", [](const Gateway& g, Params) { return new ChatCompletionsHandler(g); }},
      {"GET", "/v1/models", [](const Gateway& g, Params) { return new ModelsHandler(g, ""); }},
      {"GET", "/v1/models/{model+}", [](const Gateway& g, Params p) { return new ModelsHandler(g, p.at(0)); }},
      {"GET", "/v1/key", [](const Gateway& g, Params) { return new KeyInfoHandler(g); }},
      {"GET", "/v1/credits", [](const Gateway& g, Params) { return new CreditBalanceHandler(g); }},

      {"POST", "/v1/auth/register", [](const Gateway& g, Params) { return new AuthHandler(g, Auth::Register); }},
      {"POST", "/v1/auth/login", [](const Gateway& g, Params) { return new AuthHandler(g, Auth::Login); }},
      {"GET", "/v1/auth/profile", [](const Gateway& g, Params) { return new AuthHandler(g, Auth::Profile); }},

      {"POST", "/v1/api-keys", op<ApiKeysHandler>(Keys::Create)},
      {"GET", "/v1/api-keys", op<ApiKeysHandler>(Keys::List)},
      {"GET", "/v1/api-keys/{id}", op<ApiKeysHandler>(Keys::Get)},
      {"PATCH", "/v1/api-keys/{id}", op<ApiKeysHandler>(Keys::Update)},
      {"DELETE", "/v1/api-keys/{id}", op<ApiKeysHandler>(Keys::Delete)},

      {"POST", "/v1/organizations", op<OrganizationsHandler>(Orgs::Create)},
      {"GET", "/v1/organizations", op<OrganizationsHandler>(Orgs::List)},
      {"GET", "/v1/organizations/{id}", op<OrganizationsHandler>(Orgs::Get)},
      {"PATCH", "/v1/organizations/{id}", op<OrganizationsHandler>(Orgs::Update)},
      {"DELETE", "/v1/organizations/{id}", op<OrganizationsHandler>(Orgs::Delete)},
      {"POST", "/v1/organizations/{id}/api-keys", op<ApiKeysHandler>(Keys::CreateInOrganization)},
      {"GET", "/v1/organizations/{id}/api-keys", op<ApiKeysHandler>(Keys::ListInOrganization)},
      {"DELETE", "/v1/organizations/{id}/api-keys/{key_id}", op<ApiKeysHandler>(Keys::RemoveFromOrganization)},

      {"GET", "/v1/stats", op<StatsHandler>(Stats::Global)},
      {"GET", "/v1/generation", op<ActivityHandler>(Activity::Generation)},
      {"GET", "/v1/activity", op<ActivityHandler>(Activity::Activity)},
      {"GET", "/v1/rankings", op<ActivityHandler>(Activity::Rankings)},
      {"GET", "/v1/organizations/{id}/stats", op<StatsHandler>(Stats::Organization)},
      {"GET", "/v1/api-keys/{id}/stats", op<StatsHandler>(Stats::ApiKey)},

      {"POST", "/v1/organizations/{id}/credits", op<CreditsHandler>(Credits::Change)},
      {"GET", "/v1/organizations/{id}/credits/transactions", op<CreditsHandler>(Credits::Transactions)},

      {"POST", "/v1/users", op<UsersHandler>(Users::Create)},
      {"GET", "/v1/users", op<UsersHandler>(Users::List)},
      {"GET", "/v1/users/{id}", op<UsersHandler>(Users::Get)},
      {"PATCH", "/v1/users/{id}", op<UsersHandler>(Users::Update)},
      {"DELETE", "/v1/users/{id}", op<UsersHandler>(Users::Delete)},

      {"GET", "/v1/server", [](const Gateway& g, Params) { return new ServerInfoHandler(g); }},
      {"GET", "/openapi.json", [](const Gateway& g, Params) { return new OpenApiHandler(g); }},
      {"GET", "/health", [](const Gateway& g, Params) { return new HealthHandler(g, false); }},
      {"GET", "/ready", [](const Gateway& g, Params) { return new HealthHandler(g, true); }},
  };
  return routes;
}

std::optional<std::vector<std::string>> matchPattern(const std::string& pattern, const std::string& path) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  const auto want = split(pattern), have = split(path);
  std::vector<std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const std::string& w = want[i];
    const bool param = w.size() > 2 && w.front() == '{' && w.back() == '}';
    if (param && w[w.size() - 2] == '+') {
      // The rest of the path, at least one non-empty segment.
      if (i >= have.size()) return std::nullopt;
      std::string rest;
      for (std::size_t j = i; j < have.size(); ++j) {
        if (have[j].empty()) return std::nullopt;
        rest += (j == i ? "" : "/") + have[j];
      }
      params.push_back(rest);
      return params;
    }
    if (i >= have.size()) return std::nullopt;
    if (param) {
      if (have[i].empty()) return std::nullopt;
      params.push_back(have[i]);
    } else if (w != have[i]) {
      return std::nullopt;
    }
  }
  if (have.size() != want.size()) return std::nullopt;
  return params;
}

RouteMatch matchRoute(const std::string& method, const std::string& path) {
  RouteMatch out;
  for (const auto& route : routeTable()) {
    auto params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (out.allowed.find(route.method) == std::string::npos) {
      out.allowed += (out.allowed.empty() ? "" : ", ") + route.method;
    }
    if (!out.route && route.method == method) {
      out.route = &route;
      out.params = std::move(*params);
    }
  }
  return out;
}

}  // namespace gaiarouter
