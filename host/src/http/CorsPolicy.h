// Cross-origin rules: which browser origins may call the API.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>
#include <vector>

namespace gaiarouter {

class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> allowedOrigins) : allowed_(std::move(allowedOrigins)) {}

  // Adds the Access-Control-Allow-* headers every response carries.
  void apply(const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
  // Answers an OPTIONS preflight (204).
  void preflight(const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;

 private:
  bool allowsAny() const;
  bool allows(const std::string& origin) const;

  std::vector<std::string> allowed_;
};

}  // namespace gaiarouter
