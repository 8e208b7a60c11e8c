#include "OpenAIProvider.h"

#include <OpenAICompatibleDialect.h>
#include <OpenAICompatibleOptions.h>

#include <memory>

namespace gaiarouter::plugins::openai {

using openai_compatible::OpenAICompatibleDialect;
using openai_compatible::OpenAICompatibleHeaders;
using openai_compatible::OpenAICompatibleOptions;

OpenAIProvider::OpenAIProvider(const sdk::Host& /*host*/, const sdk::ProviderConfig& config)
    : OpenAICompatibleProvider(config, headersFor(config), std::make_shared<const OpenAICompatibleDialect>()) {}

OpenAICompatibleHeaders OpenAIProvider::headersFor(const sdk::ProviderConfig& config) {
  const OpenAICompatibleOptions options(config.optionsJson);
  OpenAICompatibleHeaders headers;
  if (auto organization = options.string("organization")) headers.set("OpenAI-Organization", *organization);
  if (auto project = options.string("project")) headers.set("OpenAI-Project", *project);
  headers.merge(options.headers());
  return headers;
}

}  // namespace gaiarouter::plugins::openai
