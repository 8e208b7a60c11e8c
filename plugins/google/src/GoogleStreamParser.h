// Gemini streamGenerateContent?alt=sse -> OpenAI chat.completion.chunk events.
#pragma once

#include <gaiarouter/plugin.hpp>
#include <gaiarouter/sse_decoder.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace gaiarouter::plugins::google {

// Each SSE data event is a whole GenerateContentResponse carrying the next
// increment of text; functionCall parts arrive whole (one tool_call delta
// with id, name and the full arguments); usageMetadata repeats (the last one
// wins and is reported at finish()); finishReason ends a choice; a
// promptFeedback block ends the stream with finish_reason content_filter; an
// `error` object ends it with an error.
class GoogleStreamParser : public sdk::StreamParser {
 public:
  // `created` is used unless the upstream reports a createTime.
  GoogleStreamParser(const sdk::ChatRequest& request, int64_t created);

  void feed(std::string_view bytes, sdk::EventSink& out) override;
  void finish(sdk::EventSink& out) override;

 private:
  struct Choice {
    bool started = false;
    bool finished = false;
    bool hasToolCalls = false;
    int64_t toolIndex = 0;
  };

  void onEvent(const std::string& data, sdk::EventSink& out);
  void identify(const Poco::JSON::Object::Ptr& response);
  void handleCandidate(const Poco::JSON::Object::Ptr& candidate, int64_t index, sdk::EventSink& out);
  // Emits the role chunk of a choice once. False when the client is gone.
  bool start(Choice& choice, int64_t index, sdk::EventSink& out);
  bool emitChoice(int64_t index, const Poco::JSON::Object::Ptr& delta, const Poco::Dynamic::Var& finishReason,
                  sdk::EventSink& out);
  bool emit(const Poco::JSON::Object::Ptr& chunk, sdk::EventSink& out);
  Poco::JSON::Object::Ptr chunk() const;
  void fail(const sdk::Error& error, sdk::EventSink& out);
  bool complete() const;

  std::string requestId_;
  std::string upstreamModel_;
  bool includeUsage_ = false;

  std::string id_;
  std::string model_;
  int64_t created_;
  bool identified_ = false;

  sdk::SseDecoder decoder_;
  std::map<int64_t, Choice> choices_;
  std::size_t toolCounter_ = 0;  // across choices, for unique tool call ids
  std::optional<sdk::Usage> usage_;
  bool finishing_ = false;
  bool done_ = false;  // error emitted, client gone or stream complete
};

}  // namespace gaiarouter::plugins::google
