// The openai plugin: OpenAI Chat Completions, and any other upstream with an
// OpenAI-compatible API configured by base_url and key alone.
//
// Options (all optional):
//   "organization": "org-..."   → OpenAI-Organization header
//   "project": "proj_..."       → OpenAI-Project header
//   "headers": {"Name": "v"}    → extra headers (see OpenAICompatibleOptions)
// No Authorization header is sent when the key is empty (local vLLM/Ollama).
#pragma once

#include <OpenAICompatibleHeaders.h>
#include <OpenAICompatibleProvider.h>

#include <gaiarouter/plugin.hpp>

namespace gaiarouter::plugins::openai {

class OpenAIProvider : public openai_compatible::OpenAICompatibleProvider {
 public:
  // Throws std::invalid_argument for malformed options.
  OpenAIProvider(const sdk::Host& host, const sdk::ProviderConfig& config);

  // The headers the options ask for.
  static openai_compatible::OpenAICompatibleHeaders headersFor(const sdk::ProviderConfig& config);
};

}  // namespace gaiarouter::plugins::openai
