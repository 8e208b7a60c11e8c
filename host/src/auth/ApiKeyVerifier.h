// Verifies database API keys: SHA-256 of the secret, lookup by hash, then
// the key's status and expiry and its organization's status. Answers are
// cached in memory for at most `ttlMs` (≤ 5 s), unknown keys included, so a
// key revoked on another instance dies within the TTL, and a flood of
// guessed keys costs one query per distinct guess per TTL. Changes made on
// this instance invalidate the cache at once.
#pragma once

#include "auth/VerifiedKey.h"
#include "http/ApiError.h"
#include "keys/ApiKeyRepository.h"
#include "orgs/OrganizationRepository.h"

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <variant>

namespace gaiarouter {

class ApiKeyVerifier {
 public:
  ApiKeyVerifier(ApiKeyRepository& keys, OrganizationRepository& organizations, int ttlMs);

  // The key if `secret` is an active, unexpired key of an active
  // organization; else the 401/403 to answer.
  std::variant<std::shared_ptr<const VerifiedKey>, ApiError> verify(const std::string& secret, int64_t nowMs);

  // Forget cached answers after a change made through this instance.
  void invalidateKey(const std::string& keyId);
  void invalidateOrganization(const std::string& organizationId);

 private:
  struct Entry {
    std::shared_ptr<const VerifiedKey> key;  // null: no such key
    int64_t loadedAtMs = 0;
  };
  std::shared_ptr<const VerifiedKey> load(const std::string& hash);

  ApiKeyRepository& keys_;
  OrganizationRepository& organizations_;
  const int64_t ttlMs_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> cache_;  // by key hash
};

}  // namespace gaiarouter
