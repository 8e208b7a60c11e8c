// Decides who is calling from the Authorization header ("Bearer <token>"):
//   gr-…        a database API key (ApiKeyVerifier: status, expiry, org)
//   a.b.c       a user's session token (SessionTokens), checked against the
//               user's current status
//   otherwise   the master key (GAIAROUTER_ADMIN_KEY), compared by digest
// then whether the caller may do what the endpoint needs (403 if not).
#pragma once

#include "auth/ApiKeyVerifier.h"
#include "auth/LastUsedRecorder.h"
#include "auth/Principal.h"
#include "http/ApiError.h"
#include "orgs/OrganizationRepository.h"
#include "users/SessionTokens.h"
#include "users/UserRepository.h"

#include <Poco/Net/HTTPRequest.h>

#include <array>
#include <string>
#include <variant>

namespace gaiarouter {

class RequestAuthenticator {
 public:
  RequestAuthenticator(const std::string& adminKey, ApiKeyVerifier& keys, LastUsedRecorder& lastUsed,
                       const SessionTokens& sessions, UserRepository& users, OrganizationRepository& organizations);

  std::variant<Principal, ApiError> authenticate(const Poco::Net::HTTPRequest& request, Access need) const;

 private:
  std::variant<Principal, ApiError> identify(const std::string& token) const;
  std::variant<Principal, ApiError> identifyUser(const std::string& token) const;

  std::array<unsigned char, 32> adminKeyHash_{};
  bool hasAdminKey_ = false;
  ApiKeyVerifier& keys_;
  LastUsedRecorder& lastUsed_;
  const SessionTokens& sessions_;
  UserRepository& users_;
  OrganizationRepository& organizations_;
};

// What a failed permission check says, e.g. "This API key lacks the 'write'
// permission."
ApiError missingPermission(Access need);

}  // namespace gaiarouter
