// Every endpoint the gateway answers, as data: method, path pattern and the
// handler that serves it. The request handler factory matches against this
// table, and a test checks it against the OpenAPI document both ways.
//
// Patterns are literal segments and "{name}" (one segment); "{name+}" takes
// the rest of the path (model ids contain '/'). "/api/v1/…" is an alias of
// "/v1/…" for OpenRouter clients, applied before matching.
#pragma once

#include "app/Gateway.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gaiarouter {

using HandlerMaker = std::function<Poco::Net::HTTPRequestHandler*(const Gateway&, std::vector<std::string>)>;

struct RouteSpec {
  std::string method;
  std::string pattern;
  HandlerMaker make;
};

const std::vector<RouteSpec>& routeTable();

struct RouteMatch {
  const RouteSpec* route = nullptr;  // null: no route for this method
  std::vector<std::string> params;
  std::string allowed;  // methods the path has ("GET, POST"), "" if none
};

// Matches a canonical path ("/v1/…", decoded, no trailing slash).
RouteMatch matchRoute(const std::string& method, const std::string& path);
// The parameters of `path` for `pattern`, or nothing if it does not match.
std::optional<std::vector<std::string>> matchPattern(const std::string& pattern, const std::string& path);

}  // namespace gaiarouter
