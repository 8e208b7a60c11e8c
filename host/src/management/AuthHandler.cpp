#include "management/AuthHandler.h"

#include "management/ManagementJson.h"
#include "util/Time.h"

#include <fmt/format.h>

namespace gaiarouter {
namespace {

constexpr TextRule kName{true, 1, 200};
constexpr TextRule kPassword{true, 8, 256, false};

}  // namespace

void AuthHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  switch (op_) {
    case Op::Register: return registerUser(request, client);
    case Op::Login: return login(request, client, ctx);
    case Op::Profile: return profile(request, client, ctx);
  }
}

Poco::JSON::Object::Ptr AuthHandler::session(const User& user) {
  const int64_t now = wallClockMs() / 1000;
  auto o = json::object();
  o->set("token", gateway_.sessions().issue(user, now));
  o->set("token_type", "Bearer");
  o->set("expires_at", isoUtc((now + gateway_.sessions().ttlSeconds()) * 1000));
  o->set("user", json::user(user));
  return o;
}

void AuthHandler::registerUser(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  if (!gateway_.registrationOpen()) {
    return refuse(request, client,
                  ApiError::forbidden("Registration is switched off on this gateway; ask an administrator for an account.",
                                      "registration_disabled"));
  }
  auto in = input(request, client, {"email", "name", "password", "organization_name"});
  if (!in) return;
  NewUser user;
  user.email = in->email("email", true).value_or("");
  user.name = in->text("name", kName).value_or("");
  if (auto password = in->text("password", kPassword)) user.password = *password;
  auto organizationName = in->text("organization_name", {false, 1, 200});
  if (in->failed()) return client.sendError(*in->error());
  const ApiError taken = ApiError::conflict("A user with this email exists already.", "email_taken", "email");
  if (gateway_.users().findByEmail(user.email)) return client.sendError(taken);

  // Each new account gets an organization of its own and administers it.
  const int64_t now = wallClockMs();
  NewOrganization org;
  org.name = organizationName.value_or(fmt::format("{}'s organization", user.name));
  auto createdOrg = gateway_.organizations().create(org, now);
  user.role = "member";
  user.organizationId = createdOrg.id;
  User created;
  try {
    created = gateway_.users().create(user, now);
  } catch (const DuplicateEmail&) {
    gateway_.organizations().softDelete(createdOrg.id, now);  // lost a race for the email
    return client.sendError(taken);
  }
  OrganizationPatch admin;
  admin.adminUserId = std::optional<std::string>(created.id);
  auto adminOrg = gateway_.organizations().update(createdOrg.id, admin, now);
  auto body = session(created);
  body->set("organization", json::organization(adminOrg.value_or(createdOrg)));
  send(client, 201, body);
}

void AuthHandler::login(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto in = input(request, client, {"email", "password"});
  if (!in) return;
  auto email = in->text("email", {true, 1, 254});
  auto password = in->text("password", {true, 1, 256, false});
  if (in->failed()) return client.sendError(*in->error());
  const std::string account = Poco::toLower(*email);
  const int64_t now = wallClockMs();
  auto& throttle = gateway_.loginThrottle();
  if (const int64_t wait = throttle.retryAfterMs(account, ctx.clientAddress, now); wait > 0) {
    ApiError error{429, "rate_limit_error", "Too many failed sign-ins; try again later.", "too_many_login_attempts", {}, {}, {}};
    error.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
    return client.sendError(error);
  }
  auto user = gateway_.users().verifyPassword(account, *password);
  if (!user || user->status == "deleted") {
    throttle.recordFailure(account, ctx.clientAddress, now);
    return client.sendError(ApiError::unauthorized("Invalid email or password.", "invalid_credentials"));
  }
  throttle.recordSuccess(account);
  if (user->status != "active") {
    return client.sendError(ApiError::forbidden("This account is disabled.", "account_disabled"));
  }
  ctx.caller = user->id;
  send(client, 200, session(*user));
}

void AuthHandler::profile(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = authenticate(request, client, ctx, Access::Read);
  if (!caller) return;
  if (!caller->user) {
    return client.sendError(ApiError::forbidden("The profile belongs to a signed-in user; API keys use GET /v1/key.",
                                                "user_session_required"));
  }
  auto body = json::object();
  body->set("user", json::user(*caller->user));
  body->set("organization", caller->userOrganization ? Poco::Dynamic::Var(json::organization(*caller->userOrganization))
                                                     : Poco::Dynamic::Var());
  body->set("is_organization_admin", caller->organizationAdmin);
  send(client, 200, body);
}

}  // namespace gaiarouter
