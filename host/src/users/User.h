// A person who signs in to the management API and the console. Role admin
// sees everything; a member belongs to one organization (its org-admin is the
// member named by organizations.admin_user_id).
#pragma once

#include "db/Nullable.h"
#include "db/Page.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter {

struct User {
  std::string id;  // "usr_…"
  std::string email;  // stored lower-cased; unique
  std::string name;
  std::string role;  // admin or member
  std::optional<std::string> organizationId;  // set for members
  std::string status;  // active, inactive, deleted
  int64_t createdAt = 0;  // UTC milliseconds
  int64_t updatedAt = 0;
  std::optional<int64_t> deletedAt;
};

struct NewUser {
  std::string email;
  std::string name;
  std::string password;  // plain text; hashed by the repository, never stored
  std::string role = "member";
  std::optional<std::string> organizationId;
  std::string status = "active";
};

struct UserPatch {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> password;  // plain text; re-hashed
  std::optional<std::string> role;
  Patch<std::string> organizationId;
  std::optional<std::string> status;  // active or inactive (delete is separate)
};

struct UserFilter {
  std::string search;          // case-insensitive substring of email or name
  std::string role;            // "" = any
  std::string status;          // "" = every status but deleted
  std::string organizationId;  // "" = any
  PageRequest page;            // newest first
};

}  // namespace gaiarouter
