// GET /health (the process is up) and GET /ready (providers are loaded).
// Neither needs a key, so orchestrators can probe them.
#pragma once

#include "http/GatewayHandler.h"

namespace gaiarouter {

class HealthHandler final : public GatewayHandler {
 public:
  HealthHandler(const Gateway& gateway, bool readiness) : GatewayHandler(gateway), readiness_(readiness) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  bool readiness_;
};

}  // namespace gaiarouter
