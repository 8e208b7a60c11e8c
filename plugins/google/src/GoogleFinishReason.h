// Gemini candidate finishReason -> OpenAI finish_reason.
#pragma once

#include <string>
#include <string_view>

namespace gaiarouter::plugins::google {

class GoogleFinishReason {
 public:
  // STOP (or none) -> "stop", or "tool_calls" when the candidate had
  // functionCall parts (Gemini says STOP for those too); MAX_TOKENS ->
  // "length"; SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII,
  // IMAGE_SAFETY -> "content_filter"; anything else -> "stop".
  static std::string toOpenAi(std::string_view finishReason, bool hasToolCalls);
};

}  // namespace gaiarouter::plugins::google
