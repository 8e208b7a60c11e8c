// An organization: the owner of API keys and members, and the unit that
// limits and credits apply to.
#pragma once

#include "db/Nullable.h"
#include "db/Page.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter {

// Caps per UTC calendar month and year; nullopt = no cap. Cost in
// micro-dollars (1 USD = 1,000,000).
struct OrganizationLimits {
  std::optional<int64_t> monthlyRequests;
  std::optional<int64_t> monthlyTokens;
  std::optional<int64_t> monthlyCostMicros;
  std::optional<int64_t> yearlyRequests;
  std::optional<int64_t> yearlyTokens;
  std::optional<int64_t> yearlyCostMicros;
};

struct Organization {
  std::string id;  // "org_…"
  std::string name;
  std::string description;
  std::optional<std::string> adminUserId;  // the org-admin, a user of this organization
  std::string status;  // active, inactive, deleted
  OrganizationLimits limits;
  // Credits in micro-dollars; changed only through the ledger
  // (credits/CreditRepository, usage/UsageWriter), never by a PATCH.
  int64_t creditBalanceMicros = 0;
  bool creditEnforced = false;  // refuse chat requests while the balance is not positive
  int64_t createdAt = 0;  // UTC milliseconds
  int64_t updatedAt = 0;
  std::optional<int64_t> deletedAt;
};

struct NewOrganization {
  std::string name;
  std::string description;
  std::optional<std::string> adminUserId;
  std::string status = "active";  // active or inactive
  OrganizationLimits limits;
  bool creditEnforced = false;
};

// Fields a PATCH may change; absent fields stay as they are.
struct OrganizationPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  Patch<std::string> adminUserId;
  std::optional<std::string> status;  // active or inactive (delete is separate)
  Patch<int64_t> monthlyRequests;
  Patch<int64_t> monthlyTokens;
  Patch<int64_t> monthlyCostMicros;
  Patch<int64_t> yearlyRequests;
  Patch<int64_t> yearlyTokens;
  Patch<int64_t> yearlyCostMicros;
  std::optional<bool> creditEnforced;
};

struct OrganizationFilter {
  std::string nameContains;  // case-insensitive substring; "" = any
  std::string status;        // "" = every status but deleted
  PageRequest page;          // sorted by created_at, newest first
};

}  // namespace gaiarouter
