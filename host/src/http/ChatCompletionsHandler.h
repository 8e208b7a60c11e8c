// POST /v1/chat/completions (and /api/v1/chat/completions).
#pragma once

#include "http/GatewayHandler.h"

namespace gaiarouter {

class ChatCompletionsHandler final : public GatewayHandler {
 public:
  using GatewayHandler::GatewayHandler;

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;
};

}  // namespace gaiarouter
