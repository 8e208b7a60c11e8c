// Gemini usageMetadata <-> gateway usage / OpenAI usage JSON.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

#include <optional>

namespace gaiarouter::plugins::google {

class GoogleUsage {
 public:
  // prompt = promptTokenCount + toolUsePromptTokenCount; completion =
  // candidatesTokenCount + thoughtsTokenCount; total = totalTokenCount;
  // cached = cachedContentTokenCount; reasoning = thoughtsTokenCount (-1 when
  // not reported). nullopt when usageMetadata is absent.
  static std::optional<sdk::Usage> fromMetadata(const Poco::JSON::Object::Ptr& usageMetadata);

  // OpenAI "usage" object: prompt/completion/total tokens, plus
  // prompt_tokens_details.cached_tokens and
  // completion_tokens_details.reasoning_tokens when known.
  static Poco::JSON::Object::Ptr toJson(const sdk::Usage& usage);
};

}  // namespace gaiarouter::plugins::google
