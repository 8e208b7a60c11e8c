#include "http/GatewayRequestHandlerFactory.h"

#include "console/ConsoleHandler.h"
#include "http/ErrorHandler.h"
#include "http/Routes.h"

#include <Poco/URI.h>
#include <fmt/format.h>

#include <set>

namespace gaiarouter {
namespace {

// "/api/v1/x" → "/v1/x": OpenRouter clients only change the base URL.
std::string canonicalPath(const std::string& uri) {
  std::string path = uri.substr(0, uri.find('?'));
  try {
    std::string decoded;
    Poco::URI::decode(path, decoded);
    path = decoded;
  } catch (const Poco::Exception&) {
  }
  if (path.rfind("/api/v1/", 0) == 0) path.erase(0, 4);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Paths whose first segment the API owns ("v1", "health", …, and "api" of
// the alias) keep the API's JSON 404 and 405; the console never answers them.
bool apiPath(const std::string& path) {
  static const std::set<std::string> owned = [] {
    std::set<std::string> out{"api"};
    for (const auto& route : routeTable()) out.insert(route.pattern.substr(1, route.pattern.find('/', 1) - 1));
    return out;
  }();
  if (path.empty() || path.front() != '/') return true;
  return owned.count(path.substr(1, path.find('/', 1) - 1)) > 0;
}

}  // namespace

Poco::Net::HTTPRequestHandler* GatewayRequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string& method = request.getMethod();
  if (method == "OPTIONS") return new PreflightHandler(gateway_);
  const std::string path = canonicalPath(request.getURI());
  RouteMatch match = matchRoute(method, path);
  if (match.route) return match.route->make(gateway_, std::move(match.params));
  if (console_ && !apiPath(path)) {
    if (method == "GET" || method == "HEAD") return new ConsoleHandler(gateway_, *console_);
    return new ErrorHandler(gateway_, ApiError::methodNotAllowed(method, "GET, HEAD"));
  }
  if (!match.allowed.empty()) return new ErrorHandler(gateway_, ApiError::methodNotAllowed(method, match.allowed));
  return new ErrorHandler(gateway_, ApiError::notFound(fmt::format("Unknown endpoint {} {}.", method, path.substr(0, 200)),
                                                       "unknown_endpoint"));
}

}  // namespace gaiarouter
