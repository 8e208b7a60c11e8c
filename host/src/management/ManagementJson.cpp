#include "management/ManagementJson.h"

#include "util/Time.h"

#include <sstream>

namespace gaiarouter::json {

Poco::JSON::Object::Ptr object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Poco::Dynamic::Var time(const std::optional<int64_t>& ms) {
  return ms ? Poco::Dynamic::Var(isoUtc(*ms)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var usd(const std::optional<int64_t>& micros) {
  // Micro-dollars are exact in a double up to 2^53, far beyond any cap.
  return micros ? Poco::Dynamic::Var(static_cast<double>(*micros) / 1e6) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var count(const std::optional<int64_t>& n) {
  return n ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*n)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var text(const std::optional<std::string>& s) { return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var(); }

Poco::JSON::Object::Ptr apiKey(const ApiKey& key) {
  auto o = object();
  o->set("id", key.id);
  o->set("object", "api_key");
  o->set("name", key.name);
  o->set("description", key.description);
  o->set("key_prefix", key.keyPrefix);
  o->set("organization_id", key.organizationId);
  Poco::JSON::Array::Ptr permissions = new Poco::JSON::Array;
  for (unsigned bit : {kPermissionRead, kPermissionWrite, kPermissionAdmin}) {
    if (key.permissions & bit) permissions->add(formatPermissions(bit));
  }
  o->set("permissions", permissions);
  o->set("status", key.status);
  o->set("expires_at", time(key.expiresAt));
  auto limits = object();
  limits->set("monthly_requests", count(key.monthlyRequestLimit));
  limits->set("monthly_tokens", count(key.monthlyTokenLimit));
  limits->set("monthly_cost", usd(key.monthlyCostLimitMicros));
  o->set("limits", limits);
  o->set("last_used_at", time(key.lastUsedAt));
  o->set("created_by", text(key.createdBy));
  o->set("created_at", isoUtc(key.createdAt));
  o->set("updated_at", isoUtc(key.updatedAt));
  o->set("deleted_at", time(key.deletedAt));
  return o;
}

Poco::JSON::Object::Ptr organization(const Organization& org) {
  auto o = object();
  o->set("id", org.id);
  o->set("object", "organization");
  o->set("name", org.name);
  o->set("description", org.description);
  o->set("admin_user_id", text(org.adminUserId));
  o->set("status", org.status);
  auto limits = object();
  limits->set("monthly_requests", count(org.limits.monthlyRequests));
  limits->set("monthly_tokens", count(org.limits.monthlyTokens));
  limits->set("monthly_cost", usd(org.limits.monthlyCostMicros));
  limits->set("yearly_requests", count(org.limits.yearlyRequests));
  limits->set("yearly_tokens", count(org.limits.yearlyTokens));
  limits->set("yearly_cost", usd(org.limits.yearlyCostMicros));
  o->set("limits", limits);
  o->set("credit_balance", usd(org.creditBalanceMicros));
  o->set("credit_balance_micros", static_cast<Poco::Int64>(org.creditBalanceMicros));
  o->set("credit_enforced", org.creditEnforced);
  o->set("created_at", isoUtc(org.createdAt));
  o->set("updated_at", isoUtc(org.updatedAt));
  o->set("deleted_at", time(org.deletedAt));
  return o;
}

Poco::JSON::Object::Ptr balanceTransaction(const BalanceTransaction& t) {
  auto o = object();
  o->set("id", static_cast<Poco::Int64>(t.id));
  o->set("object", "balance_transaction");
  o->set("organization_id", t.organizationId);
  o->set("type", t.type);
  o->set("amount", usd(t.amountMicros));
  o->set("amount_micros", static_cast<Poco::Int64>(t.amountMicros));
  o->set("balance_after", usd(t.balanceAfterMicros));
  o->set("balance_after_micros", static_cast<Poco::Int64>(t.balanceAfterMicros));
  o->set("reason", text(t.reason));
  o->set("request_id", text(t.requestId));
  o->set("created_by", text(t.createdBy));
  o->set("created_at", isoUtc(t.createdAt));
  return o;
}

Poco::JSON::Object::Ptr user(const User& user) {
  auto o = object();
  o->set("id", user.id);
  o->set("object", "user");
  o->set("email", user.email);
  o->set("name", user.name);
  o->set("role", user.role);
  o->set("organization_id", text(user.organizationId));
  o->set("status", user.status);
  o->set("created_at", isoUtc(user.createdAt));
  o->set("updated_at", isoUtc(user.updatedAt));
  o->set("deleted_at", time(user.deletedAt));
  return o;
}

Poco::JSON::Object::Ptr usage(const UsageTotals& totals) {
  auto o = object();
  o->set("requests", static_cast<Poco::Int64>(totals.requests));
  o->set("tokens", static_cast<Poco::Int64>(totals.tokens));
  o->set("cost", static_cast<double>(totals.costMicros) / 1e6);
  return o;
}

std::string stringify(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

}  // namespace gaiarouter::json
