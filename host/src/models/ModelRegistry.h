// The models the gateway serves: the configured ones merged with those the
// provider plugins list (a configured model with the same id wins).
#pragma once

#include "config/GatewayConfig.h"
#include "plugins/ProviderRegistry.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gaiarouter {

class ModelRegistry {
 public:
  ModelRegistry() = default;
  static ModelRegistry build(const std::vector<ModelSettings>& configured, const ProviderRegistry& providers);

  const ModelSettings* find(std::string_view id) const;
  // Every model, ordered by id.
  const std::vector<ModelSettings>& all() const { return models_; }

 private:
  std::vector<ModelSettings> models_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace gaiarouter
