// POST /v1/chat/completions (and /api/v1/chat/completions).
#pragma once

#include "http/GatewayHandler.h"
#include "limits/UsageLimiter.h"
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
  // Serves the request; `admitted` is set once the limits counted it.
  void handle(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx, ChatOutcome& outcome,
              std::optional<LimitSubject>& admitted);
};

}  // namespace gaiarouter
