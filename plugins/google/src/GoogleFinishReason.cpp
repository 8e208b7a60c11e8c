#include "GoogleFinishReason.h"

#include <array>

namespace gaiarouter::plugins::google {

std::string GoogleFinishReason::toOpenAi(std::string_view reason, bool hasToolCalls) {
  static constexpr std::array<std::string_view, 6> kFiltered{
      "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"};
  if (reason.empty() || reason == "STOP") return hasToolCalls ? "tool_calls" : "stop";
  if (reason == "MAX_TOKENS") return "length";
  for (auto filtered : kFiltered) {
    if (reason == filtered) return "content_filter";
  }
  return "stop";
}

}  // namespace gaiarouter::plugins::google
