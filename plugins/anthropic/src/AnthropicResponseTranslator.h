// Complete Anthropic Messages API response -> one OpenAI chat.completion.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <cstdint>
#include <string>

namespace gaiarouter::plugins::anthropic {

class AnthropicResponseTranslator {
 public:
  // Emits the chat.completion and its usage for a 2xx response; throws
  // sdk::ProviderError for an error status (classified) or an unusable 2xx
  // body (GR_ERROR_BAD_RESPONSE). `created` is the unix time to report.
  static void translate(const sdk::ChatRequest& request, const sdk::HttpResponse& response, sdk::EventSink& out,
                        int64_t created);
};

}  // namespace gaiarouter::plugins::anthropic
