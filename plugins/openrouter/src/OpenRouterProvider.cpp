#include "OpenRouterProvider.h"

#include "OpenRouterDialect.h"

#include <OpenAICompatibleOptions.h>

#include <memory>

namespace gaiarouter::plugins::openrouter {

using openai_compatible::OpenAICompatibleHeaders;
using openai_compatible::OpenAICompatibleOptions;

OpenRouterProvider::OpenRouterProvider(const sdk::Host& /*host*/, const sdk::ProviderConfig& config)
    : OpenAICompatibleProvider(config, headersFor(config), std::make_shared<const OpenRouterDialect>()) {}

OpenAICompatibleHeaders OpenRouterProvider::headersFor(const sdk::ProviderConfig& config) {
  const OpenAICompatibleOptions options(config.optionsJson);
  OpenAICompatibleHeaders headers;
  headers.set("HTTP-Referer", options.string("http_referer").value_or(kDefaultReferer));
  headers.set("X-Title", options.string("x_title").value_or(kDefaultTitle));
  headers.merge(options.headers());
  return headers;
}

}  // namespace gaiarouter::plugins::openrouter
