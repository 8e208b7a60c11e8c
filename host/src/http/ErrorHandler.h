// Answers a fixed error: unknown path (404) or wrong method (405).
#pragma once

#include "http/ApiError.h"
#include "http/GatewayHandler.h"

namespace gaiarouter {

class ErrorHandler final : public GatewayHandler {
 public:
  ErrorHandler(const Gateway& gateway, ApiError error) : GatewayHandler(gateway), error_(std::move(error)) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest&, ClientChannel& client, RequestContext&) override { client.sendError(error_); }

 private:
  ApiError error_;
};

// OPTIONS: the CORS preflight.
class PreflightHandler final : public GatewayHandler {
 public:
  using GatewayHandler::GatewayHandler;

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel&, RequestContext& ctx) override {
    ctx.status = 204;
    gateway_.cors().preflight(request, request.response());
  }
};

}  // namespace gaiarouter
