// GET/HEAD of a path outside the API: a file of the admin console, or its
// index.html for the console's own routes. Static and public: the console
// signs in through the API like any other client.
#pragma once

#include "console/ConsoleFiles.h"
#include "http/GatewayHandler.h"

namespace gaiarouter {

class ConsoleHandler final : public GatewayHandler {
 public:
  ConsoleHandler(const Gateway& gateway, const ConsoleFiles& files) : GatewayHandler(gateway), files_(files) {}

 protected:
  void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) override;

 private:
  const ConsoleFiles& files_;
};

}  // namespace gaiarouter
