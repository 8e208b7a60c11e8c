#include "plugins/ProviderRegistry.h"

#include "logging/SecretRedactor.h"

#include <Poco/Logger.h>
#include <fmt/format.h>

namespace gaiarouter {

ProviderRegistry ProviderRegistry::build(const std::vector<std::shared_ptr<PluginLibrary>>& plugins,
                                         const std::map<std::string, ProviderSettings>& configured,
                                         const ConfigLoader::Environment& env) {
  auto& log = Poco::Logger::get("gaiarouter.providers");
  std::map<std::string, ProviderSettings> wanted = configured;
  for (const auto& plugin : plugins) {
    if (wanted.count(plugin->providerId())) continue;
    ProviderSettings implicit;
    implicit.id = plugin->providerId();
    implicit.plugin = plugin->name();
    ConfigLoader::applyProviderEnvironment(implicit, env);
    wanted.emplace(implicit.id, implicit);
  }

  ProviderRegistry registry;
  for (auto& [id, settings] : wanted) {
    if (!settings.enabled) {
      log.information(fmt::format("provider '{}' is disabled in the configuration", id));
      continue;
    }
    SecretRedactor::global().addSecret(settings.apiKey);
    std::shared_ptr<PluginLibrary> plugin;
    for (const auto& p : plugins) {
      if (p->name() == settings.plugin) plugin = p;
    }
    if (!plugin) {
      log.error(fmt::format("provider '{}' needs plugin '{}', which is not loaded", id, settings.plugin));
      registry.failed_.push_back(id);
      continue;
    }
    try {
      auto provider = std::make_unique<Provider>(plugin, settings);
      log.information(fmt::format("provider '{}' ready: plugin {} {}, {}, {}", id, plugin->name(), plugin->version(),
                                  provider->isLocal() ? "local" : provider->settings().baseUrl,
                                  provider->configured() ? "configured" : "unconfigured (no API key)"));
      registry.providers_.emplace(id, std::move(provider));
    } catch (const std::exception& e) {
      log.error(e.what());
      registry.failed_.push_back(id);
    }
  }
  return registry;
}

const Provider* ProviderRegistry::find(const std::string& id) const {
  auto it = providers_.find(id);
  return it == providers_.end() ? nullptr : it->second.get();
}

}  // namespace gaiarouter
