// The one error format of every endpoint:
//   {"error":{"message","type","code","param"[,"metadata"]}} with its HTTP status.
#pragma once

#include "upstream/UpstreamMessages.h"

#include <optional>
#include <string>

namespace gaiarouter {

struct ApiError {
  int status = 500;
  std::string type;     // invalid_request_error, authentication_error, ...
  std::string message;
  std::string code;     // "" → null
  std::string param;    // "" → null
  std::string metadataJson;  // optional JSON object with details ("" → omitted)
  HeaderList headers;   // extra response headers, e.g. Retry-After

  std::string toJson() const;

  static ApiError invalidRequest(std::string message, std::string param = {}, std::string code = {});
  static ApiError unauthorized(std::string message, std::string code = "invalid_api_key");
  static ApiError forbidden(std::string message, std::string code);
  static ApiError conflict(std::string message, std::string code, std::string param = {});
  static ApiError notFound(std::string message, std::string code);
  static ApiError methodNotAllowed(const std::string& method, const std::string& allowed);
  static ApiError payloadTooLarge(std::size_t limit);
};

}  // namespace gaiarouter
