// Anthropic Messages API SSE stream -> OpenAI chat.completion.chunk objects.
#pragma once

#include "AnthropicJson.h"
#include "AnthropicTokenCounts.h"

#include <gaiarouter/plugin.hpp>
#include <gaiarouter/sse_decoder.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::anthropic {

class AnthropicStreamParser : public sdk::StreamParser {
 public:
  // Copies what it needs from `request` (borrowed). `created` is reported in
  // every chunk.
  AnthropicStreamParser(const sdk::ChatRequest& request, int64_t created);

  void feed(std::string_view bytes, sdk::EventSink& out) override;
  void finish(sdk::EventSink& out) override;

 private:
  enum class BlockKind { Text, ToolUse, Thinking, Other };
  struct Block {
    BlockKind kind = BlockKind::Other;
    int toolIndex = -1;          // OpenAI tool_calls index, from 0 in order of appearance
    bool argumentsSent = false;  // a non-empty arguments fragment went out
  };

  void onEvent(const sdk::SseEvent& event, sdk::EventSink& out);
  void onMessageStart(const json::Object::Ptr& data, sdk::EventSink& out);
  void onBlockStart(const json::Object::Ptr& data, sdk::EventSink& out);
  void onBlockDelta(const json::Object::Ptr& data, sdk::EventSink& out);
  void onBlockStop(const json::Object::Ptr& data, sdk::EventSink& out);
  void onMessageDelta(const json::Object::Ptr& data, sdk::EventSink& out);
  void onMessageStop(sdk::EventSink& out);

  // The block an event refers to; nullptr after reporting a bad response.
  Block* blockOf(const json::Object::Ptr& data, const char* event, sdk::EventSink& out);

  json::Object::Ptr chunk() const;
  bool emitDelta(sdk::EventSink& out, const json::Object::Ptr& delta, const char* finishReason = nullptr);
  bool emitToolArguments(sdk::EventSink& out, int toolIndex, const std::string& fragment);
  bool emit(sdk::EventSink& out, const json::Object::Ptr& chunk);
  void fail(sdk::EventSink& out, sdk::Error error);
  void badResponse(sdk::EventSink& out, const std::string& message);
  bool stopped() const noexcept { return failed_ || cancelled_ || done_; }

  sdk::SseDecoder decoder_;
  const int64_t created_;
  const std::string fallbackId_;
  const std::string fallbackModel_;
  bool includeUsage_ = false;

  std::string id_;
  std::string model_;
  std::map<int64_t, Block> blocks_;
  int nextToolIndex_ = 0;
  AnthropicTokenCounts counts_;
  bool started_ = false;     // message_start seen
  bool finishSent_ = false;  // finish_reason chunk emitted
  bool done_ = false;        // message_stop seen
  bool failed_ = false;      // an error was emitted
  bool cancelled_ = false;   // the client is gone
};

}  // namespace gaiarouter::plugins::anthropic
