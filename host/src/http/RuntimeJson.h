// What the gateway loaded at start-up, as JSON: shared by GET /ready and
// GET /v1/server.
#pragma once

#include "plugins/PluginLoader.h"
#include "plugins/ProviderRegistry.h"

#include <Poco/JSON/Array.h>

namespace gaiarouter {

// [{"name", "version", "abi"}] of the loaded plugins.
Poco::JSON::Array::Ptr pluginsJson(const PluginLoadReport& plugins);
// [{"id", "plugin", "configured"}] of the provider instances.
Poco::JSON::Array::Ptr providersJson(const ProviderRegistry& providers);

}  // namespace gaiarouter
