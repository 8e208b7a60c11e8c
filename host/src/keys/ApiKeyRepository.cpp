#include "keys/ApiKeyRepository.h"

#include "db/Transaction.h"
#include "db/PagedSelect.h"
#include "keys/ApiKeySecret.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <algorithm>
#include <stdexcept>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using sql::nullable;
using sql::optionalInt;
using sql::optionalText;
using sql::text;

// Every select lists these columns in this order; readKey reads them.
#define GAIAROUTER_API_KEY_COLUMNS                                                                      \
  "SELECT id, organization_id, name, description, key_prefix, permissions, status, expires_at, "        \
  "monthly_request_limit, monthly_token_limit, monthly_cost_limit_micros, last_used_at, created_by, "   \
  "created_at, updated_at, deleted_at FROM api_keys "
constexpr const char* kSelect = GAIAROUTER_API_KEY_COLUMNS;
constexpr const char* kSelectByHash = GAIAROUTER_API_KEY_COLUMNS "WHERE key_hash = ?";
constexpr const char* kSelectById = GAIAROUTER_API_KEY_COLUMNS "WHERE id = ?";
#undef GAIAROUTER_API_KEY_COLUMNS

ApiKey readKey(const Poco::Data::RecordSet& rows, std::size_t row) {
  ApiKey key;
  key.id = text(rows.value(0, row));
  key.organizationId = text(rows.value(1, row));
  key.name = text(rows.value(2, row));
  key.description = text(rows.value(3, row));
  key.keyPrefix = text(rows.value(4, row));
  key.permissions = parsePermissions(text(rows.value(5, row))).value_or(0);
  key.status = text(rows.value(6, row));
  key.expiresAt = optionalInt(rows.value(7, row));
  key.monthlyRequestLimit = optionalInt(rows.value(8, row));
  key.monthlyTokenLimit = optionalInt(rows.value(9, row));
  key.monthlyCostLimitMicros = optionalInt(rows.value(10, row));
  key.lastUsedAt = optionalInt(rows.value(11, row));
  key.createdBy = optionalText(rows.value(12, row));
  key.createdAt = optionalInt(rows.value(13, row)).value_or(0);
  key.updatedAt = optionalInt(rows.value(14, row)).value_or(0);
  key.deletedAt = optionalInt(rows.value(15, row));
  return key;
}

// The WHERE clause of a listing and its values, built from fixed SQL
// fragments only.
BoundSql filterWhere(const ApiKeyFilter& filter) {
  BoundSql where;
  whereStatus(where, filter.status);
  if (!filter.nameContains.empty()) whereContains(where, "name", filter.nameContains);
  if (!filter.organizationId.empty()) where.where("organization_id = ?", filter.organizationId);
  if (filter.createdFrom) where.where("created_at >= ?", Poco::Int64(*filter.createdFrom));
  if (filter.createdTo) where.where("created_at < ?", Poco::Int64(*filter.createdTo));
  return where;
}

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
  key.createdBy = request.createdBy;
  key.createdAt = key.updatedAt = nowMs;

  std::string hash = ApiKeySecret::hash(out.secret);
  std::string permissions = formatPermissions(key.permissions);
  auto expires = nullable(key.expiresAt), requests = nullable(key.monthlyRequestLimit),
       tokens = nullable(key.monthlyTokenLimit), cost = nullable(key.monthlyCostLimitMicros);
  auto createdBy = nullable(key.createdBy);
  auto session = database_.session();
  session << "INSERT INTO api_keys (id, organization_id, name, description, key_hash, key_prefix, permissions, status, "
             "expires_at, monthly_request_limit, monthly_token_limit, monthly_cost_limit_micros, created_by, created_at, "
             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      use(key.id), use(key.organizationId), use(key.name), use(key.description), use(hash), use(key.keyPrefix),
      use(permissions), use(key.status), use(expires), use(requests), use(tokens), use(cost), use(createdBy),
      use(key.createdAt), use(key.updatedAt), now;
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
  return readKey(rows, 0);
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

Page<ApiKey> ApiKeyRepository::list(const ApiKeyFilter& filter) {
  // id breaks ties between keys created in the same millisecond.
  return selectPage<ApiKey>(database_, "api_keys", kSelect, filterWhere(filter),
                            filter.newestFirst ? "created_at DESC, id DESC" : "created_at ASC, id ASC", filter.page,
                            readKey);
}

std::optional<ApiKey> ApiKeyRepository::update(const std::string& id, const ApiKeyPatch& patch, int64_t nowMs) {
  // Deleting has its own method, which also sets deleted_at.
  if (patch.status && *patch.status != "active" && *patch.status != "inactive") {
    throw std::invalid_argument("an API key's status can only be set to active or inactive");
  }
  // Column names are literals chosen here; only values are bound.
  BoundSql sql("UPDATE api_keys SET updated_at = ?", Poco::Int64(nowMs));
  if (patch.name) sql.set("name", *patch.name);
  if (patch.description) sql.set("description", *patch.description);
  if (patch.permissions) sql.set("permissions", formatPermissions(*patch.permissions));
  if (patch.expiresAt) sql.set("expires_at", nullable(*patch.expiresAt));
  if (patch.status) sql.set("status", *patch.status);
  if (patch.organizationId) sql.set("organization_id", *patch.organizationId);
  if (patch.monthlyRequestLimit) sql.set("monthly_request_limit", nullable(*patch.monthlyRequestLimit));
  if (patch.monthlyTokenLimit) sql.set("monthly_token_limit", nullable(*patch.monthlyTokenLimit));
  if (patch.monthlyCostLimitMicros) sql.set("monthly_cost_limit_micros", nullable(*patch.monthlyCostLimitMicros));
  sql.append(" WHERE id = ? AND status <> ?", id, std::string("deleted"));

  {
    auto session = database_.session();
    Poco::Data::Statement update(session);
    sql.into(update);
    // Not judged by the affected-row count: MySQL reports 0 when the values
    // were already the same. The row read back tells.
    update.execute();
  }
  auto key = get(id);
  if (!key || key->status == "deleted") return std::nullopt;
  return key;
}

void ApiKeyRepository::touchLastUsed(const std::vector<std::pair<std::string, int64_t>>& uses) {
  if (uses.empty()) return;
  auto session = database_.session();
  Transaction transaction(session, database_.backend());
  for (const auto& [id, at] : uses) {
    std::string key = id;
    Poco::Int64 when = at;
    // The condition keeps the newest time when instances flush out of order.
    session << "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
        use(when), use(key), use(when), now;
  }
  transaction.commit();
}

}  // namespace gaiarouter
