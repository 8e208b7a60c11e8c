#include "models/ModelRegistry.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <fmt/format.h>

#include <algorithm>

namespace gaiarouter {
namespace {

template <typename T>
T member(const Poco::JSON::Object::Ptr& obj, const std::string& key, T fallback) {
  if (!obj || !obj->has(key) || obj->isNull(key)) return fallback;
  return obj->getValue<T>(key);
}

std::vector<ModelSettings> pluginModels(const Provider& provider) {
  std::vector<ModelSettings> out;
  std::string json = provider.listModels();
  if (json.empty()) return out;
  try {
    Poco::JSON::Parser parser;
    auto list = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto m = list->getObject(static_cast<unsigned>(i));
      if (!m) continue;
      ModelSettings s;
      s.provider = provider.id();
      s.upstreamModel = member<std::string>(m, "model", "");
      if (s.upstreamModel.empty()) continue;
      s.id = provider.id() + "/" + s.upstreamModel;
      s.name = member<std::string>(m, "name", s.id);
      s.contextLength = member<Poco::Int64>(m, "context_length", 0);
      s.maxOutputTokens = member<Poco::Int64>(m, "max_output_tokens", 0);
      if (auto p = m->getObject("pricing")) {
        s.pricing.inputPerMillion = member<double>(p, "input", 0);
        s.pricing.outputPerMillion = member<double>(p, "output", 0);
        if (p->has("cached_input")) s.pricing.cachedInputPerMillion = member<double>(p, "cached_input", 0);
      }
      if (auto c = m->getObject("capabilities")) {
        s.capabilities.tools = member<bool>(c, "tools", false);
        s.capabilities.vision = member<bool>(c, "vision", false);
        s.capabilities.json = member<bool>(c, "json", false);
      }
      out.push_back(std::move(s));
    }
  } catch (const Poco::Exception& e) {
    Poco::Logger::get("gaiarouter.models")
        .warning(fmt::format("provider '{}' listed models that could not be read: {}", provider.id(), e.displayText()));
  }
  return out;
}

}  // namespace

ModelRegistry ModelRegistry::build(const std::vector<ModelSettings>& configured, const ProviderRegistry& providers) {
  ModelRegistry registry;
  std::map<std::string, ModelSettings> merged;
  for (const auto& [id, provider] : providers.all()) {
    for (auto& m : pluginModels(*provider)) merged[m.id] = std::move(m);
  }
  for (const auto& m : configured) merged[m.id] = m;  // configuration wins
  for (auto& [id, m] : merged) {
    registry.index_.emplace(id, registry.models_.size());
    registry.models_.push_back(std::move(m));
  }
  return registry;
}

const ModelSettings* ModelRegistry::find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &models_[it->second];
}

}  // namespace gaiarouter
