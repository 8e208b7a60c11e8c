#include "http/HealthHandler.h"

#include "app/BuildInfo.h"
#include "http/RuntimeJson.h"

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
    body.set("plugins", pluginsJson(gateway_.plugins()));
    body.set("providers", providersJson(gateway_.providers()));
    body.set("models", static_cast<Poco::UInt64>(gateway_.models().all().size()));
    // The collector's state: an operator sees a database that cannot keep
    // up (queued growing, blocked_submits) before requests slow down.
    const auto usage = gateway_.usage().counters();
    Poco::JSON::Object::Ptr collector = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    collector->set("queued", static_cast<Poco::Int64>(usage.queued));
    collector->set("written", static_cast<Poco::Int64>(usage.written));
    collector->set("failed_batches", static_cast<Poco::Int64>(usage.failedBatches));
    collector->set("blocked_submits", static_cast<Poco::Int64>(usage.blockedSubmits));
    collector->set("lost", static_cast<Poco::Int64>(usage.lost));
    body.set("usage_collector", collector);
  }
  std::ostringstream out;
  body.stringify(out);
  client.sendJson(readiness_ && !gateway_.ready() ? 503 : 200, out.str());
}

}  // namespace gaiarouter
