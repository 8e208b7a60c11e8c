// Checks a chat completions body before anything is sent anywhere: valid
// JSON, the required fields, and the types of the fields clients commonly
// get wrong. `param` in the error names the offending field.
#pragma once

#include "http/ApiError.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace gaiarouter {

struct ValidatedChat {
  std::string model;
  bool stream = false;
  // "usage": {"include": true} (OpenRouter's form): the answer's usage
  // carries its cost, and a stream ends with a usage chunk.
  bool includeUsageCost = false;
  // The body to send on when it had to change (a stream with usage.include
  // gets stream_options.include_usage); empty: the client's body as is.
  std::string rewrittenBody;
  int64_t promptBytes = 0;  // size of the messages, for estimating tokens
};

class ChatRequestValidator {
 public:
  static std::variant<ValidatedChat, ApiError> validate(std::string_view body);
};

}  // namespace gaiarouter
