// The openrouter plugin: OpenRouter's OpenAI-compatible API. Its extensions in
// the request (models, provider, transforms, usage, route, reasoning,
// plugins) and response (provider, native_finish_reason, reasoning,
// usage.cost, ...) pass through untouched.
//
// Options (all optional):
//   "http_referer": "https://..."   → HTTP-Referer (app attribution), default kDefaultReferer
//   "x_title": "My app"             → X-Title, default kDefaultTitle
//   "headers": {"Name": "v"}        → extra headers (see OpenAICompatibleOptions)
// An empty string turns a default header off.
#pragma once

#include <OpenAICompatibleHeaders.h>
#include <OpenAICompatibleProvider.h>

#include <gaiarouter/plugin.hpp>

namespace gaiarouter::plugins::openrouter {

class OpenRouterProvider : public openai_compatible::OpenAICompatibleProvider {
 public:
  static constexpr const char* kDefaultReferer = "https://github.com/gaiarouter/gaiarouter";
  static constexpr const char* kDefaultTitle = "GaiaRouter";

  // Throws std::invalid_argument for malformed options.
  OpenRouterProvider(const sdk::Host& host, const sdk::ProviderConfig& config);

  // The headers the options ask for.
  static openai_compatible::OpenAICompatibleHeaders headersFor(const sdk::ProviderConfig& config);
};

}  // namespace gaiarouter::plugins::openrouter
