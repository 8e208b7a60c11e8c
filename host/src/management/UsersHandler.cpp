#include "management/UsersHandler.h"

#include "management/ManagementJson.h"
#include "management/QueryInput.h"
#include "util/Time.h"

namespace gaiarouter {
namespace {

constexpr TextRule kName{true, 1, 200};
constexpr TextRule kNewName{false, 1, 200};  // PATCH: optional, never empty
// Long passphrases welcome; the cap only bounds the KDF's input.
constexpr TextRule kPassword{true, 8, 256, false};

}  // namespace

void UsersHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = manager(request, client, ctx);
  if (!caller) return;
  if (!caller->globalAdmin) return refuse(request, client, adminOnly("manage users"));
  switch (op_) {
    case Op::Create: return create(request, client);
    case Op::List: return list(request, client);
    case Op::Get:
      if (auto user = gateway_.users().get(param(0))) return send(client, 200, json::user(*user));
      return client.sendError(notFound("user", param(0)));
    case Op::Update: return update(request, client);
    case Op::Delete:
      if (!gateway_.users().get(param(0))) return client.sendError(notFound("user", param(0)));
      gateway_.users().softDelete(param(0), wallClockMs());
      return sendDeleted(client, param(0), "user");
  }
}

bool UsersHandler::checkMembership(ClientChannel& client, const std::string& role,
                                   const std::optional<std::string>& organizationId) {
  if (role == "admin" && organizationId) {
    client.sendError(ApiError::invalidRequest("Admin users belong to no organization: leave 'organization_id' null.",
                                              "organization_id", "invalid_field"));
    return false;
  }
  if (role == "member" && !organizationId) {
    client.sendError(ApiError::invalidRequest("'organization_id' is required for members.", "organization_id",
                                              "invalid_field"));
    return false;
  }
  if (organizationId) {
    auto org = gateway_.organizations().get(*organizationId);
    if (!org || org->status == "deleted") {
      auto error = notFound("organization", *organizationId);
      error.param = "organization_id";
      client.sendError(error);
      return false;
    }
  }
  return true;
}

void UsersHandler::create(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  auto in = input(request, client, {"email", "name", "password", "role", "organization_id", "status"});
  if (!in) return;
  NewUser user;
  user.email = in->email("email", true).value_or("");
  user.name = in->text("name", kName).value_or("");
  if (auto password = in->text("password", kPassword)) user.password = *password;
  user.role = in->choice("role", {"admin", "member"}).value_or("member");
  user.organizationId = in->id("organization_id").value_or(std::nullopt);
  user.status = in->choice("status", {"active", "inactive"}).value_or("active");
  if (in->failed()) return client.sendError(*in->error());
  if (!checkMembership(client, user.role, user.organizationId)) return;
  try {
    send(client, 201, json::user(gateway_.users().create(user, wallClockMs())));
  } catch (const DuplicateEmail&) {
    client.sendError(ApiError::conflict("A user with this email exists already.", "email_taken", "email"));
  }
}

void UsersHandler::list(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  QueryInput query(request.getURI(), {"search", "role", "status", "organization_id"});
  UserFilter filter;
  filter.page = query.page();
  filter.search = query.text("search");
  filter.role = query.choice("role", {"admin", "member"});
  filter.status = query.choice("status", {"active", "inactive", "deleted"});
  filter.organizationId = query.text("organization_id", 40);
  if (query.failed()) return client.sendError(*query.error());
  auto page = gateway_.users().list(filter);
  send(client, 200, json::list(page, filter.page, [](const User& u) { return json::user(u); }));
}

void UsersHandler::update(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  auto in = input(request, client, {"email", "name", "password", "role", "organization_id", "status"});
  if (!in) return;
  UserPatch patch;
  patch.email = in->email("email", false);
  patch.name = in->text("name", kNewName);
  patch.password = in->text("password", {false, 8, 256, false});
  patch.role = in->choice("role", {"admin", "member"});
  patch.organizationId = in->id("organization_id");
  patch.status = in->choice("status", {"active", "inactive"});
  if (in->failed()) return client.sendError(*in->error());

  auto user = gateway_.users().get(param(0));
  if (!user) return client.sendError(notFound("user", param(0)));
  if (user->status == "deleted") return client.sendError(ApiError::conflict("A deleted user cannot be changed.", "user_deleted"));
  // Check the role and organization the user will have afterwards.
  const std::string role = patch.role.value_or(user->role);
  std::optional<std::string> organization = patch.organizationId ? *patch.organizationId : user->organizationId;
  if (role == "admin" && !patch.organizationId) organization.reset();  // promotion leaves the organization
  if (role == "admin" && user->organizationId && !patch.organizationId) patch.organizationId = std::optional<std::string>();
  if (!checkMembership(client, role, organization)) return;
  try {
    auto updated = gateway_.users().update(user->id, patch, wallClockMs());
    if (!updated) return client.sendError(ApiError::conflict("A deleted user cannot be changed.", "user_deleted"));
    send(client, 200, json::user(*updated));
  } catch (const DuplicateEmail&) {
    client.sendError(ApiError::conflict("A user with this email exists already.", "email_taken", "email"));
  }
}

}  // namespace gaiarouter
