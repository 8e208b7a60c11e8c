// Maps method + path to the handler of the endpoint; paths outside the API
// go to the admin console when it is enabled.
#pragma once

#include "app/Gateway.h"
#include "console/ConsoleFiles.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <optional>

namespace gaiarouter {

class GatewayRequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  // No console: every unknown path is the API's 404.
  GatewayRequestHandlerFactory(const Gateway& gateway, std::optional<ConsoleFiles> console)
      : gateway_(gateway), console_(std::move(console)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  const Gateway& gateway_;
  const std::optional<ConsoleFiles> console_;
};

}  // namespace gaiarouter
