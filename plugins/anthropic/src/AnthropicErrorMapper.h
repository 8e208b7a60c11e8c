// Classifies Anthropic errors (HTTP responses and in-stream error events).
#pragma once

#include "AnthropicJson.h"

#include <gaiarouter/plugin.hpp>

#include <string_view>

namespace gaiarouter::plugins::anthropic {

class AnthropicErrorMapper {
 public:
  // A non-2xx response: body {type:"error", error:{type, message}, request_id?}
  // when Anthropic answered, anything else when a proxy did. Never copies the
  // raw body into the message.
  static sdk::Error fromHttp(const sdk::HttpResponse& response);

  // An error envelope {type:"error", error:{...}} as parsed JSON; `status` is
  // the HTTP status (0 for an error event inside a 200 stream).
  static sdk::Error fromEnvelope(const json::Object::Ptr& envelope, int status);

  // Kind for an Anthropic error type; falls back to the HTTP status when the
  // type is unknown or empty.
  static gr_error_kind kindFor(std::string_view type, int status);

  // retry-after-ms (milliseconds) or retry-after (seconds); 0 when absent.
  static uint32_t retryAfterMs(const sdk::HttpResponse& response);
};

}  // namespace gaiarouter::plugins::anthropic
