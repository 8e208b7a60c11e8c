// Reads the YAML configuration file and layers the environment over it.
#pragma once

#include "config/GatewayConfig.h"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace gaiarouter {

// A configuration mistake; the message names the key and the source.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ConfigLoader {
 public:
  // Looks up one environment variable; empty optional when unset.
  using Environment = std::function<std::optional<std::string>(const std::string&)>;

  // The process environment.
  static Environment processEnvironment();

  // Parses YAML text (an empty text gives the defaults) and applies the
  // GAIAROUTER_* variables. Throws ConfigError.
  static GatewayConfig fromYaml(const std::string& yamlText, const std::string& sourceName,
                                const Environment& env);

  // Reads the file at `path` ("" = no file) and calls fromYaml.
  static GatewayConfig load(const std::string& path, const Environment& env);

  // Fills a provider's api key and base URL from the environment, using the
  // official SDKs' variable names (<ID>_API_KEY, <ID>_BASE_URL; GEMINI_API_KEY
  // for google) or the names set with api_key_env/base_url_env.
  static void applyProviderEnvironment(ProviderSettings& provider, const Environment& env);

  // The variable a provider's key is read from: api_key_env, else <ID>_API_KEY.
  static std::string apiKeyVariable(const ProviderSettings& provider);
};

}  // namespace gaiarouter
