// Base of every gateway endpoint: assigns the request id, applies CORS,
// turns escaped exceptions into a 500 in the common error format, and writes
// the access log line.
#pragma once

#include "app/Gateway.h"
#include "auth/Principal.h"
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

  // Who is calling and whether they may do what `need` says; on failure
  // answers 401/403 and returns nothing.
  std::optional<Principal> authenticate(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx,
                                        Access need);
  // Answers an error before the body was read (keeps the connection sane).
  void refuse(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const ApiError& error);
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
