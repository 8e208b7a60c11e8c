// An API key as stored (never its secret), and what creating one needs.
#pragma once

#include "db/Nullable.h"
#include "db/Page.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gaiarouter {

// What a key may do: read (GET endpoints), write (chat completions), admin
// (the management API).
enum Permission : unsigned { kPermissionRead = 1, kPermissionWrite = 2, kPermissionAdmin = 4 };

// "read,write" <-> bits. parse returns nothing for an unknown or empty list.
std::string formatPermissions(unsigned permissions);
std::optional<unsigned> parsePermissions(std::string_view text);

struct ApiKey {
  std::string id;
  std::string organizationId;
  std::string name;
  std::string description;
  std::string keyPrefix;  // the secret's first characters, for display
  unsigned permissions = 0;
  std::string status;  // active, inactive, deleted
  std::optional<int64_t> expiresAt;  // UTC milliseconds
  std::optional<int64_t> monthlyRequestLimit;
  std::optional<int64_t> monthlyTokenLimit;
  std::optional<int64_t> monthlyCostLimitMicros;
  std::optional<int64_t> lastUsedAt;
  std::optional<std::string> createdBy;  // the user who created it, if any
  int64_t createdAt = 0;
  int64_t updatedAt = 0;
  std::optional<int64_t> deletedAt;
};

struct NewApiKey {
  std::string organizationId;
  std::string name;
  std::string description;
  unsigned permissions = kPermissionRead | kPermissionWrite;
  std::optional<int64_t> expiresAt;
  std::optional<int64_t> monthlyRequestLimit;
  std::optional<int64_t> monthlyTokenLimit;
  std::optional<int64_t> monthlyCostLimitMicros;
  std::optional<std::string> createdBy;
};

// Fields a PATCH may change; absent fields stay as they are. Moving a key to
// another organization is an organizationId patch.
struct ApiKeyPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<unsigned> permissions;
  Patch<int64_t> expiresAt;
  std::optional<std::string> status;  // active or inactive (delete is separate)
  std::optional<std::string> organizationId;
  Patch<int64_t> monthlyRequestLimit;
  Patch<int64_t> monthlyTokenLimit;
  Patch<int64_t> monthlyCostLimitMicros;
};

struct ApiKeyFilter {
  std::string nameContains;    // case-insensitive substring; "" = any
  std::string status;          // "" = every status but deleted
  std::string organizationId;  // "" = every organization
  std::optional<int64_t> createdFrom;  // inclusive, UTC ms
  std::optional<int64_t> createdTo;    // exclusive, UTC ms
  bool newestFirst = true;             // sort by created_at (then id)
  PageRequest page;
};

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // returned once, never stored
};

}  // namespace gaiarouter
