#include "orgs/OrganizationRepository.h"

#include "db/PagedSelect.h"
#include "keys/ApiKeySecret.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using sql::nullable;
using sql::optionalInt;
using sql::optionalText;
using sql::text;

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
  "created_at, updated_at, deleted_at, credit_balance_micros, credit_enforced FROM organizations "
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
  org.limits.monthlyRequests = optionalInt(rows.value(5, row));
  org.limits.monthlyTokens = optionalInt(rows.value(6, row));
  org.limits.monthlyCostMicros = optionalInt(rows.value(7, row));
  org.limits.yearlyRequests = optionalInt(rows.value(8, row));
  org.limits.yearlyTokens = optionalInt(rows.value(9, row));
  org.limits.yearlyCostMicros = optionalInt(rows.value(10, row));
  org.createdAt = optionalInt(rows.value(11, row)).value_or(0);
  org.updatedAt = optionalInt(rows.value(12, row)).value_or(0);
  org.deletedAt = optionalInt(rows.value(13, row));
  org.creditBalanceMicros = optionalInt(rows.value(14, row)).value_or(0);
  org.creditEnforced = optionalInt(rows.value(15, row)).value_or(0) != 0;
  return org;
}

// The WHERE clause of a listing and its values, built from fixed SQL
// fragments only.
BoundSql filterWhere(const OrganizationFilter& filter) {
  BoundSql where;
  whereStatus(where, filter.status);
  if (!filter.nameContains.empty()) whereContains(where, "name", filter.nameContains);
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
  org.creditEnforced = request.creditEnforced;
  org.createdAt = org.updatedAt = nowMs;

  auto admin = nullable(org.adminUserId);
  auto monthlyRequests = nullable(org.limits.monthlyRequests), monthlyTokens = nullable(org.limits.monthlyTokens),
       monthlyCost = nullable(org.limits.monthlyCostMicros), yearlyRequests = nullable(org.limits.yearlyRequests),
       yearlyTokens = nullable(org.limits.yearlyTokens), yearlyCost = nullable(org.limits.yearlyCostMicros);
  Poco::Int64 enforced = org.creditEnforced ? 1 : 0;
  auto session = database_.session();
  session << "INSERT INTO organizations (id, name, description, admin_user_id, status, monthly_request_limit, "
             "monthly_token_limit, monthly_cost_limit_micros, yearly_request_limit, yearly_token_limit, "
             "yearly_cost_limit_micros, created_at, updated_at, credit_enforced) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      use(org.id), use(org.name), use(org.description), use(admin), use(org.status), use(monthlyRequests),
      use(monthlyTokens), use(monthlyCost), use(yearlyRequests), use(yearlyTokens), use(yearlyCost),
      use(org.createdAt), use(org.updatedAt), use(enforced), now;
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
  // id breaks ties between organizations created in the same millisecond.
  return selectPage<Organization>(database_, "organizations", kSelect, filterWhere(filter), "created_at DESC, id DESC",
                                  filter.page, readOrganization);
}

std::optional<Organization> OrganizationRepository::update(const std::string& id, const OrganizationPatch& patch,
                                                           int64_t nowMs) {
  if (patch.status) requireSettableStatus(*patch.status);
  // Column names are literals chosen here; only values are bound.
  BoundSql sql("UPDATE organizations SET updated_at = ?", Poco::Int64(nowMs));
  if (patch.name) sql.set("name", *patch.name);
  if (patch.description) sql.set("description", *patch.description);
  if (patch.adminUserId) sql.set("admin_user_id", nullable(*patch.adminUserId));
  if (patch.status) sql.set("status", *patch.status);
  if (patch.monthlyRequests) sql.set("monthly_request_limit", nullable(*patch.monthlyRequests));
  if (patch.monthlyTokens) sql.set("monthly_token_limit", nullable(*patch.monthlyTokens));
  if (patch.monthlyCostMicros) sql.set("monthly_cost_limit_micros", nullable(*patch.monthlyCostMicros));
  if (patch.yearlyRequests) sql.set("yearly_request_limit", nullable(*patch.yearlyRequests));
  if (patch.yearlyTokens) sql.set("yearly_token_limit", nullable(*patch.yearlyTokens));
  if (patch.yearlyCostMicros) sql.set("yearly_cost_limit_micros", nullable(*patch.yearlyCostMicros));
  if (patch.creditEnforced) sql.set("credit_enforced", Poco::Int64(*patch.creditEnforced ? 1 : 0));
  sql.append(" WHERE id = ? AND status <> ?", id, std::string("deleted"));

  {
    auto session = database_.session();
    Poco::Data::Statement update(session);
    sql.into(update);
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
