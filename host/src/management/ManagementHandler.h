// Base of the management endpoints: path parameters from the route, JSON
// answers, and the checks every endpoint shares (the caller may manage,
// objects of other organizations are invisible).
#pragma once

#include "http/GatewayHandler.h"
#include "management/JsonInput.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace gaiarouter {

class ManagementHandler : public GatewayHandler {
 public:
  ManagementHandler(const Gateway& gateway, std::vector<std::string> params)
      : GatewayHandler(gateway), params_(std::move(params)) {}

 protected:
  // The caller, if it may use the management API: the master key, a user
  // session, or a key with the admin permission (else 401/403 answered).
  std::optional<Principal> manager(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx);
  // The body as a JsonInput, or nothing (413/400 answered).
  std::optional<JsonInput> input(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                 std::initializer_list<const char*> allowed);
  void send(ClientChannel& client, int status, const Poco::JSON::Object::Ptr& body);
  // {"id": …, "object": …, "deleted": true}
  void sendDeleted(ClientChannel& client, const std::string& id, const char* object);

  const std::string& param(std::size_t i) const { return params_.at(i); }

  static ApiError notFound(const char* what, const std::string& id);
  static ApiError adminOnly(const char* action);

 private:
  std::vector<std::string> params_;
};

}  // namespace gaiarouter
