#include "GoogleUsage.h"

#include "GoogleJson.h"

namespace gaiarouter::plugins::google {

using Poco::JSON::Object;

std::optional<sdk::Usage> GoogleUsage::fromMetadata(const Object::Ptr& metadata) {
  if (!metadata) return std::nullopt;
  auto count = [&](const char* key) { return GoogleJson::asInt(metadata->get(key)); };
  const auto prompt = count("promptTokenCount");
  const auto toolPrompt = count("toolUsePromptTokenCount");
  const auto candidates = count("candidatesTokenCount");
  const auto thoughts = count("thoughtsTokenCount");
  const auto total = count("totalTokenCount");
  const auto cached = count("cachedContentTokenCount");

  sdk::Usage usage;
  usage.promptTokens = prompt.value_or(0) + toolPrompt.value_or(0);
  usage.completionTokens = candidates.value_or(0) + thoughts.value_or(0);
  usage.totalTokens = total.value_or(usage.promptTokens + usage.completionTokens);
  usage.cachedPromptTokens = cached.value_or(-1);
  usage.reasoningTokens = thoughts.value_or(-1);
  return usage;
}

Object::Ptr GoogleUsage::toJson(const sdk::Usage& usage) {
  Object::Ptr out = GoogleJson::object();
  out->set("prompt_tokens", usage.promptTokens);
  out->set("completion_tokens", usage.completionTokens);
  out->set("total_tokens", usage.totalTokens);
  if (usage.cachedPromptTokens >= 0) {
    Object::Ptr details = GoogleJson::object();
    details->set("cached_tokens", usage.cachedPromptTokens);
    out->set("prompt_tokens_details", details);
  }
  if (usage.reasoningTokens >= 0) {
    Object::Ptr details = GoogleJson::object();
    details->set("reasoning_tokens", usage.reasoningTokens);
    out->set("completion_tokens_details", details);
  }
  return out;
}

}  // namespace gaiarouter::plugins::google
