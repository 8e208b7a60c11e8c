// Users in the database. Passwords are hashed here (PasswordHasher) and the
// hash never leaves this class except for verification.
#pragma once

#include "db/Database.h"
#include "users/User.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace gaiarouter {

// Thrown by create/update when another user (deleted ones included) has
// the email already.
struct DuplicateEmail : std::runtime_error {
  DuplicateEmail() : std::runtime_error("a user with this email exists already") {}
};

class UserRepository {
 public:
  explicit UserRepository(Database& database) : database_(database) {}

  User create(const NewUser& request, int64_t nowMs);
  std::optional<User> get(const std::string& id);
  // Email compared case-insensitively (stored lower-cased).
  std::optional<User> findByEmail(const std::string& email);
  // The user with this email if the password matches (status not checked:
  // the caller decides what an inactive user may do). Runs the KDF even
  // when the email is unknown, so timing does not reveal which emails exist.
  std::optional<User> verifyPassword(const std::string& email, const std::string& password);
  Page<User> list(const UserFilter& filter);
  std::optional<User> update(const std::string& id, const UserPatch& patch, int64_t nowMs);
  bool softDelete(const std::string& id, int64_t nowMs);
  // Users in the table, deleted ones excluded.
  int64_t count();

 private:
  Database& database_;
};

}  // namespace gaiarouter
