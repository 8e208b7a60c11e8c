#include "management/OrganizationsHandler.h"

#include "management/ManagementJson.h"
#include "management/QueryInput.h"
#include "util/Time.h"

#include <fmt/format.h>

namespace gaiarouter {
namespace {

constexpr TextRule kName{true, 1, 200};
constexpr TextRule kNewName{false, 1, 200};  // PATCH: optional, never empty
constexpr TextRule kDescription{false, 0, 2000};

void readLimits(JsonInput& in, OrganizationPatch& patch) {
  if (auto l = in.object("limits", {"monthly_requests", "monthly_tokens", "monthly_cost", "yearly_requests",
                                    "yearly_tokens", "yearly_cost"})) {
    constexpr int64_t kMax = INT64_MAX / 2;
    patch.monthlyRequests = l->count("monthly_requests", 0, kMax);
    patch.monthlyTokens = l->count("monthly_tokens", 0, kMax);
    patch.monthlyCostMicros = l->usd("monthly_cost");
    patch.yearlyRequests = l->count("yearly_requests", 0, kMax);
    patch.yearlyTokens = l->count("yearly_tokens", 0, kMax);
    patch.yearlyCostMicros = l->usd("yearly_cost");
    in.adopt(*l);
  }
}

}  // namespace

void OrganizationsHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = manager(request, client, ctx);
  if (!caller) return;
  switch (op_) {
    case Op::Create:
      if (!caller->globalAdmin) return refuse(request, client, adminOnly("create organizations"));
      return create(request, client);
    case Op::List: return list(request, client, *caller);
    case Op::Get:
      if (auto org = visible(client, *caller, param(0))) send(client, 200, json::organization(*org));
      return;
    case Op::Update: return update(request, client, *caller);
    case Op::Delete: return remove(client, *caller);
  }
}

std::optional<Organization> OrganizationsHandler::visible(ClientChannel& client, const Principal& caller,
                                                          const std::string& id) {
  auto org = gateway_.organizations().get(id);
  if (!org || !caller.canSee(org->id)) {
    client.sendError(notFound("organization", id));
    return std::nullopt;
  }
  return org;
}

bool OrganizationsHandler::checkAdminUser(ClientChannel& client, const std::string& userId,
                                          const std::optional<std::string>& organizationId) {
  auto user = gateway_.users().get(userId);
  if (!user || user->status == "deleted") {
    auto error = notFound("user", userId);
    error.param = "admin_user_id";
    client.sendError(error);
    return false;
  }
  if (user->role == "member" && user->organizationId && user->organizationId != organizationId) {
    client.sendError(ApiError::conflict("The admin user belongs to another organization.", "user_in_other_organization",
                                        "admin_user_id"));
    return false;
  }
  return true;
}

void OrganizationsHandler::create(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  auto in = input(request, client, {"name", "description", "admin_user_id", "status", "limits", "credit_enforced"});
  if (!in) return;
  NewOrganization org;
  org.name = in->text("name", kName).value_or("");
  org.description = in->text("description", kDescription).value_or("");
  org.adminUserId = in->id("admin_user_id").value_or(std::nullopt);
  org.status = in->choice("status", {"active", "inactive"}).value_or("active");
  org.creditEnforced = in->boolean("credit_enforced").value_or(false);
  OrganizationPatch limits;
  readLimits(*in, limits);
  if (in->failed()) return client.sendError(*in->error());
  org.limits.monthlyRequests = limits.monthlyRequests.value_or(std::nullopt);
  org.limits.monthlyTokens = limits.monthlyTokens.value_or(std::nullopt);
  org.limits.monthlyCostMicros = limits.monthlyCostMicros.value_or(std::nullopt);
  org.limits.yearlyRequests = limits.yearlyRequests.value_or(std::nullopt);
  org.limits.yearlyTokens = limits.yearlyTokens.value_or(std::nullopt);
  org.limits.yearlyCostMicros = limits.yearlyCostMicros.value_or(std::nullopt);
  if (org.adminUserId && !checkAdminUser(client, *org.adminUserId, std::nullopt)) return;

  const int64_t now = wallClockMs();
  auto created = gateway_.organizations().create(org, now);
  if (org.adminUserId) {
    // A member without an organization joins the one they administer.
    auto user = gateway_.users().get(*org.adminUserId);
    if (user && user->role == "member" && !user->organizationId) {
      UserPatch join;
      join.organizationId = std::optional<std::string>(created.id);
      gateway_.users().update(user->id, join, now);
    }
  }
  send(client, 201, json::organization(created));
}

void OrganizationsHandler::list(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller) {
  QueryInput query(request.getURI(), {"name", "status"});
  OrganizationFilter filter;
  filter.page = query.page();
  filter.nameContains = query.text("name");
  filter.status = query.choice("status", {"active", "inactive", "deleted"});
  if (query.failed()) return client.sendError(*query.error());
  if (caller.globalAdmin) {
    auto page = gateway_.organizations().list(filter);
    return send(client, 200, json::list(page, filter.page, [](const Organization& o) { return json::organization(o); }));
  }
  // Everyone else sees their own organization, filtered the same way.
  Page<Organization> page;
  if (auto own = gateway_.organizations().get(*caller.organizationId)) {
    std::string name = own->name, wanted = filter.nameContains;
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::transform(wanted.begin(), wanted.end(), wanted.begin(), ::tolower);
    const bool statusOk = filter.status.empty() ? own->status != "deleted" : own->status == filter.status;
    if (statusOk && name.find(wanted) != std::string::npos) {
      page.total = 1;
      if (filter.page.page == 1) page.items.push_back(*own);
    }
  }
  send(client, 200, json::list(page, filter.page, [](const Organization& o) { return json::organization(o); }));
}

void OrganizationsHandler::update(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller) {
  auto in = input(request, client, {"name", "description", "admin_user_id", "status", "limits", "credit_enforced"});
  if (!in) return;
  OrganizationPatch patch;
  patch.name = in->text("name", kNewName);
  patch.description = in->text("description", kDescription);
  patch.adminUserId = in->id("admin_user_id");
  patch.status = in->choice("status", {"active", "inactive"});
  patch.creditEnforced = in->boolean("credit_enforced");
  readLimits(*in, patch);
  if (in->failed()) return client.sendError(*in->error());

  auto org = visible(client, caller, param(0));
  if (!org) return;
  if (!caller.globalAdmin) {
    if (!caller.organizationAdmin) return client.sendError(adminOnly("change the organization (its org-admin may too)"));
    for (const char* field : {"admin_user_id", "status", "limits", "credit_enforced"}) {
      if (in->has(field)) {
        auto error = adminOnly("change an organization's admin, status, limits or credit enforcement");
        error.param = field;
        return client.sendError(error);
      }
    }
  }
  if (org->status == "deleted") {
    return client.sendError(ApiError::conflict("A deleted organization cannot be changed.", "organization_deleted"));
  }
  if (patch.adminUserId && *patch.adminUserId && !checkAdminUser(client, **patch.adminUserId, org->id)) return;

  const int64_t now = wallClockMs();
  auto updated = gateway_.organizations().update(org->id, patch, now);
  gateway_.keyVerifier().invalidateOrganization(org->id);
  gateway_.creditGate().invalidate(org->id);
  if (!updated) return client.sendError(ApiError::conflict("A deleted organization cannot be changed.", "organization_deleted"));
  if (patch.adminUserId && *patch.adminUserId) {
    auto user = gateway_.users().get(**patch.adminUserId);
    if (user && user->role == "member" && !user->organizationId) {
      UserPatch join;
      join.organizationId = std::optional<std::string>(org->id);
      gateway_.users().update(user->id, join, now);
    }
  }
  send(client, 200, json::organization(*updated));
}

void OrganizationsHandler::remove(ClientChannel& client, const Principal& caller) {
  auto org = visible(client, caller, param(0));
  if (!org) return;
  if (!caller.globalAdmin) return client.sendError(adminOnly("delete organizations"));
  gateway_.organizations().softDelete(org->id, wallClockMs());
  gateway_.keyVerifier().invalidateOrganization(org->id);
  sendDeleted(client, org->id, "organization");
}

}  // namespace gaiarouter
