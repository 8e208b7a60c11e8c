#include "AnthropicSettings.h"

#include "AnthropicJson.h"

#include <stdexcept>

namespace gaiarouter::plugins::anthropic {

namespace {

std::string stringOption(const json::Object::Ptr& options, const std::string& key, std::string fallback) {
  if (!options->has(key) || options->isNull(key)) return fallback;
  auto value = json::getString(options, key);
  if (!value || value->empty()) {
    throw std::invalid_argument("anthropic option \"" + key + "\" must be a non-empty string");
  }
  return *value;
}

}  // namespace

AnthropicSettings AnthropicSettings::from(const sdk::ProviderConfig& config) {
  AnthropicSettings out;
  out.apiKey = config.apiKey;
  if (!config.baseUrl.empty()) out.baseUrl = config.baseUrl;
  while (!out.baseUrl.empty() && out.baseUrl.back() == '/') out.baseUrl.pop_back();

  json::Object::Ptr options = json::asObject(json::tryParse(config.optionsJson));
  if (options.isNull()) throw std::invalid_argument("anthropic options must be a JSON object");
  out.anthropicVersion = stringOption(options, "anthropic_version", kDefaultVersion);
  out.anthropicBeta = stringOption(options, "anthropic_beta", {});
  return out;
}

}  // namespace gaiarouter::plugins::anthropic
