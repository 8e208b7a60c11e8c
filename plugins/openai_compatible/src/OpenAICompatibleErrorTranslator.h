// Turns OpenAI-style upstream errors into canonical sdk::Error values.
//
// Error bodies look like {"error": {"message", "type", "param", "code"}};
// compatible servers vary: OpenRouter and vLLM send a numeric code, vLLM puts
// the fields at top level ({"object":"error","message",...}), Ollama sends
// {"error": "text"}. All are understood; the dialect adds its extras.
#pragma once

#include "OpenAICompatibleDialect.h"

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

#include <optional>
#include <string_view>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleErrorTranslator {
 public:
  explicit OpenAICompatibleErrorTranslator(const OpenAICompatibleDialect& dialect) noexcept : dialect_(dialect) {}

  // The error for a non-2xx upstream response, classified by HTTP status.
  sdk::Error fromHttpResponse(const sdk::HttpResponse& response) const;

  // The error for an error object inside a 2xx body or a stream (no error
  // status: classified by its code, then its type; UPSTREAM by default).
  sdk::Error fromEmbedded(const Poco::JSON::Object& error) const;

  // Kind for an error code or type string such as "rate_limit_exceeded" or
  // "server_error", or an HTTP-like number such as "429"; nullopt if unknown.
  static std::optional<gr_error_kind> kindForCode(std::string_view code) noexcept;
  // Retry advice: `retry-after-ms`, else `retry-after` seconds, else OpenAI's
  // "Please try again in 1.5s" / "in 20ms" in the message; 0 when none.
  static uint32_t retryAfterMs(const sdk::HttpResponse& response, std::string_view message);

 private:
  // Fills message/type/param/code from `error` (an OpenAI error object).
  static void readFields(const Poco::JSON::Object& error, sdk::Error& out);

  const OpenAICompatibleDialect& dialect_;
};

}  // namespace gaiarouter::plugins::openai_compatible
