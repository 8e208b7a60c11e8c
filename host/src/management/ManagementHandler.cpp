#include "management/ManagementHandler.h"

#include "management/ManagementJson.h"

#include <fmt/format.h>

namespace gaiarouter {

std::optional<Principal> ManagementHandler::manager(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                                    RequestContext& ctx) {
  return authenticate(request, client, ctx, Access::Admin);
}

std::optional<JsonInput> ManagementHandler::input(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                                  std::initializer_list<const char*> allowed) {
  auto body = readBody(request, client);
  if (!body) return std::nullopt;
  JsonInput in(*body, allowed);
  if (in.failed()) {
    client.sendError(*in.error());
    return std::nullopt;
  }
  return in;
}

void ManagementHandler::send(ClientChannel& client, int status, const Poco::JSON::Object::Ptr& body) {
  client.sendJson(status, json::stringify(body));
}

void ManagementHandler::sendDeleted(ClientChannel& client, const std::string& id, const char* object) {
  auto o = json::object();
  o->set("id", id);
  o->set("object", object);
  o->set("deleted", true);
  send(client, 200, o);
}

ApiError ManagementHandler::notFound(const char* what, const std::string& id) {
  const std::string shown = std::string(what) == "api_key" ? "API key" : what;
  return ApiError::notFound(fmt::format("No {} with id '{}'.", shown, id.substr(0, 64)), fmt::format("{}_not_found", what));
}

ApiError ManagementHandler::adminOnly(const char* action) {
  return ApiError::forbidden(fmt::format("Only administrators can {}.", action), "insufficient_permissions");
}

}  // namespace gaiarouter
