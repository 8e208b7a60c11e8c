// Checks a chat completions body before anything is sent anywhere: valid
// JSON, the required fields, and the types of the fields clients commonly
// get wrong. `param` in the error names the offending field.
#pragma once

#include "http/ApiError.h"

#include <string>
#include <string_view>
#include <variant>

namespace gaiarouter {

struct ValidatedChat {
  std::string model;
  bool stream = false;
};

class ChatRequestValidator {
 public:
  static std::variant<ValidatedChat, ApiError> validate(std::string_view body);
};

}  // namespace gaiarouter
