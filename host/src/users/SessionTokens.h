// Session tokens for signed-in users: JWTs (Poco JWT, HS256) carrying the
// user id, role and organization, with an expiry. The management API checks
// the user's current status in the database as well, so a disabled user is
// locked out at once.
#pragma once

#include "users/User.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter {

struct SessionClaims {
  std::string userId;
  std::string role;
  std::optional<std::string> organizationId;
  int64_t expiresAt = 0;  // UTC seconds
};

class SessionTokens {
 public:
  // secret: the HS256 key (at least 32 bytes); ttlSeconds: token lifetime.
  SessionTokens(std::string secret, int64_t ttlSeconds);

  std::string issue(const User& user, int64_t nowSeconds) const;
  // The claims of a token signed with our secret and not expired at
  // nowSeconds; nothing otherwise (bad signature, algorithm other than
  // HS256, malformed, expired).
  std::optional<SessionClaims> verify(const std::string& token, int64_t nowSeconds) const;
  int64_t ttlSeconds() const { return ttl_; }

 private:
  std::string secret_;
  int64_t ttl_;
};

}  // namespace gaiarouter
