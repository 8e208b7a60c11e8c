#include "management/ApiKeysHandler.h"

#include "management/ManagementJson.h"
#include "management/QueryInput.h"
#include "util/Time.h"

#include <fmt/format.h>

namespace gaiarouter {
namespace {

constexpr TextRule kName{true, 1, 200};
constexpr TextRule kNewName{false, 1, 200};  // PATCH: optional, never empty
constexpr TextRule kDescription{false, 0, 2000};

// Reads {"monthly_requests", "monthly_tokens", "monthly_cost"} into a patch.
void readKeyLimits(JsonInput& in, ApiKeyPatch& patch) {
  if (auto limits = in.object("limits", {"monthly_requests", "monthly_tokens", "monthly_cost"})) {
    patch.monthlyRequestLimit = limits->count("monthly_requests", 0, INT64_MAX / 2);
    patch.monthlyTokenLimit = limits->count("monthly_tokens", 0, INT64_MAX / 2);
    patch.monthlyCostLimitMicros = limits->usd("monthly_cost");
    in.adopt(*limits);
  }
}

// Only those who may change the organization may hand out 'admin'.
bool mayGrant(const Principal& caller, unsigned permissions) {
  return (permissions & kPermissionAdmin) == 0 || caller.globalAdmin || caller.organizationAdmin;
}

}  // namespace

void ApiKeysHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = manager(request, client, ctx);
  if (!caller) return;
  switch (op_) {
    case Op::Create: return create(request, client, *caller, std::nullopt);
    case Op::CreateInOrganization: return create(request, client, *caller, param(0));
    case Op::List: return list(request, client, *caller, std::nullopt);
    case Op::ListInOrganization: return list(request, client, *caller, param(0));
    case Op::Get:
      if (auto key = visibleKey(client, *caller, param(0))) send(client, 200, json::apiKey(*key));
      return;
    case Op::Update: return update(request, client, *caller);
    case Op::Delete: return remove(client, *caller, param(0), std::nullopt);
    case Op::RemoveFromOrganization: return remove(client, *caller, param(1), param(0));
  }
}

std::optional<ApiKey> ApiKeysHandler::visibleKey(ClientChannel& client, const Principal& caller, const std::string& id) {
  auto key = gateway_.apiKeys().get(id);
  if (!key || !caller.canSee(key->organizationId)) {
    client.sendError(notFound("api_key", id));
    return std::nullopt;
  }
  return key;
}

void ApiKeysHandler::create(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
                            const std::optional<std::string>& pathOrganization) {
  std::optional<JsonInput> in;
  if (pathOrganization) {
    in = input(request, client, {"name", "description", "permissions", "expires_at", "limits"});
  } else {
    in = input(request, client, {"name", "description", "permissions", "expires_at", "limits", "organization_id"});
  }
  if (!in) return;
  NewApiKey key;
  key.name = in->text("name", kName).value_or("");
  key.description = in->text("description", kDescription).value_or("");
  if (auto permissions = in->permissions("permissions")) key.permissions = *permissions;
  key.expiresAt = in->time("expires_at").value_or(std::nullopt);
  std::optional<std::string> organizationId = pathOrganization;
  if (!pathOrganization) organizationId = in->id("organization_id").value_or(std::nullopt);
  ApiKeyPatch limits;
  readKeyLimits(*in, limits);
  if (in->failed()) return client.sendError(*in->error());

  if (!organizationId) organizationId = caller.organizationId;
  if (!organizationId) {
    return client.sendError(ApiError::invalidRequest("'organization_id' is required: every key belongs to an organization.",
                                                     "organization_id", "invalid_field"));
  }
  auto org = gateway_.organizations().get(*organizationId);
  if (!org || !caller.canSee(org->id)) {
    auto error = notFound("organization", *organizationId);
    if (!pathOrganization) error.param = "organization_id";
    return client.sendError(error);
  }
  if (org->status != "active") {
    return client.sendError(ApiError::conflict(fmt::format("The organization '{}' is {}; keys can only be created in an "
                                                           "active organization.", org->id, org->status),
                                               "organization_inactive", pathOrganization ? "" : "organization_id"));
  }
  const int64_t now = wallClockMs();
  if (key.expiresAt && *key.expiresAt <= now) {
    return client.sendError(ApiError::invalidRequest("'expires_at' must be in the future.", "expires_at", "invalid_field"));
  }
  if (!mayGrant(caller, key.permissions)) {
    return client.sendError(ApiError::forbidden("Only organization admins can create keys with the 'admin' permission.",
                                                "insufficient_permissions"));
  }
  key.organizationId = org->id;
  key.monthlyRequestLimit = limits.monthlyRequestLimit.value_or(std::nullopt);
  key.monthlyTokenLimit = limits.monthlyTokenLimit.value_or(std::nullopt);
  key.monthlyCostLimitMicros = limits.monthlyCostLimitMicros.value_or(std::nullopt);
  key.createdBy = caller.userId();
  auto created = gateway_.apiKeys().create(key, now);
  auto body = json::apiKey(created.key);
  body->set("key", created.secret);  // the only time the secret is shown
  send(client, 201, body);
}

void ApiKeysHandler::list(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
                          const std::optional<std::string>& pathOrganization) {
  QueryInput query(request.getURI(), pathOrganization ? std::initializer_list<const char*>{"name", "status", "created_after", "created_before", "order"}
                                                      : std::initializer_list<const char*>{"name", "status", "organization_id", "created_after", "created_before", "order"});
  ApiKeyFilter filter;
  filter.page = query.page();
  filter.nameContains = query.text("name");
  filter.status = query.choice("status", {"active", "inactive", "deleted"});
  filter.organizationId = pathOrganization ? *pathOrganization : query.text("organization_id", 40);
  filter.createdFrom = query.time("created_after");
  filter.createdTo = query.time("created_before");
  filter.newestFirst = query.choice("order", {"asc", "desc"}) != "asc";
  if (query.failed()) return client.sendError(*query.error());

  if (!filter.organizationId.empty()) {
    auto org = gateway_.organizations().get(filter.organizationId);
    if (!org || !caller.canSee(org->id)) {
      auto error = notFound("organization", filter.organizationId);
      if (!pathOrganization) error.param = "organization_id";
      return client.sendError(error);
    }
  } else if (!caller.globalAdmin) {
    filter.organizationId = *caller.organizationId;
  }
  auto page = gateway_.apiKeys().list(filter);
  send(client, 200, json::list(page, filter.page, [](const ApiKey& k) { return json::apiKey(k); }));
}

void ApiKeysHandler::update(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller) {
  auto in = input(request, client,
                  {"name", "description", "permissions", "expires_at", "status", "organization_id", "limits"});
  if (!in) return;
  ApiKeyPatch patch;
  patch.name = in->text("name", kNewName);
  patch.description = in->text("description", kDescription);
  patch.permissions = in->permissions("permissions");
  patch.expiresAt = in->time("expires_at");
  patch.status = in->choice("status", {"active", "inactive"});
  if (in->has("organization_id")) {
    auto target = in->id("organization_id");
    if (target && !*target && !in->failed()) {
      return client.sendError(ApiError::invalidRequest("'organization_id' cannot be null: every key belongs to an "
                                                       "organization.", "organization_id", "invalid_field"));
    }
    if (target && *target) patch.organizationId = **target;
  }
  readKeyLimits(*in, patch);
  if (in->failed()) return client.sendError(*in->error());

  auto key = visibleKey(client, caller, param(0));
  if (!key) return;
  if (key->status == "deleted") {
    return client.sendError(ApiError::conflict("A revoked key cannot be changed.", "api_key_deleted"));
  }
  if (patch.permissions && !mayGrant(caller, *patch.permissions)) {
    return client.sendError(ApiError::forbidden("Only organization admins can grant the 'admin' permission.",
                                                "insufficient_permissions"));
  }
  const int64_t now = wallClockMs();
  if (patch.expiresAt && *patch.expiresAt && **patch.expiresAt <= now) {
    return client.sendError(ApiError::invalidRequest("'expires_at' must be in the future.", "expires_at", "invalid_field"));
  }
  if (patch.organizationId && *patch.organizationId != key->organizationId) {
    auto target = gateway_.organizations().get(*patch.organizationId);
    if (!target || !caller.canSee(target->id)) {
      auto error = notFound("organization", *patch.organizationId);
      error.param = "organization_id";
      return client.sendError(error);
    }
    if (target->status == "deleted") {
      return client.sendError(ApiError::conflict("Keys cannot be moved to a deleted organization.",
                                                 "organization_inactive", "organization_id"));
    }
  }
  auto updated = gateway_.apiKeys().update(key->id, patch, now);
  gateway_.keyVerifier().invalidateKey(key->id);
  if (!updated) return client.sendError(ApiError::conflict("A revoked key cannot be changed.", "api_key_deleted"));
  send(client, 200, json::apiKey(*updated));
}

void ApiKeysHandler::remove(ClientChannel& client, const Principal& caller, const std::string& keyId,
                            const std::optional<std::string>& pathOrganization) {
  if (pathOrganization) {
    auto org = gateway_.organizations().get(*pathOrganization);
    if (!org || !caller.canSee(org->id)) return client.sendError(notFound("organization", *pathOrganization));
  }
  auto key = visibleKey(client, caller, keyId);
  if (!key) return;
  if (pathOrganization && key->organizationId != *pathOrganization) return client.sendError(notFound("api_key", keyId));
  // Removing a key from its organization revokes it: every key has one.
  gateway_.apiKeys().softDelete(key->id, wallClockMs());
  gateway_.keyVerifier().invalidateKey(key->id);
  sendDeleted(client, key->id, "api_key");
}

}  // namespace gaiarouter
