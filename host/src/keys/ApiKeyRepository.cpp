#include "keys/ApiKeyRepository.h"

#include "db/Transaction.h"
#include "keys/ApiKeySecret.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <stdexcept>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Nullable;
using Binds = std::vector<Poco::Data::AbstractBinding::Ptr>;

Nullable<Poco::Int64> nullable(const std::optional<int64_t>& v) {
  return v ? Nullable<Poco::Int64>(*v) : Nullable<Poco::Int64>();
}

Nullable<std::string> nullable(const std::optional<std::string>& v) {
  return v ? Nullable<std::string>(*v) : Nullable<std::string>();
}

std::optional<int64_t> optional(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return std::nullopt;
  return v.convert<Poco::Int64>();
}

std::optional<std::string> optionalText(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return std::nullopt;
  return v.convert<std::string>();
}

std::string text(const Poco::Dynamic::Var& v) { return v.isEmpty() ? std::string() : v.convert<std::string>(); }

// A LIKE pattern matching `needle` literally anywhere: '!' escapes the
// wildcards (and itself). Not backslash, whose meaning inside a MySQL string
// literal depends on the server's sql_mode.
std::string containsPattern(const std::string& needle) {
  std::string out = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

// Values go in by copy (bind, not use), so a Binds list needs no variables
// kept alive beside it.
void addBinds(Poco::Data::Statement& statement, const Binds& binds) {
  for (const auto& b : binds) statement.addBind(b);
}

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
  key.expiresAt = optional(rows.value(7, row));
  key.monthlyRequestLimit = optional(rows.value(8, row));
  key.monthlyTokenLimit = optional(rows.value(9, row));
  key.monthlyCostLimitMicros = optional(rows.value(10, row));
  key.lastUsedAt = optional(rows.value(11, row));
  key.createdBy = optionalText(rows.value(12, row));
  key.createdAt = optional(rows.value(13, row)).value_or(0);
  key.updatedAt = optional(rows.value(14, row)).value_or(0);
  key.deletedAt = optional(rows.value(15, row));
  return key;
}

// The WHERE clause of a listing and its values, built from fixed SQL
// fragments only.
std::string filterWhere(const ApiKeyFilter& filter, Binds& binds) {
  std::string where;
  auto add = [&](const char* condition, Poco::Data::AbstractBinding::Ptr value) {
    where += where.empty() ? "WHERE " : " AND ";
    where += condition;
    binds.push_back(value);
  };
  if (filter.status.empty()) {
    add("status <> ?", bind(std::string("deleted")));
  } else {
    add("status = ?", bind(filter.status));
  }
  if (!filter.nameContains.empty()) {
    // LOWER on both sides: the same case folding on either backend (MySQL
    // columns use utf8mb4_bin, where LIKE is case-sensitive).
    add("LOWER(name) LIKE LOWER(?) ESCAPE '!'", bind(containsPattern(filter.nameContains)));
  }
  if (!filter.organizationId.empty()) add("organization_id = ?", bind(filter.organizationId));
  if (filter.createdFrom) add("created_at >= ?", bind(static_cast<Poco::Int64>(*filter.createdFrom)));
  if (filter.createdTo) add("created_at < ?", bind(static_cast<Poco::Int64>(*filter.createdTo)));
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
  // Out-of-range paging is clamped rather than refused: the API validates
  // its parameters, this only keeps OFFSET sane.
  const Poco::Int64 limit = std::clamp(filter.page.limit, 1, 100);
  const Poco::Int64 offset = (static_cast<Poco::Int64>(std::max(filter.page.page, 1)) - 1) * limit;
  auto session = database_.session();
  Page<ApiKey> page;

  Binds countBinds;
  Poco::Data::Statement count(session);
  count << "SELECT COUNT(*) FROM api_keys " + filterWhere(filter, countBinds);
  addBinds(count, countBinds);
  Poco::Int64 total = 0;
  count.addExtract(into(total));
  count.execute();
  page.total = total;

  Binds binds;
  std::string sql = kSelect + filterWhere(filter, binds);
  // id breaks ties between keys created in the same millisecond, so pages
  // never overlap.
  sql += filter.newestFirst ? " ORDER BY created_at DESC, id DESC" : " ORDER BY created_at ASC, id ASC";
  sql += " LIMIT ? OFFSET ?";
  binds.push_back(bind(limit));
  binds.push_back(bind(offset));
  Poco::Data::Statement select(session);
  select << sql;
  addBinds(select, binds);
  select.execute();
  Poco::Data::RecordSet rows(select);
  page.items.reserve(rows.rowCount());
  for (std::size_t row = 0; row < rows.rowCount(); ++row) page.items.push_back(readKey(rows, row));
  return page;
}

std::optional<ApiKey> ApiKeyRepository::update(const std::string& id, const ApiKeyPatch& patch, int64_t nowMs) {
  // Deleting has its own method, which also sets deleted_at.
  if (patch.status && *patch.status != "active" && *patch.status != "inactive") {
    throw std::invalid_argument("an API key's status can only be set to active or inactive");
  }
  // Column names are literals chosen here; only values are bound.
  std::string sql = "UPDATE api_keys SET updated_at = ?";
  Binds binds{bind(static_cast<Poco::Int64>(nowMs))};
  auto set = [&](const char* column, Poco::Data::AbstractBinding::Ptr value) {
    sql += ", ";
    sql += column;
    sql += " = ?";
    binds.push_back(value);
  };
  if (patch.name) set("name", bind(*patch.name));
  if (patch.description) set("description", bind(*patch.description));
  if (patch.permissions) set("permissions", bind(formatPermissions(*patch.permissions)));
  if (patch.expiresAt) set("expires_at", bind(nullable(*patch.expiresAt)));
  if (patch.status) set("status", bind(*patch.status));
  if (patch.organizationId) set("organization_id", bind(*patch.organizationId));
  if (patch.monthlyRequestLimit) set("monthly_request_limit", bind(nullable(*patch.monthlyRequestLimit)));
  if (patch.monthlyTokenLimit) set("monthly_token_limit", bind(nullable(*patch.monthlyTokenLimit)));
  if (patch.monthlyCostLimitMicros) set("monthly_cost_limit_micros", bind(nullable(*patch.monthlyCostLimitMicros)));
  sql += " WHERE id = ? AND status <> ?";
  binds.push_back(bind(id));
  binds.push_back(bind(std::string("deleted")));

  {
    auto session = database_.session();
    Poco::Data::Statement update(session);
    update << sql;
    addBinds(update, binds);
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
