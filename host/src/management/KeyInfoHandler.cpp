#include "management/KeyInfoHandler.h"

#include "limits/UsageLimiter.h"
#include "management/ManagementJson.h"
#include "util/Time.h"

namespace gaiarouter {
namespace {

Poco::JSON::Object::Ptr window(const UsageTotals& used, const std::optional<int64_t>& requests,
                               const std::optional<int64_t>& tokens, const std::optional<int64_t>& cost,
                               int64_t resetsAt) {
  auto o = json::object();
  o->set("usage", json::usage(used));
  auto limits = json::object();
  limits->set("requests", json::count(requests));
  limits->set("tokens", json::count(tokens));
  limits->set("cost", json::usd(cost));
  o->set("limits", limits);
  o->set("resets_at", isoUtc(resetsAt));
  return o;
}

}  // namespace

void KeyInfoHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = authenticate(request, client, ctx, Access::Read);
  if (!caller) return;
  auto data = json::object();
  if (caller->kind == Principal::Kind::Master) {
    data->set("id", "master");
    data->set("label", "master key");
    data->set("is_admin", true);
    data->set("limit", Poco::Dynamic::Var());
    data->set("usage", 0);
  } else if (caller->key) {
    const int64_t now = wallClockMs();
    const std::string month = monthPeriod(now), year = yearPeriod(now);
    const ApiKey& key = caller->key->key;
    const Organization& org = caller->key->organization;
    auto& limiter = gateway_.limiter();
    const UsageTotals keyMonth = limiter.keyUsage(key.id, month);
    data->set("id", key.id);
    data->set("name", key.name);
    data->set("label", key.keyPrefix + "…");
    data->set("organization_id", key.organizationId);
    data->set("permissions", json::apiKey(key)->get("permissions"));
    data->set("is_admin", (key.permissions & kPermissionAdmin) != 0);
    data->set("expires_at", json::time(key.expiresAt));
    // OpenRouter's fields: the spending cap and what was spent against it
    // (USD, this month).
    data->set("limit", json::usd(key.monthlyCostLimitMicros));
    data->set("limit_remaining", key.monthlyCostLimitMicros
                                     ? json::usd(std::max<int64_t>(0, *key.monthlyCostLimitMicros - keyMonth.costMicros))
                                     : Poco::Dynamic::Var());
    data->set("usage", static_cast<double>(keyMonth.costMicros) / 1e6);
    auto keyLimits = json::object();
    keyLimits->set("monthly", window(keyMonth, key.monthlyRequestLimit, key.monthlyTokenLimit, key.monthlyCostLimitMicros,
                                     nextMonthStartMs(now)));
    data->set("key_limits", keyLimits);
    auto orgLimits = json::object();
    orgLimits->set("monthly", window(limiter.organizationUsage(org.id, month), org.limits.monthlyRequests,
                                     org.limits.monthlyTokens, org.limits.monthlyCostMicros, nextMonthStartMs(now)));
    orgLimits->set("yearly", window(limiter.organizationUsage(org.id, year), org.limits.yearlyRequests,
                                    org.limits.yearlyTokens, org.limits.yearlyCostMicros, nextYearStartMs(now)));
    data->set("organization_limits", orgLimits);
  } else {
    return client.sendError(ApiError::forbidden("GET /v1/key describes an API key; signed-in users use GET /v1/auth/profile.",
                                                "api_key_required"));
  }
  auto body = json::object();
  body->set("data", data);
  client.sendJson(200, json::stringify(body));
}

}  // namespace gaiarouter
