#include "http/CorsPolicy.h"

#include <algorithm>

namespace gaiarouter {

bool CorsPolicy::allowsAny() const { return std::find(allowed_.begin(), allowed_.end(), "*") != allowed_.end(); }

bool CorsPolicy::allows(const std::string& origin) const {
  return allowsAny() || std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end();
}

void CorsPolicy::apply(const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const {
  const std::string origin = request.get("Origin", "");
  if (allowsAny()) {
    response.set("Access-Control-Allow-Origin", "*");
  } else if (!origin.empty() && allows(origin)) {
    response.set("Access-Control-Allow-Origin", origin);
    response.set("Vary", "Origin");
  } else {
    return;
  }
  response.set("Access-Control-Expose-Headers", "x-request-id, retry-after");
}

void CorsPolicy::preflight(const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const {
  apply(request, response);
  response.set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
  const std::string requested = request.get("Access-Control-Request-Headers", "");
  response.set("Access-Control-Allow-Headers",
               requested.empty() ? "Authorization, Content-Type, X-Request-Id, HTTP-Referer, X-Title" : requested);
  response.set("Access-Control-Max-Age", "86400");
  response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
  response.setContentLength(0);
  response.send();
}

}  // namespace gaiarouter
