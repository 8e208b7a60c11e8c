// Translates a complete upstream response. The body is OpenAI format already:
// it is validated, passed through re-serialised (unknown fields kept, e.g.
// OpenRouter's "provider", "native_finish_reason", "usage.cost"), with only
// missing "object"/"created"/"model"/"id" filled in and tool-call arguments
// made JSON strings; the usage goes to EventSink::usage.
#pragma once

#include "OpenAICompatibleDialect.h"
#include "OpenAICompatibleErrorTranslator.h"

#include <gaiarouter/plugin.hpp>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleResponseTranslator {
 public:
  explicit OpenAICompatibleResponseTranslator(const OpenAICompatibleDialect& dialect) noexcept
      : dialect_(dialect), errors_(dialect) {}

  // Emits one chat.completion and the usage, or throws sdk::ProviderError for
  // an upstream error (any status) or an unusable body (GR_ERROR_BAD_RESPONSE).
  void translate(const sdk::ChatRequest& request, const sdk::HttpResponse& response, sdk::EventSink& out) const;

 private:
  const OpenAICompatibleDialect& dialect_;
  OpenAICompatibleErrorTranslator errors_;
};

}  // namespace gaiarouter::plugins::openai_compatible
