// Everything the gateway builds at start-up, owned in one place and
// destroyed in the right order (providers before the plugin libraries).
#pragma once

#include "auth/ApiKeyVerifier.h"
#include "auth/LastUsedRecorder.h"
#include "auth/RequestAuthenticator.h"
#include "config/ConfigLoader.h"
#include "config/GatewayConfig.h"
#include "credits/CreditGate.h"
#include "credits/CreditRepository.h"
#include "db/Database.h"
#include "http/CorsPolicy.h"
#include "keys/ApiKeyRepository.h"
#include "limits/UsageCounterRepository.h"
#include "limits/UsageLimiter.h"
#include "orgs/OrganizationRepository.h"
#include "users/LoginThrottle.h"
#include "users/SessionTokens.h"
#include "users/UserRepository.h"
#include "models/ModelRegistry.h"
#include "plugins/PluginLoader.h"
#include "plugins/ProviderRegistry.h"
#include "proxy/ChatProxy.h"
#include "routing/ModelRouter.h"
#include "upstream/UpstreamClient.h"
#include "usage/UsageCollector.h"
#include "usage/UsageRetention.h"
#include "usage/UsageWriter.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

namespace gaiarouter {

class Gateway {
 public:
  // config.auth.jwtSecret must be set (GatewayApplication makes one up in
  // development).
  Gateway(GatewayConfig config, Database& database, const std::filesystem::path& pluginDir,
          const ConfigLoader::Environment& env);
  ~Gateway();

  const GatewayConfig& config() const { return config_; }
  const PluginLoadReport& plugins() const { return plugins_; }
  const ProviderRegistry& providers() const { return providers_; }
  const ModelRegistry& models() const { return models_; }
  const ModelRouter& router() const { return router_; }
  const RequestAuthenticator& authenticator() const { return authenticator_; }
  const CorsPolicy& cors() const { return cors_; }
  const ChatProxy& proxy() const { return proxy_; }
  Database& database() const { return database_; }
  // The stores and services behind the management API. Handlers get them
  // from a const Gateway; they are thread-safe.
  ApiKeyRepository& apiKeys() const { return *apiKeys_; }
  OrganizationRepository& organizations() const { return *organizations_; }
  UserRepository& users() const { return *users_; }
  ApiKeyVerifier& keyVerifier() const { return *keyVerifier_; }
  UsageLimiter& limiter() const { return *limiter_; }
  UsageCollector& usage() const { return *usage_; }
  CreditRepository& credits() const { return *credits_; }
  CreditGate& creditGate() const { return *creditGate_; }
  const SessionTokens& sessions() const { return sessions_; }
  LoginThrottle& loginThrottle() const { return *loginThrottle_; }
  bool registrationOpen() const { return config_.auth.registration.value_or(!config_.server.production); }
  // Final writes of batched data (last_used_at, limit counters, usage
  // records); called at
  // shutdown once no request is in flight.
  void flush();
  // The GET /v1/models body, built once.
  const std::string& modelListJson() const { return modelListJson_; }
  // The JSON of one model as listed, "" if unknown.
  std::string modelJson(const std::string& id) const;
  bool ready() const { return !providers_.all().empty(); }
  // When this gateway was set up (UTC ms), for GET /v1/server.
  int64_t startedAtMs() const { return startedAtMs_; }

  // Requests being handled right now. Shutdown waits for these, not for
  // idle keep-alive connections, which it simply closes.
  int inFlight() const { return inFlight_.load(); }
  void requestStarted() const { ++inFlight_; }
  void requestFinished() const { --inFlight_; }

 private:
  GatewayConfig config_;
  PluginLoadReport plugins_;  // declared first: destroyed last
  ProviderRegistry providers_;
  ModelRegistry models_;
  ModelRouter router_;
  Database& database_;
  std::unique_ptr<ApiKeyRepository> apiKeys_;
  std::unique_ptr<OrganizationRepository> organizations_;
  std::unique_ptr<UserRepository> users_;
  std::unique_ptr<UsageCounterRepository> usageCounters_;
  std::unique_ptr<ApiKeyVerifier> keyVerifier_;
  std::unique_ptr<LastUsedRecorder> lastUsed_;
  std::unique_ptr<UsageLimiter> limiter_;
  std::unique_ptr<UsageWriter> usageWriter_;
  std::unique_ptr<UsageCollector> usage_;
  std::unique_ptr<UsageRetention> retention_;
  std::unique_ptr<CreditRepository> credits_;
  std::unique_ptr<CreditGate> creditGate_;
  std::unique_ptr<LoginThrottle> loginThrottle_;
  SessionTokens sessions_;
  RequestAuthenticator authenticator_;
  CorsPolicy cors_;
  UpstreamClient upstream_;
  ChatProxy proxy_;
  std::string modelListJson_;
  std::map<std::string, std::string> modelJson_;
  mutable std::atomic<int> inFlight_{0};
  const int64_t startedAtMs_;
};

}  // namespace gaiarouter
