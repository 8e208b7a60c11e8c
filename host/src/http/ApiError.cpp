#include "http/ApiError.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <fmt/format.h>

#include <sstream>

namespace gaiarouter {

std::string ApiError::toJson() const {
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  error->set("message", message);
  error->set("type", type);
  error->set("code", code.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(code));
  error->set("param", param.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(param));
  if (!metadataJson.empty()) {
    try {
      error->set("metadata", Poco::JSON::Parser().parse(metadataJson));
    } catch (const Poco::Exception&) {
    }
  }
  Poco::JSON::Object root;
  root.set("error", error);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

ApiError ApiError::invalidRequest(std::string message, std::string param, std::string code) {
  return ApiError{400, "invalid_request_error", std::move(message), std::move(code), std::move(param), {}, {}};
}

ApiError ApiError::unauthorized(std::string message, std::string code) {
  return ApiError{401, "authentication_error", std::move(message), std::move(code), {}, {}, {{"WWW-Authenticate", "Bearer"}}};
}

ApiError ApiError::forbidden(std::string message, std::string code) {
  return ApiError{403, "permission_error", std::move(message), std::move(code), {}, {}, {}};
}

ApiError ApiError::conflict(std::string message, std::string code, std::string param) {
  return ApiError{409, "invalid_request_error", std::move(message), std::move(code), std::move(param), {}, {}};
}

ApiError ApiError::notFound(std::string message, std::string code) {
  return ApiError{404, "invalid_request_error", std::move(message), std::move(code), {}, {}, {}};
}

ApiError ApiError::methodNotAllowed(const std::string& method, const std::string& allowed) {
  return ApiError{405, "invalid_request_error", fmt::format("Method {} is not allowed here; use {}.", method, allowed),
                  "method_not_allowed", {}, {}, {{"Allow", allowed}}};
}

ApiError ApiError::payloadTooLarge(std::size_t limit) {
  return ApiError{413, "invalid_request_error",
                  fmt::format("Request body is larger than the limit of {} bytes.", limit), "request_too_large", {}, {}, {}};
}

}  // namespace gaiarouter
