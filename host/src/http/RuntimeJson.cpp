#include "http/RuntimeJson.h"

#include <Poco/JSON/Object.h>

namespace gaiarouter {

Poco::JSON::Array::Ptr pluginsJson(const PluginLoadReport& plugins) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const auto& p : plugins.loaded) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("name", p->name());
    o->set("version", p->version());
    o->set("abi", p->abiVersion());
    out->add(o);
  }
  return out;
}

Poco::JSON::Array::Ptr providersJson(const ProviderRegistry& providers) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const auto& [id, provider] : providers.all()) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", id);
    o->set("plugin", provider->plugin().name());
    o->set("configured", provider->configured());
    out->add(o);
  }
  return out;
}

}  // namespace gaiarouter
