#include "orgs/OrganizationRepository.h"

#include "keys/ApiKeySecret.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

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

void requireSettableStatus(const std::string& status) {
  // Deleting has its own method, which also sets deleted_at.
  if (status != "active" && status != "inactive") {
    throw std::invalid_argument("an organization's status can only be set to active or inactive");
  }
}

// Every select lists these columns in this order; readOrganization reads
// them.
#define GAIAROUTER_ORGANIZATION_COLUMNS                                                                   \
  "SELECT id, name, description, admin_user_id, status, monthly_request_limit, monthly_token_limit, "     \
  "monthly_cost_limit_micros, yearly_request_limit, yearly_token_limit, yearly_cost_limit_micros, "       \
  "created_at, updated_at, deleted_at FROM organizations "
constexpr const char* kSelect = GAIAROUTER_ORGANIZATION_COLUMNS;
constexpr const char* kSelectById = GAIAROUTER_ORGANIZATION_COLUMNS "WHERE id = ?";
#undef GAIAROUTER_ORGANIZATION_COLUMNS

Organization readOrganization(const Poco::Data::RecordSet& rows, std::size_t row) {
  Organization org;
  org.id = text(rows.value(0, row));
  org.name = text(rows.value(1, row));
  org.description = text(rows.value(2, row));
  org.adminUserId = optionalText(rows.value(3, row));
  org.status = text(rows.value(4, row));
  org.limits.monthlyRequests = optional(rows.value(5, row));
  org.limits.monthlyTokens = optional(rows.value(6, row));
  org.limits.monthlyCostMicros = optional(rows.value(7, row));
  org.limits.yearlyRequests = optional(rows.value(8, row));
  org.limits.yearlyTokens = optional(rows.value(9, row));
  org.limits.yearlyCostMicros = optional(rows.value(10, row));
  org.createdAt = optional(rows.value(11, row)).value_or(0);
  org.updatedAt = optional(rows.value(12, row)).value_or(0);
  org.deletedAt = optional(rows.value(13, row));
  return org;
}

// The WHERE clause of a listing and its values, built from fixed SQL
// fragments only.
std::string filterWhere(const OrganizationFilter& filter, Binds& binds) {
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
  return where;
}

}  // namespace

Organization OrganizationRepository::create(const NewOrganization& request, int64_t nowMs) {
  requireSettableStatus(request.status);
  Organization org;
  org.id = ApiKeySecret::newId("org_");
  org.name = request.name;
  org.description = request.description;
  org.adminUserId = request.adminUserId;
  org.status = request.status;
  org.limits = request.limits;
  org.createdAt = org.updatedAt = nowMs;

  auto admin = nullable(org.adminUserId);
  auto monthlyRequests = nullable(org.limits.monthlyRequests), monthlyTokens = nullable(org.limits.monthlyTokens),
       monthlyCost = nullable(org.limits.monthlyCostMicros), yearlyRequests = nullable(org.limits.yearlyRequests),
       yearlyTokens = nullable(org.limits.yearlyTokens), yearlyCost = nullable(org.limits.yearlyCostMicros);
  auto session = database_.session();
  session << "INSERT INTO organizations (id, name, description, admin_user_id, status, monthly_request_limit, "
             "monthly_token_limit, monthly_cost_limit_micros, yearly_request_limit, yearly_token_limit, "
             "yearly_cost_limit_micros, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      use(org.id), use(org.name), use(org.description), use(admin), use(org.status), use(monthlyRequests),
      use(monthlyTokens), use(monthlyCost), use(yearlyRequests), use(yearlyTokens), use(yearlyCost),
      use(org.createdAt), use(org.updatedAt), now;
  return org;
}

std::optional<Organization> OrganizationRepository::get(const std::string& id) {
  auto session = database_.session();
  Poco::Data::Statement select(session);
  std::string bound = id;
  select << kSelectById, use(bound), now;
  Poco::Data::RecordSet rows(select);
  if (rows.rowCount() == 0) return std::nullopt;
  return readOrganization(rows, 0);
}

Page<Organization> OrganizationRepository::list(const OrganizationFilter& filter) {
  // Out-of-range paging is clamped rather than refused: the API validates
  // its parameters, this only keeps OFFSET sane.
  const Poco::Int64 limit = std::clamp(filter.page.limit, 1, 100);
  const Poco::Int64 offset = (static_cast<Poco::Int64>(std::max(filter.page.page, 1)) - 1) * limit;
  auto session = database_.session();
  Page<Organization> page;

  Binds countBinds;
  Poco::Data::Statement count(session);
  count << "SELECT COUNT(*) FROM organizations " + filterWhere(filter, countBinds);
  addBinds(count, countBinds);
  Poco::Int64 total = 0;
  count.addExtract(into(total));
  count.execute();
  page.total = total;

  Binds binds;
  // id breaks ties between organizations created in the same millisecond,
  // so pages never overlap.
  std::string sql = kSelect + filterWhere(filter, binds) + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
  binds.push_back(bind(limit));
  binds.push_back(bind(offset));
  Poco::Data::Statement select(session);
  select << sql;
  addBinds(select, binds);
  select.execute();
  Poco::Data::RecordSet rows(select);
  page.items.reserve(rows.rowCount());
  for (std::size_t row = 0; row < rows.rowCount(); ++row) page.items.push_back(readOrganization(rows, row));
  return page;
}

std::optional<Organization> OrganizationRepository::update(const std::string& id, const OrganizationPatch& patch,
                                                           int64_t nowMs) {
  if (patch.status) requireSettableStatus(*patch.status);
  // Column names are literals chosen here; only values are bound.
  std::string sql = "UPDATE organizations SET updated_at = ?";
  Binds binds{bind(static_cast<Poco::Int64>(nowMs))};
  auto set = [&](const char* column, Poco::Data::AbstractBinding::Ptr value) {
    sql += ", ";
    sql += column;
    sql += " = ?";
    binds.push_back(value);
  };
  if (patch.name) set("name", bind(*patch.name));
  if (patch.description) set("description", bind(*patch.description));
  if (patch.adminUserId) set("admin_user_id", bind(nullable(*patch.adminUserId)));
  if (patch.status) set("status", bind(*patch.status));
  if (patch.monthlyRequests) set("monthly_request_limit", bind(nullable(*patch.monthlyRequests)));
  if (patch.monthlyTokens) set("monthly_token_limit", bind(nullable(*patch.monthlyTokens)));
  if (patch.monthlyCostMicros) set("monthly_cost_limit_micros", bind(nullable(*patch.monthlyCostMicros)));
  if (patch.yearlyRequests) set("yearly_request_limit", bind(nullable(*patch.yearlyRequests)));
  if (patch.yearlyTokens) set("yearly_token_limit", bind(nullable(*patch.yearlyTokens)));
  if (patch.yearlyCostMicros) set("yearly_cost_limit_micros", bind(nullable(*patch.yearlyCostMicros)));
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
  auto org = get(id);
  if (!org || org->status == "deleted") return std::nullopt;
  return org;
}

bool OrganizationRepository::softDelete(const std::string& id, int64_t nowMs) {
  auto session = database_.session();
  std::string org = id, deleted = "deleted";
  int64_t at = nowMs;
  Poco::Data::Statement update(session);
  update << "UPDATE organizations SET status = ?, deleted_at = ?, updated_at = ? WHERE id = ? AND status <> ?",
      use(deleted), use(at), use(at), use(org), use(deleted);
  return update.execute() > 0;
}

}  // namespace gaiarouter
