// GET /openapi.json: the OpenAPI 3 description of every endpoint (chat and
// management), written in host/openapi/openapi.yaml and compiled in.
#pragma once

#include "http/GatewayHandler.h"

#include <string>

namespace gaiarouter {

// The document as JSON, converted once.
const std::string& openApiJson();

class OpenApiHandler final : public GatewayHandler {
 public:
  using GatewayHandler::GatewayHandler;

 protected:
  void serve(Poco::Net::HTTPServerRequest&, ClientChannel& client, RequestContext&) override {
    client.sendJson(200, openApiJson());
  }
};

}  // namespace gaiarouter
