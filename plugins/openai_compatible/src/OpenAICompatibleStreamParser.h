// Parses an OpenAI-format SSE stream (chat.completion.chunk events).
//
// Chunks pass through as they came (the data payload's bytes when nothing had
// to change). Beyond that:
//  - a chunk's "usage" goes to EventSink::usage. The request always asks the
//    upstream for usage, so a usage-only chunk ("choices": []) is forwarded and
//    other chunks keep their "usage" member only when the client itself asked
//    for stream_options.include_usage;
//  - "data: [DONE]" is the natural end and is not forwarded (the host writes
//    its own); without it the stream still ends quietly once a finish_reason
//    was seen (some compatible servers omit it; a last event cut short after
//    that is dropped), otherwise finish() reports GR_ERROR_BAD_RESPONSE;
//  - a chunk carrying an error (see OpenAICompatibleDialect::embeddedError) or
//    an "event: error" becomes one error event, and nothing follows it;
//  - SSE comments (OpenRouter's ": OPENROUTER PROCESSING") are skipped, and a
//    chunk with an empty "choices" and no usage carries nothing and is dropped.
#pragma once

#include "OpenAICompatibleDialect.h"
#include "OpenAICompatibleErrorTranslator.h"

#include <gaiarouter/plugin.hpp>
#include <gaiarouter/sse_decoder.hpp>

#include <memory>
#include <string_view>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleStreamParser : public sdk::StreamParser {
 public:
  OpenAICompatibleStreamParser(std::shared_ptr<const OpenAICompatibleDialect> dialect, bool clientWantsUsage);

  void feed(std::string_view bytes, sdk::EventSink& out) override;
  void finish(sdk::EventSink& out) override;

 private:
  void onEvent(const sdk::SseEvent& event, sdk::EventSink& out);
  // Emits `chunk`: its payload bytes `data` unless it was `modified` or spans lines.
  void forward(const Poco::JSON::Object::Ptr& chunk, std::string_view data, bool modified, sdk::EventSink& out);
  void fail(sdk::Error error, sdk::EventSink& out);
  bool stopped() const noexcept { return done_ || failed_ || cancelled_; }

  std::shared_ptr<const OpenAICompatibleDialect> dialect_;
  OpenAICompatibleErrorTranslator errors_;
  sdk::SseDecoder decoder_;
  bool clientWantsUsage_;
  bool sawFinishReason_ = false;
  bool finishing_ = false;  // finish() is dispatching an unterminated last event
  bool done_ = false;       // "data: [DONE]" seen
  bool failed_ = false;     // an error was emitted
  bool cancelled_ = false;  // the client is gone
};

}  // namespace gaiarouter::plugins::openai_compatible
