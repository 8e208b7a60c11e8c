// An API key as stored (never its secret), and what creating one needs.
#pragma once

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
};

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // returned once, never stored
};

}  // namespace gaiarouter
