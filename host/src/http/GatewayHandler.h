// Base of every gateway endpoint: assigns the request id, applies CORS,
// turns escaped exceptions into a 500 in the common error format, and writes
// the access log line.
#pragma once

#include "app/Gateway.h"
#include "http/ClientChannel.h"
#include "http/RequestContext.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <optional>
#include <string>

namespace gaiarouter {

class GatewayHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit GatewayHandler(const Gateway& gateway) : gateway_(gateway) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

 protected:
  virtual void serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) = 0;

  // Checks the caller's key; on failure answers 401 and returns false.
  bool authenticate(Poco::Net::HTTPServerRequest& request, ClientChannel& client);
  // Reads the whole body within the configured limit; on failure answers
  // 413 and returns nothing.
  std::optional<std::string> readBody(Poco::Net::HTTPServerRequest& request, ClientChannel& client);

  const Gateway& gateway_;

 private:
  // An answer sent before the body was read must not leave the body to be
  // parsed as the next request: drain a small one, else close.
  void discardUnreadBody(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  bool bodyRead_ = false;
};

}  // namespace gaiarouter
