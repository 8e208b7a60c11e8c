// Maps method + path to the handler of the endpoint.
#pragma once

#include "app/Gateway.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace gaiarouter {

class GatewayRequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit GatewayRequestHandlerFactory(const Gateway& gateway) : gateway_(gateway) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  const Gateway& gateway_;
};

}  // namespace gaiarouter
