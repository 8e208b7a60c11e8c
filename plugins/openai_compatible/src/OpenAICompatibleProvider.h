// A NetworkProvider for any upstream speaking OpenAI Chat Completions. A
// plugin derives from it and supplies only its request headers (from its
// options) and its dialect; see OpenAIProvider and OpenRouterProvider.
#pragma once

#include "OpenAICompatibleDialect.h"
#include "OpenAICompatibleHeaders.h"
#include "OpenAICompatibleRequestTranslator.h"
#include "OpenAICompatibleResponseTranslator.h"

#include <gaiarouter/plugin.hpp>

#include <memory>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleProvider : public sdk::NetworkProvider {
 public:
  // `headers`: the plugin's own headers (the "headers" option applied last).
  OpenAICompatibleProvider(const sdk::ProviderConfig& config, const OpenAICompatibleHeaders& headers,
                           std::shared_ptr<const OpenAICompatibleDialect> dialect);

  void buildRequest(const sdk::ChatRequest& request, sdk::RequestSink& out) override;
  void translateResponse(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                         sdk::EventSink& out) override;
  std::unique_ptr<sdk::StreamParser> openStream(const sdk::ChatRequest& request) override;

 private:
  std::shared_ptr<const OpenAICompatibleDialect> dialect_;
  OpenAICompatibleRequestTranslator requests_;
  OpenAICompatibleResponseTranslator responses_;
};

}  // namespace gaiarouter::plugins::openai_compatible
