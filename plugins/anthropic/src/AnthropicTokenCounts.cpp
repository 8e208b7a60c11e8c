#include "AnthropicTokenCounts.h"

namespace gaiarouter::plugins::anthropic {

namespace {

void take(const json::Object::Ptr& usage, const char* key, int64_t& into) {
  if (auto v = json::getInt(usage, key); v && *v >= 0) into = *v;
}

}  // namespace

void AnthropicTokenCounts::update(const json::Object::Ptr& usage) {
  if (usage.isNull()) return;
  take(usage, "input_tokens", input_);
  take(usage, "cache_read_input_tokens", cacheRead_);
  take(usage, "cache_creation_input_tokens", cacheCreation_);
  take(usage, "output_tokens", output_);
}

sdk::Usage AnthropicTokenCounts::toUsage() const {
  sdk::Usage u;
  if (input_ >= 0) {
    u.promptTokens = input_ + (cacheRead_ > 0 ? cacheRead_ : 0) + (cacheCreation_ > 0 ? cacheCreation_ : 0);
  }
  u.completionTokens = output_;
  if (u.promptTokens >= 0 && u.completionTokens >= 0) u.totalTokens = u.promptTokens + u.completionTokens;
  u.cachedPromptTokens = cacheRead_;
  u.cacheWriteTokens = cacheCreation_;
  return u;
}

json::Object::Ptr AnthropicTokenCounts::toJson() const {
  const sdk::Usage u = toUsage();
  json::Object::Ptr out = json::object();
  auto number = [](int64_t v) { return v >= 0 ? json::Var(v) : json::Var(); };
  out->set("prompt_tokens", number(u.promptTokens));
  out->set("completion_tokens", number(u.completionTokens));
  out->set("total_tokens", number(u.totalTokens));
  if (u.cachedPromptTokens >= 0) {
    json::Object::Ptr details = json::object();
    details->set("cached_tokens", u.cachedPromptTokens);
    out->set("prompt_tokens_details", details);
  }
  return out;
}

const char* finishReasonFor(const std::string& stopReason) {
  if (stopReason == "max_tokens" || stopReason == "model_context_window_exceeded") return "length";
  if (stopReason == "tool_use") return "tool_calls";
  if (stopReason == "refusal") return "content_filter";
  // end_turn, stop_sequence, pause_turn and anything newer.
  return "stop";
}

}  // namespace gaiarouter::plugins::anthropic
