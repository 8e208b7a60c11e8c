// Gemini error bodies {error:{code,message,status,details[]}} -> sdk::Error.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace gaiarouter::plugins::google {

class GoogleErrorTranslator {
 public:
  // The error of a complete upstream response with a non-2xx status (or a
  // 2xx body that is an error object). Never copies a non-JSON body.
  static sdk::Error fromResponse(const sdk::HttpResponse& response);

  // The error described by an `error` object; httpStatus 0 when it arrived
  // inside a 200 stream (error.code is then reported as the status).
  static sdk::Error fromErrorObject(const Poco::JSON::Object::Ptr& error, int httpStatus);

  // "13s", "0.5s", "1.250s" (protobuf Duration JSON) -> milliseconds, rounded up.
  static std::optional<uint32_t> parseDuration(std::string_view text);
};

}  // namespace gaiarouter::plugins::google
