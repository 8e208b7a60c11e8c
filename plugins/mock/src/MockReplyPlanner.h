// Decides what the mock answers to a request (see the rules in MockProvider.h).
#pragma once

#include "MockReply.h"

#include <gaiarouter/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gaiarouter::plugins::mock {

class MockReplyPlanner {
 public:
  // `streamDelayMs` is the pause between streamed words for every model but
  // "slow" (which always uses kSlowDelayMs).
  explicit MockReplyPlanner(int streamDelayMs) noexcept : streamDelayMs_(streamDelayMs) {}

  // Throws sdk::ProviderError for a request the mock rejects and for the
  // errors a request asks for ("mock:error <status>", model "error").
  MockReply plan(const sdk::ChatRequest& request) const;

  static constexpr int kSlowDelayMs = 200;

  // Splits text into pieces of one word each, the whitespace before a word
  // kept with it and trailing whitespace kept with the last piece, so the
  // pieces concatenate back to `text` exactly.
  static std::vector<std::string> splitWords(std::string_view text);
  // Number of whitespace-separated words.
  static int64_t countWords(std::string_view text) noexcept;
  // The error a "mock:error <status>" asks for.
  static sdk::Error errorForStatus(int status);

 private:
  int streamDelayMs_;
};

}  // namespace gaiarouter::plugins::mock
