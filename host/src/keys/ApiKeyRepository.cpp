#include "keys/ApiKeyRepository.h"

#include "keys/ApiKeySecret.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Nullable;

Nullable<Poco::Int64> nullable(const std::optional<int64_t>& v) {
  return v ? Nullable<Poco::Int64>(*v) : Nullable<Poco::Int64>();
}

std::optional<int64_t> optional(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return std::nullopt;
  return v.convert<Poco::Int64>();
}

std::string text(const Poco::Dynamic::Var& v) { return v.isEmpty() ? std::string() : v.convert<std::string>(); }

#define GAIAROUTER_API_KEY_COLUMNS                                                                      \
  "SELECT id, organization_id, name, description, key_prefix, permissions, status, expires_at, "        \
  "monthly_request_limit, monthly_token_limit, monthly_cost_limit_micros, last_used_at, created_at, "  \
  "updated_at, deleted_at FROM api_keys "
constexpr const char* kSelectByHash = GAIAROUTER_API_KEY_COLUMNS "WHERE key_hash = ?";
constexpr const char* kSelectById = GAIAROUTER_API_KEY_COLUMNS "WHERE id = ?";
#undef GAIAROUTER_API_KEY_COLUMNS

}  // namespace

CreatedApiKey ApiKeyRepository::create(const NewApiKey& request, int64_t nowMs) {
  CreatedApiKey out;
  out.secret = ApiKeySecret::generate();
  ApiKey& key = out.key;
  key.id = ApiKeySecret::newId("key_");
  key.organizationId = request.organizationId;
  key.name = request.name;
  key.description = request.description;
  key.keyPrefix = ApiKeySecret::displayPrefix(out.secret);
  key.permissions = request.permissions;
  key.status = "active";
  key.expiresAt = request.expiresAt;
  key.monthlyRequestLimit = request.monthlyRequestLimit;
  key.monthlyTokenLimit = request.monthlyTokenLimit;
  key.monthlyCostLimitMicros = request.monthlyCostLimitMicros;
  key.createdAt = key.updatedAt = nowMs;

  std::string hash = ApiKeySecret::hash(out.secret);
  std::string permissions = formatPermissions(key.permissions);
  auto expires = nullable(key.expiresAt), requests = nullable(key.monthlyRequestLimit),
       tokens = nullable(key.monthlyTokenLimit), cost = nullable(key.monthlyCostLimitMicros);
  auto session = database_.session();
  session << "INSERT INTO api_keys (id, organization_id, name, description, key_hash, key_prefix, permissions, status, "
             "expires_at, monthly_request_limit, monthly_token_limit, monthly_cost_limit_micros, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      use(key.id), use(key.organizationId), use(key.name), use(key.description), use(hash), use(key.keyPrefix),
      use(permissions), use(key.status), use(expires), use(requests), use(tokens), use(cost), use(key.createdAt),
      use(key.updatedAt), now;
  return out;
}

std::optional<ApiKey> ApiKeyRepository::findByHash(const std::string& hash) { return findOne(kSelectByHash, hash); }

std::optional<ApiKey> ApiKeyRepository::get(const std::string& id) { return findOne(kSelectById, id); }

std::optional<ApiKey> ApiKeyRepository::findOne(const char* sql, const std::string& value) {
  auto session = database_.session();
  Poco::Data::Statement select(session);
  std::string bound = value;
  select << sql, use(bound), now;
  Poco::Data::RecordSet rows(select);
  if (rows.rowCount() == 0) return std::nullopt;
  ApiKey key;
  key.id = text(rows.value(0, 0));
  key.organizationId = text(rows.value(1, 0));
  key.name = text(rows.value(2, 0));
  key.description = text(rows.value(3, 0));
  key.keyPrefix = text(rows.value(4, 0));
  key.permissions = parsePermissions(text(rows.value(5, 0))).value_or(0);
  key.status = text(rows.value(6, 0));
  key.expiresAt = optional(rows.value(7, 0));
  key.monthlyRequestLimit = optional(rows.value(8, 0));
  key.monthlyTokenLimit = optional(rows.value(9, 0));
  key.monthlyCostLimitMicros = optional(rows.value(10, 0));
  key.lastUsedAt = optional(rows.value(11, 0));
  key.createdAt = optional(rows.value(12, 0)).value_or(0);
  key.updatedAt = optional(rows.value(13, 0)).value_or(0);
  key.deletedAt = optional(rows.value(14, 0));
  return key;
}

bool ApiKeyRepository::softDelete(const std::string& id, int64_t nowMs) {
  auto session = database_.session();
  std::string key = id, deleted = "deleted";
  int64_t at = nowMs;
  Poco::Data::Statement update(session);
  update << "UPDATE api_keys SET status = ?, deleted_at = ?, updated_at = ? WHERE id = ? AND status <> ?", use(deleted),
      use(at), use(at), use(key), use(deleted);
  return update.execute() > 0;
}

}  // namespace gaiarouter
