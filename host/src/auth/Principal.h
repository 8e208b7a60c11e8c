// Who is calling, once authenticated: the master key, a database API key,
// or a signed-in user.
#pragma once

#include "auth/VerifiedKey.h"
#include "keys/ApiKey.h"
#include "users/User.h"

#include <memory>
#include <optional>
#include <string>

namespace gaiarouter {

// What an endpoint needs of a key (users and the master key have all three).
enum class Access { Read = kPermissionRead, Write = kPermissionWrite, Admin = kPermissionAdmin };

struct Principal {
  enum class Kind { Master, ApiKey, User };
  Kind kind = Kind::Master;
  std::string id;  // "master", the key id or the user id
  // The organization the caller acts in; none for the master key and admin
  // users, who see every organization.
  std::optional<std::string> organizationId;
  bool globalAdmin = false;  // the master key or a user with role admin
  // May change the organization itself: its org-admin user, or a key with
  // the admin permission.
  bool organizationAdmin = false;
  std::shared_ptr<const VerifiedKey> key;  // Kind::ApiKey
  std::optional<User> user;                // Kind::User
  std::optional<Organization> userOrganization;  // Kind::User, members only

  // The user behind the request: the signed-in user, or the key's creator.
  std::optional<std::string> userId() const {
    if (user) return user->id;
    if (key) return key->key.createdBy;
    return std::nullopt;
  }
  // May the caller see objects of this organization?
  bool canSee(const std::string& organization) const { return globalAdmin || organizationId == organization; }
};

}  // namespace gaiarouter
