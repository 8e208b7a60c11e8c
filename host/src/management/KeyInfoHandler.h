// GET /v1/key (and /api/v1/key), as OpenRouter offers it: the calling key's
// own settings and its usage against its limits and its organization's.
#pragma once

#include "http/GatewayHandler.h"

namespace gaiarouter {

class KeyInfoHandler final : public GatewayHandler {
 public:
  using GatewayHandler::GatewayHandler;

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;
};

}  // namespace gaiarouter
