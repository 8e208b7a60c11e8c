// GET /v1/credits (and /api/v1/credits), as OpenRouter offers it: the
// caller's organization's credits, {"data": {"total_credits",
// "total_usage"}} plus the balance and whether it is enforced. The master
// key and global admins, who belong to no organization, name one with
// ?organization_id=.
#pragma once

#include "http/GatewayHandler.h"

namespace gaiarouter {

class CreditBalanceHandler final : public GatewayHandler {
 public:
  using GatewayHandler::GatewayHandler;

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;
};

}  // namespace gaiarouter
