// OpenAI Chat Completions request -> Anthropic Messages API request.
#pragma once

#include "AnthropicSettings.h"

#include <gaiarouter/plugin.hpp>

#include <string>

namespace gaiarouter::plugins::anthropic {

class AnthropicRequestTranslator {
 public:
  // Used when neither the client nor the registry gives an output cap
  // (Anthropic requires max_tokens).
  static constexpr int kDefaultMaxTokens = 4096;

  explicit AnthropicRequestTranslator(AnthropicSettings settings);

  // Emits method, URL, headers (auth included) and body of the upstream
  // request. Throws sdk::ProviderError (GR_ERROR_INVALID_REQUEST, with param)
  // when the client request cannot be expressed upstream.
  void build(const sdk::ChatRequest& request, sdk::RequestSink& out) const;

  // The upstream JSON body alone (compact). Throws like build().
  std::string body(const sdk::ChatRequest& request) const;

  // POST target: {base_url}/v1/messages.
  std::string url() const;

 private:
  AnthropicSettings settings_;
};

}  // namespace gaiarouter::plugins::anthropic
