// The Google Gemini API provider: ties the translators to the plugin ABI.
#pragma once

#include "GoogleRequestTranslator.h"

#include <gaiarouter/plugin.hpp>

#include <memory>

namespace gaiarouter::plugins::google {

class GoogleProvider : public sdk::NetworkProvider {
 public:
  GoogleProvider(const sdk::Host& host, const sdk::ProviderConfig& config);

  void buildRequest(const sdk::ChatRequest& request, sdk::RequestSink& out) override;
  void translateResponse(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                         sdk::EventSink& out) override;
  std::unique_ptr<sdk::StreamParser> openStream(const sdk::ChatRequest& request) override;

 private:
  GoogleRequestTranslator requests_;
};

}  // namespace gaiarouter::plugins::google
