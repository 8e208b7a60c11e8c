#include "AnthropicProvider.h"

#include "AnthropicResponseTranslator.h"
#include "AnthropicSettings.h"
#include "AnthropicStreamParser.h"

#include <ctime>

namespace gaiarouter::plugins::anthropic {

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

AnthropicProvider::AnthropicProvider(const sdk::Host& host, const sdk::ProviderConfig& config)
    : host_(host), requests_(AnthropicSettings::from(config)) {}

void AnthropicProvider::buildRequest(const sdk::ChatRequest& request, sdk::RequestSink& out) {
  requests_.build(request, out);
}

void AnthropicProvider::translateResponse(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                                          sdk::EventSink& out) {
  AnthropicResponseTranslator::translate(request, response, out, now());
}

std::unique_ptr<sdk::StreamParser> AnthropicProvider::openStream(const sdk::ChatRequest& request) {
  return std::make_unique<AnthropicStreamParser>(request, now());
}

}  // namespace gaiarouter::plugins::anthropic
