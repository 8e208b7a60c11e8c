// All provider instances, by provider id: one for every provider in the
// configuration, plus one for each loaded plugin's default provider id that
// the configuration does not mention (dropping a plugin in adds a provider).
#pragma once

#include "config/ConfigLoader.h"
#include "plugins/PluginLibrary.h"
#include "plugins/Provider.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gaiarouter {

class ProviderRegistry {
 public:
  ProviderRegistry() = default;

  // Creates the instances. A provider whose plugin is missing or whose
  // create fails is logged and left out; the others still start.
  static ProviderRegistry build(const std::vector<std::shared_ptr<PluginLibrary>>& plugins,
                                const std::map<std::string, ProviderSettings>& configured,
                                const ConfigLoader::Environment& env);

  const Provider* find(const std::string& id) const;
  const std::map<std::string, std::unique_ptr<Provider>>& all() const { return providers_; }
  // Provider ids named in the configuration that could not be started.
  const std::vector<std::string>& failed() const { return failed_; }

 private:
  std::map<std::string, std::unique_ptr<Provider>> providers_;
  std::vector<std::string> failed_;
};

}  // namespace gaiarouter
