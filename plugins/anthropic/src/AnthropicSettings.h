// Per-instance settings of the Anthropic provider, read once at create.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <string>

namespace gaiarouter::plugins::anthropic {

struct AnthropicSettings {
  static constexpr const char* kDefaultVersion = "2023-06-01";

  std::string apiKey;
  std::string baseUrl = "https://api.anthropic.com";  // no trailing '/'
  std::string anthropicVersion = kDefaultVersion;      // anthropic-version header
  std::string anthropicBeta;                           // anthropic-beta header, sent when not empty

  // Reads the config; options_json may set "anthropic_version" and
  // "anthropic_beta" (strings). Throws std::invalid_argument on a bad option.
  static AnthropicSettings from(const sdk::ProviderConfig& config);
};

}  // namespace gaiarouter::plugins::anthropic
