// GET /v1/server: what this gateway runs — version, mode, database backend,
// uptime, plugins, providers, models and whether sign-up is open — for the
// console's Settings page. Global administrators only (the master key or an
// admin user), like the global statistics: it describes the whole
// installation, not one organization.
#pragma once

#include "management/ManagementHandler.h"

namespace gaiarouter {

class ServerInfoHandler final : public ManagementHandler {
 public:
  explicit ServerInfoHandler(const Gateway& gateway) : ManagementHandler(gateway, {}) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;
};

}  // namespace gaiarouter
