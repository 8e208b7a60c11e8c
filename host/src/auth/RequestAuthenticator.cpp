#include "auth/RequestAuthenticator.h"

#include "keys/ApiKeySecret.h"
#include "util/Time.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <Poco/String.h>
#include <fmt/format.h>

#include <algorithm>

namespace gaiarouter {
namespace {

std::array<unsigned char, 32> sha256(const std::string& text) {
  std::array<unsigned char, 32> out{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), out.data());
  return out;
}

const char* permissionName(Access need) {
  switch (need) {
    case Access::Read: return "read";
    case Access::Write: return "write";
    case Access::Admin: return "admin";
  }
  return "";
}

}  // namespace

ApiError missingPermission(Access need) {
  return ApiError::forbidden(fmt::format("This API key lacks the '{}' permission this endpoint needs.", permissionName(need)),
                             "insufficient_permissions");
}

RequestAuthenticator::RequestAuthenticator(const std::string& adminKey, ApiKeyVerifier& keys, LastUsedRecorder& lastUsed,
                                           const SessionTokens& sessions, UserRepository& users,
                                           OrganizationRepository& organizations)
    : hasAdminKey_(!adminKey.empty()),
      keys_(keys),
      lastUsed_(lastUsed),
      sessions_(sessions),
      users_(users),
      organizations_(organizations) {
  if (hasAdminKey_) adminKeyHash_ = sha256(adminKey);
}

std::variant<Principal, ApiError> RequestAuthenticator::authenticate(const Poco::Net::HTTPRequest& request,
                                                                     Access need) const {
  const std::string header = request.get("Authorization", "");
  if (header.empty()) {
    return ApiError::unauthorized("Missing API key: send 'Authorization: Bearer <key>'.");
  }
  if (header.size() < 7 || Poco::icompare(header.substr(0, 7), "bearer ") != 0) {
    return ApiError::unauthorized("Malformed Authorization header: expected 'Bearer <key>'.");
  }
  auto result = identify(Poco::trim(header.substr(7)));
  if (auto* principal = std::get_if<Principal>(&result)) {
    if (principal->key) {
      if ((principal->key->key.permissions & static_cast<unsigned>(need)) == 0) return missingPermission(need);
      lastUsed_.record(principal->key->key.id, wallClockMs());
    }
  }
  return result;
}

std::variant<Principal, ApiError> RequestAuthenticator::identify(const std::string& token) const {
  // The master key first: an operator may have chosen one that looks like a
  // database key. Digests are compared so the time taken says nothing.
  if (hasAdminKey_ && !token.empty()) {
    auto digest = sha256(token);
    if (CRYPTO_memcmp(digest.data(), adminKeyHash_.data(), digest.size()) == 0) {
      Principal p;
      p.id = "master";
      p.globalAdmin = true;
      return p;
    }
  }
  if (token.rfind(ApiKeySecret::kPrefix, 0) == 0) {
    auto verified = keys_.verify(token, wallClockMs());
    if (auto* error = std::get_if<ApiError>(&verified)) return *error;
    Principal p;
    p.kind = Principal::Kind::ApiKey;
    p.key = std::get<std::shared_ptr<const VerifiedKey>>(verified);
    p.id = p.key->key.id;
    p.organizationId = p.key->key.organizationId;
    p.organizationAdmin = (p.key->key.permissions & kPermissionAdmin) != 0;
    return p;
  }
  if (std::count(token.begin(), token.end(), '.') == 2) return identifyUser(token);
  return ApiError::unauthorized("Invalid API key.");
}

std::variant<Principal, ApiError> RequestAuthenticator::identifyUser(const std::string& token) const {
  auto claims = sessions_.verify(token, wallClockMs() / 1000);
  if (!claims) return ApiError::unauthorized("The session token is invalid or has expired; sign in again.", "invalid_session");
  // The token may outlive a change of status or role: the database decides.
  auto user = users_.get(claims->userId);
  if (!user || user->status != "active") {
    return ApiError::unauthorized("This user account is disabled or deleted.", "invalid_session");
  }
  Principal p;
  p.kind = Principal::Kind::User;
  p.id = user->id;
  p.globalAdmin = user->role == "admin";
  if (!p.globalAdmin) {
    if (!user->organizationId) return ApiError::forbidden("This user belongs to no organization.", "organization_inactive");
    auto org = organizations_.get(*user->organizationId);
    if (!org || org->status != "active") {
      return ApiError::forbidden("The organization of this user is disabled or deleted.", "organization_inactive");
    }
    p.organizationId = org->id;
    p.organizationAdmin = org->adminUserId == user->id;
    p.userOrganization = std::move(*org);
  }
  p.user = std::move(*user);
  return p;
}

}  // namespace gaiarouter
