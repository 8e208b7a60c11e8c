#include "http/HealthHandler.h"

#include "app/BuildInfo.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace gaiarouter {

void HealthHandler::serve(Poco::Net::HTTPServerRequest&, ClientChannel& client, RequestContext&) {
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  if (!readiness_) {
    body.set("status", "ok");
    body.set("version", std::string(buildVersion()));
  } else {
    body.set("status", gateway_.ready() ? "ready" : "not_ready");
    Poco::JSON::Array::Ptr plugins = new Poco::JSON::Array;
    for (const auto& p : gateway_.plugins().loaded) {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      o->set("name", p->name());
      o->set("version", p->version());
      o->set("abi", p->abiVersion());
      plugins->add(o);
    }
    body.set("plugins", plugins);
    Poco::JSON::Array::Ptr providers = new Poco::JSON::Array;
    for (const auto& [id, provider] : gateway_.providers().all()) {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      o->set("id", id);
      o->set("plugin", provider->plugin().name());
      o->set("configured", provider->configured());
      providers->add(o);
    }
    body.set("providers", providers);
    body.set("models", static_cast<Poco::UInt64>(gateway_.models().all().size()));
  }
  std::ostringstream out;
  body.stringify(out);
  client.sendJson(readiness_ && !gateway_.ready() ? 503 : 200, out.str());
}

}  // namespace gaiarouter
