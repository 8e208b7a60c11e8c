#include "management/ServerInfoHandler.h"

#include "app/BuildInfo.h"
#include "http/RuntimeJson.h"
#include "management/ManagementJson.h"
#include "util/Time.h"

#include <algorithm>

namespace gaiarouter {

void ServerInfoHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = manager(request, client, ctx);
  if (!caller) return;
  if (!caller->globalAdmin) return client.sendError(adminOnly("read the server information"));
  const int64_t started = gateway_.startedAtMs();
  auto o = json::object();
  o->set("object", "server");
  o->set("version", std::string(buildVersion()));
  o->set("mode", gateway_.config().server.production ? "production" : "development");
  // The backend only: the URL can hold a password.
  o->set("database", gateway_.database().backend() == DatabaseUrl::Backend::MySQL ? "mysql" : "sqlite");
  o->set("started_at", isoUtc(started));
  o->set("uptime_s", std::max<int64_t>(0, (wallClockMs() - started) / 1000));
  o->set("registration_enabled", gateway_.registrationOpen());
  o->set("plugins", pluginsJson(gateway_.plugins()));
  o->set("providers", providersJson(gateway_.providers()));
  o->set("models", static_cast<Poco::Int64>(gateway_.models().all().size()));
  send(client, 200, o);
}

}  // namespace gaiarouter
