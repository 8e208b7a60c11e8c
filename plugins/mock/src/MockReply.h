// What the mock answers to one request, decided by MockReplyPlanner before
// anything is emitted.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gaiarouter::plugins::mock {

struct MockToolCall {
  std::string id;         // "call_mock_<n>"
  std::string name;       // the function called
  std::string arguments;  // a JSON text, sent as a JSON string
};

struct MockReply {
  std::string id;     // "chatcmpl-mock-<requestId>"
  std::string model;  // the upstream model name, e.g. "echo"
  // The assistant text in stream order; concatenated they give the content.
  // Each piece is one word with the whitespace before it.
  std::vector<std::string> chunks;
  std::optional<MockToolCall> toolCall;  // set: the reply is this tool call, no content
  std::string finishReason;              // "stop", "length" or "tool_calls"
  sdk::Usage usage;
  bool includeUsage = false;  // client sent stream_options.include_usage: true
  int wordDelayMs = 0;        // pause between streamed pieces
  // Set for "mock:error-midstream": a stream fails with this after `chunks`;
  // a non-stream request fails with it at once.
  std::optional<sdk::Error> midStreamError;

  std::string content() const {
    std::string text;
    for (const auto& c : chunks) text += c;
    return text;
  }
};

}  // namespace gaiarouter::plugins::mock
