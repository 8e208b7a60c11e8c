// POST /v1/chat/completions (and /api/v1/chat/completions).
#pragma once

#include "http/GatewayHandler.h"
#include "usage/ChatUsageRecord.h"

namespace gaiarouter {

class ChatCompletionsHandler final : public GatewayHandler {
 public:
  using GatewayHandler::GatewayHandler;

 protected:
  // Every authenticated request, whatever its outcome, ends in one usage
  // record.
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  void handle(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx, ChatOutcome& outcome);
};

}  // namespace gaiarouter
