// Builds the upstream request: POST {base_url}/chat/completions with the
// client's body passed through (every field, known or not, in its order)
// except "model" (:= the upstream model) and, when streaming, "stream" := true
// and "stream_options.include_usage" := true so the usage is always known.
#pragma once

#include "OpenAICompatibleHeaders.h"

#include <gaiarouter/plugin.hpp>

#include <string>
#include <string_view>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleRequestTranslator {
 public:
  // `headers` are sent after Authorization (only when `apiKey` is not empty)
  // and Content-Type, and may replace them (see OpenAICompatibleHeaders).
  OpenAICompatibleRequestTranslator(std::string baseUrl, std::string apiKey, OpenAICompatibleHeaders headers);

  // Throws sdk::ProviderError(GR_ERROR_INVALID_REQUEST) when the body cannot be sent.
  void build(const sdk::ChatRequest& request, sdk::RequestSink& out) const;

  // The upstream body for `request`.
  static std::string translateBody(const sdk::ChatRequest& request);

  // True when the client's body asked for "stream_options": {"include_usage": true}.
  static bool clientWantsUsage(std::string_view body);

 private:
  std::string url_;
  OpenAICompatibleHeaders headers_;
};

}  // namespace gaiarouter::plugins::openai_compatible
