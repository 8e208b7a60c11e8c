// A provider instance: a loaded plugin plus one provider configuration,
// with C++ entry points over the plugin's C table.
#pragma once

#include "config/GatewayConfig.h"
#include "plugins/PluginEventSink.h"
#include "plugins/PluginLibrary.h"
#include "upstream/UpstreamMessages.h"

#include <gaiarouter/plugin.h>

#include <memory>
#include <string>
#include <string_view>

namespace gaiarouter {

// The parser of one streaming response; destroys the plugin object with it.
class ProviderStream {
 public:
  ProviderStream(std::shared_ptr<PluginLibrary> plugin, gr_stream* stream);
  ~ProviderStream();
  ProviderStream(const ProviderStream&) = delete;
  ProviderStream& operator=(const ProviderStream&) = delete;

  gr_status feed(std::string_view bytes, PluginEventSink& out);
  gr_status finish(PluginEventSink& out);

 private:
  std::shared_ptr<PluginLibrary> plugin_;
  gr_stream* stream_;
};

class Provider {
 public:
  // Creates the plugin instance. Throws std::runtime_error with the plugin's
  // reason (never the api key) when create fails.
  Provider(std::shared_ptr<PluginLibrary> plugin, ProviderSettings settings);
  ~Provider();
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  const std::string& id() const { return settings_.id; }
  const ProviderSettings& settings() const { return settings_; }
  const PluginLibrary& plugin() const { return *plugin_; }
  bool isLocal() const { return plugin_->isLocal(); }
  // Whether requests can be sent: a local plugin, a key, or no key needed.
  bool configured() const;

  // The plugin's model list (JSON array text), "" if it lists none.
  std::string listModels() const;

  // Builds the upstream request; on failure the plugin's error went to
  // `errors` and false is returned.
  bool buildRequest(const gr_chat_request& request, UpstreamRequest& out, PluginEventSink& errors) const;
  gr_status translateResponse(const gr_chat_request& request, const UpstreamResponse& response,
                              PluginEventSink& out) const;
  std::unique_ptr<ProviderStream> openStream(const gr_chat_request& request) const;
  gr_status completeLocal(const gr_chat_request& request, PluginEventSink& out) const;

 private:
  std::shared_ptr<PluginLibrary> plugin_;
  ProviderSettings settings_;
  gr_host_api hostApi_{};
  gr_instance* instance_ = nullptr;
};

}  // namespace gaiarouter
