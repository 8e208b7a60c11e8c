// Anthropic usage numbers and their OpenAI form.
#pragma once

#include "AnthropicJson.h"

#include <gaiarouter/plugin.hpp>

#include <cstdint>

namespace gaiarouter::plugins::anthropic {

class AnthropicTokenCounts {
 public:
  // Takes every count present in an Anthropic `usage` object (message, or
  // message_start / message_delta of a stream); absent ones keep their value.
  void update(const json::Object::Ptr& usage);

  bool known() const noexcept { return input_ >= 0 || output_ >= 0; }

  // prompt = input + cache read + cache creation; completion = output.
  sdk::Usage toUsage() const;

  // OpenAI "usage" object of the same numbers.
  json::Object::Ptr toJson() const;

 private:
  int64_t input_ = -1;
  int64_t cacheRead_ = -1;
  int64_t cacheCreation_ = -1;
  int64_t output_ = -1;
};

// OpenAI finish_reason for an Anthropic stop_reason.
const char* finishReasonFor(const std::string& stopReason);

}  // namespace gaiarouter::plugins::anthropic
