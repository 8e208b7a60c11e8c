// MockProvider — the "mock" plugin: a deterministic local provider for demos
// and tests. It does no network I/O and needs no credentials, so the whole
// gateway pipeline (routing, streaming, usage, errors, tool loops) can be
// exercised with `scripts/run` and the end-to-end tests.
//
// OPTIONS (provider options JSON)
//   stream_delay_ms   pause between streamed words, integer 0..60000, default 20.
//
// MODELS (list_models; the model is the upstream model name, e.g. "echo")
//   echo   repeats the last user message.
//   tools  like echo, but answers with a tool call whenever the request has tools.
//   error  always fails with a 500 (GR_ERROR_UPSTREAM).
//   slow   like echo, but 200 ms between streamed words whatever stream_delay_ms says.
//   Any other model name behaves like echo.
//
// WHAT IT ANSWERS (first rule that applies wins)
//   1. Model "error", or a last user message whose text starts with
//      "mock:error <status>" (e.g. "mock:error 429"): the request fails before
//      anything is emitted, message "mock error <status> requested",
//      upstream status <status> (a missing or out-of-range status means 500):
//        400/413/422 and other 4xx -> INVALID_REQUEST   401 -> AUTHENTICATION
//        402 -> INSUFFICIENT_CREDITS   403 -> PERMISSION   404 -> NOT_FOUND
//        408/504 -> TIMEOUT   429 -> RATE_LIMITED (retry after 1000 ms)
//        503/529 -> OVERLOADED   other 5xx -> UPSTREAM
//   2. A last user message starting with "mock:error-midstream": a stream
//      sends the role chunk and the first two words of the echo, then fails
//      with UPSTREAM "mock error mid-stream requested" (no HTTP status, no
//      usage); a non-stream request fails with that error at once.
//   3. Tool call: the request has a non-empty "tools" array, the last message
//      is a user message, tool_choice is not "none", and the model is "tools",
//      or the user text contains the word "tool", or tool_choice is
//      "required" or names a function. The reply calls the named function
//      (else the first tool) with id "call_mock_<n>" (n = tool calls already
//      in the conversation + 1) and arguments {"input": "<last user text>"};
//      finish_reason "tool_calls". Streamed as a delta with id and name and
//      arguments "", then the arguments in two fragments.
//   4. The last message is a tool result: the reply is
//      "Tool result: <tool message content>", finish_reason "stop".
//   5. Otherwise the reply is the text of the last user message (its content
//      string, or its text parts joined by a space), finish_reason "stop".
//   Text replies stream word by word (each chunk is one word with the
//   whitespace before it, so the chunks concatenate to the exact text).
//   max_completion_tokens (or max_tokens), and the model's max_output_tokens
//   from the registry, cut the reply to that many words with finish_reason
//   "length"; they must be positive integers.
//
// USAGE
//   prompt_tokens = whitespace-separated words in the text of all messages;
//   completion_tokens = words in the reply (the arguments text for a tool
//   call); total = the sum. Reported to the host, in the chat.completion, and
//   as a final chunk with "choices":[] only when the client sent
//   "stream_options":{"include_usage":true}.
//
// IDS
//   id "chatcmpl-mock-<request id>", model = the upstream model name,
//   created = the time the request started.
#pragma once

#include "MockReplyPlanner.h"

#include <gaiarouter/plugin.hpp>

#include <string>

namespace gaiarouter::plugins::mock {

class MockProvider : public sdk::LocalProvider {
 public:
  static constexpr int kDefaultStreamDelayMs = 20;

  // Throws std::invalid_argument for unusable options (create then fails).
  MockProvider(const sdk::Host& host, const sdk::ProviderConfig& config);

  void complete(const sdk::ChatRequest& request, sdk::EventSink& out) override;
  std::string listModels() const override;

  int streamDelayMs() const noexcept { return streamDelayMs_; }

 private:
  int streamDelayMs_ = kDefaultStreamDelayMs;
};

}  // namespace gaiarouter::plugins::mock
