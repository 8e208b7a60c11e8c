#include "app/Gateway.h"

#include "util/Time.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <sstream>

namespace gaiarouter {
namespace {

// USD per 1M tokens → USD per token as OpenRouter prints it ("0.0000025").
std::string perToken(double perMillion) {
  std::string s = fmt::format("{:.12f}", perMillion / 1e6);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

Poco::JSON::Object::Ptr describe(const ModelSettings& m, const Provider* provider, Poco::Int64 created) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", m.id);
  o->set("object", "model");
  o->set("created", created);
  o->set("owned_by", m.provider);
  o->set("name", m.name);
  o->set("context_length", static_cast<Poco::Int64>(m.contextLength));
  o->set("max_output_tokens", static_cast<Poco::Int64>(m.maxOutputTokens));
  Poco::JSON::Object::Ptr pricing = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  pricing->set("prompt", perToken(m.pricing.inputPerMillion));
  pricing->set("completion", perToken(m.pricing.outputPerMillion));
  if (m.pricing.cachedInputPerMillion) pricing->set("input_cache_read", perToken(*m.pricing.cachedInputPerMillion));
  o->set("pricing", pricing);
  Poco::JSON::Object::Ptr caps = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  caps->set("tools", m.capabilities.tools);
  caps->set("vision", m.capabilities.vision);
  caps->set("json", m.capabilities.json);
  o->set("capabilities", caps);
  o->set("available", provider != nullptr && provider->configured());
  return o;
}

}  // namespace

Gateway::Gateway(GatewayConfig config, Database& database, const std::filesystem::path& pluginDir,
                 const ConfigLoader::Environment& env)
    : config_(std::move(config)),
      plugins_(PluginLoader::loadFolder(pluginDir)),
      providers_(ProviderRegistry::build(plugins_.loaded, config_.providers, env)),
      models_(ModelRegistry::build(config_.models, providers_)),
      router_(models_, providers_),
      database_(database),
      apiKeys_(std::make_unique<ApiKeyRepository>(database)),
      organizations_(std::make_unique<OrganizationRepository>(database)),
      users_(std::make_unique<UserRepository>(database)),
      usageCounters_(std::make_unique<UsageCounterRepository>(database)),
      keyVerifier_(std::make_unique<ApiKeyVerifier>(*apiKeys_, *organizations_, config_.auth.keyCacheTtlMs)),
      lastUsed_(std::make_unique<LastUsedRecorder>(*apiKeys_, std::chrono::milliseconds(config_.auth.lastUsedFlushMs))),
      limiter_(std::make_unique<UsageLimiter>(*usageCounters_, std::chrono::milliseconds(config_.auth.usageFlushMs),
                                              wallClockMs())),
      usageWriter_(std::make_unique<UsageWriter>(database)),
      usage_(std::make_unique<UsageCollector>(*usageWriter_, config_.usage)),
      retention_(std::make_unique<UsageRetention>(database, config_.usage.retentionDays, std::chrono::hours(1))),
      credits_(std::make_unique<CreditRepository>(database)),
      creditGate_(std::make_unique<CreditGate>(*credits_)),
      loginThrottle_(std::make_unique<LoginThrottle>(config_.auth.loginMaxFailures,
                                                     static_cast<int64_t>(config_.auth.loginWindowS) * 1000)),
      sessions_(config_.auth.jwtSecret, config_.auth.sessionTtlS),
      authenticator_(config_.server.adminKey, *keyVerifier_, *lastUsed_, sessions_, *users_, *organizations_),
      cors_(config_.server.corsAllowedOrigins),
      upstream_(config_.upstream),
      proxy_(upstream_, config_.upstream, config_.server.production),
      startedAtMs_(wallClockMs()) {
  const auto created = static_cast<Poco::Int64>(std::time(nullptr));
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const auto& m : models_.all()) {
    auto o = describe(m, providers_.find(m.provider), created);
    std::ostringstream one;
    o->stringify(one);
    modelJson_[m.id] = one.str();
    data->add(o);
  }
  Poco::JSON::Object list(Poco::JSON_PRESERVE_KEY_ORDER);
  list.set("object", "list");
  list.set("data", data);
  std::ostringstream out;
  list.stringify(out);
  modelListJson_ = out.str();
}

Gateway::~Gateway() { flush(); }

void Gateway::flush() {
  lastUsed_->stop();
  limiter_->stop();
  retention_->stop();
  usage_->stop();
}

std::string Gateway::modelJson(const std::string& id) const {
  auto it = modelJson_.find(id);
  return it == modelJson_.end() ? std::string() : it->second;
}

}  // namespace gaiarouter
