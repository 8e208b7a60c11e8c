// Everything the gateway builds at start-up, owned in one place and
// destroyed in the right order (providers before the plugin libraries).
#pragma once

#include "auth/RequestAuthenticator.h"
#include "config/ConfigLoader.h"
#include "config/GatewayConfig.h"
#include "http/CorsPolicy.h"
#include "models/ModelRegistry.h"
#include "plugins/PluginLoader.h"
#include "plugins/ProviderRegistry.h"
#include "proxy/ChatProxy.h"
#include "routing/ModelRouter.h"
#include "upstream/UpstreamClient.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

namespace gaiarouter {

class Gateway {
 public:
  Gateway(GatewayConfig config, const std::filesystem::path& pluginDir, const ConfigLoader::Environment& env);

  const GatewayConfig& config() const { return config_; }
  const PluginLoadReport& plugins() const { return plugins_; }
  const ProviderRegistry& providers() const { return providers_; }
  const ModelRegistry& models() const { return models_; }
  const ModelRouter& router() const { return router_; }
  const RequestAuthenticator& authenticator() const { return authenticator_; }
  const CorsPolicy& cors() const { return cors_; }
  const ChatProxy& proxy() const { return proxy_; }
  // The GET /v1/models body, built once.
  const std::string& modelListJson() const { return modelListJson_; }
  // The JSON of one model as listed, "" if unknown.
  std::string modelJson(const std::string& id) const;
  bool ready() const { return !providers_.all().empty(); }

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
  RequestAuthenticator authenticator_;
  CorsPolicy cors_;
  UpstreamClient upstream_;
  ChatProxy proxy_;
  std::string modelListJson_;
  std::map<std::string, std::string> modelJson_;
  mutable std::atomic<int> inFlight_{0};
};

}  // namespace gaiarouter
