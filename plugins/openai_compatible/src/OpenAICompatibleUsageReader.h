// Reads an OpenAI "usage" object into sdk::Usage.
#pragma once

#include "OpenAICompatibleDialect.h"

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleUsageReader {
 public:
  // prompt_tokens, completion_tokens, total_tokens (prompt + completion when
  // absent), prompt_tokens_details.cached_tokens (DeepSeek:
  // prompt_cache_hit_tokens), prompt_tokens_details.cache_write_tokens,
  // completion_tokens_details.reasoning_tokens, then the dialect's extras.
  // Fields not reported stay -1.
  static sdk::Usage read(const Poco::JSON::Object& usage, const OpenAICompatibleDialect& dialect);
};

}  // namespace gaiarouter::plugins::openai_compatible
