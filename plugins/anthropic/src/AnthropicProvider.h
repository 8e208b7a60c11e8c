// The Anthropic Messages API provider: wires the translators to the SDK.
#pragma once

#include "AnthropicRequestTranslator.h"

#include <gaiarouter/plugin.hpp>

#include <memory>

namespace gaiarouter::plugins::anthropic {

class AnthropicProvider : public sdk::NetworkProvider {
 public:
  // Throws std::invalid_argument on bad options (create then fails).
  AnthropicProvider(const sdk::Host& host, const sdk::ProviderConfig& config);

  void buildRequest(const sdk::ChatRequest& request, sdk::RequestSink& out) override;
  void translateResponse(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                         sdk::EventSink& out) override;
  std::unique_ptr<sdk::StreamParser> openStream(const sdk::ChatRequest& request) override;

 private:
  sdk::Host host_;
  AnthropicRequestTranslator requests_;
};

}  // namespace gaiarouter::plugins::anthropic
