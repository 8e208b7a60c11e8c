#include "http/GatewayRequestHandlerFactory.h"

#include "http/ChatCompletionsHandler.h"
#include "http/ErrorHandler.h"
#include "http/HealthHandler.h"
#include "http/ModelsHandler.h"

#include <Poco/URI.h>
#include <fmt/format.h>

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

}  // namespace

Poco::Net::HTTPRequestHandler* GatewayRequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string& method = request.getMethod();
  const std::string path = canonicalPath(request.getURI());
  if (method == "OPTIONS") return new PreflightHandler(gateway_);

  auto only = [&](const char* allowed, auto make) -> Poco::Net::HTTPRequestHandler* {
    if (method == allowed) return make();
    return new ErrorHandler(gateway_, ApiError::methodNotAllowed(method, allowed));
  };
  if (path == "/v1/chat/completions") return only("POST", [&] { return new ChatCompletionsHandler(gateway_); });
  if (path == "/v1/models") return only("GET", [&] { return new ModelsHandler(gateway_, ""); });
  if (path.rfind("/v1/models/", 0) == 0) {
    return only("GET", [&] { return new ModelsHandler(gateway_, path.substr(11)); });
  }
  if (path == "/health") return only("GET", [&] { return new HealthHandler(gateway_, false); });
  if (path == "/ready") return only("GET", [&] { return new HealthHandler(gateway_, true); });
  return new ErrorHandler(gateway_, ApiError::notFound(fmt::format("Unknown endpoint {} {}.", method, path.substr(0, 200)),
                                                       "unknown_endpoint"));
}

}  // namespace gaiarouter
