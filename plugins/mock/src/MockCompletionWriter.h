// Builds the OpenAI JSON the mock emits: one chat.completion, or the
// chat.completion.chunk objects of a stream. All output of one writer shares
// its id, created and model.
#pragma once

#include "MockReply.h"

#include <Poco/Dynamic/Var.h>
#include <gaiarouter/plugin.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::mock {

class MockCompletionWriter {
 public:
  MockCompletionWriter(std::string id, int64_t created, std::string model)
      : id_(std::move(id)), created_(created), model_(std::move(model)) {}

  // The whole reply as one "chat.completion", usage included.
  std::string completion(const MockReply& reply) const;

  // Stream chunks.
  std::string roleChunk() const;                          // delta {"role":"assistant","content":""}
  std::string contentChunk(std::string_view text) const;  // delta {"content":text}
  std::string toolCallStartChunk(const MockToolCall& call) const;  // index, id, type, name, arguments ""
  std::string toolCallArgumentsChunk(std::string_view fragment) const;
  std::string finishChunk(std::string_view finishReason) const;  // delta {} + finish_reason
  std::string usageChunk(const sdk::Usage& usage) const;         // "choices":[] + usage

 private:
  std::string chunk(const Poco::Dynamic::Var& delta, const Poco::Dynamic::Var& finishReason) const;

  std::string id_;
  int64_t created_;
  std::string model_;
};

}  // namespace gaiarouter::plugins::mock
