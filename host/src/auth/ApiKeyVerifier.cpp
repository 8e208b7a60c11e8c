#include "auth/ApiKeyVerifier.h"

#include "keys/ApiKeySecret.h"
#include "util/Time.h"

#include <fmt/format.h>

#include <mutex>

namespace gaiarouter {
namespace {

// Bounds memory under a flood of distinct guesses: past this many entries
// the cache starts over (one query per key again, no more).
constexpr std::size_t kMaxEntries = 100000;

}  // namespace

ApiKeyVerifier::ApiKeyVerifier(ApiKeyRepository& keys, OrganizationRepository& organizations, int ttlMs)
    : keys_(keys), organizations_(organizations), ttlMs_(ttlMs) {}

std::variant<std::shared_ptr<const VerifiedKey>, ApiError> ApiKeyVerifier::verify(const std::string& secret,
                                                                                  int64_t nowMs) {
  // The hash is the lookup key, so the secret itself is never compared: an
  // equal hash found by the index is the match (timing reveals nothing about
  // the secret).
  const std::string hash = ApiKeySecret::hash(secret);
  std::shared_ptr<const VerifiedKey> found;
  bool cached = false;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && nowMs - it->second.loadedAtMs < ttlMs_ && nowMs >= it->second.loadedAtMs) {
      found = it->second.key;
      cached = true;
    }
  }
  if (!cached) {
    found = load(hash);
    std::unique_lock<std::shared_mutex> lock(mutex_);
    if (cache_.size() >= kMaxEntries) cache_.clear();
    cache_[hash] = Entry{found, nowMs};
  }

  if (!found) return ApiError::unauthorized("Invalid API key.");
  const ApiKey& key = found->key;
  if (key.status == "deleted") return ApiError::unauthorized("This API key has been revoked.", "api_key_revoked");
  if (key.status != "active") return ApiError::unauthorized("This API key is disabled.", "api_key_disabled");
  if (key.expiresAt && *key.expiresAt <= nowMs) {
    return ApiError::unauthorized(fmt::format("This API key expired at {}.", isoUtc(*key.expiresAt)), "api_key_expired");
  }
  const Organization& org = found->organization;
  if (org.status != "active") {
    return ApiError::forbidden(fmt::format("The organization of this API key is {}.",
                                           org.status == "deleted" ? "deleted" : "disabled"),
                               "organization_inactive");
  }
  return found;
}

std::shared_ptr<const VerifiedKey> ApiKeyVerifier::load(const std::string& hash) {
  auto key = keys_.findByHash(hash);
  if (!key) return nullptr;
  auto org = organizations_.get(key->organizationId);
  auto out = std::make_shared<VerifiedKey>();
  out->key = std::move(*key);
  if (org) {
    out->organization = std::move(*org);
  } else {
    // Every key has an organization; a dangling one must not pass.
    out->organization.id = out->key.organizationId;
    out->organization.status = "deleted";
  }
  return out;
}

void ApiKeyVerifier::invalidateKey(const std::string& keyId) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second.key && it->second.key->key.id == keyId ? cache_.erase(it) : std::next(it);
  }
}

void ApiKeyVerifier::invalidateOrganization(const std::string& organizationId) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second.key && it->second.key->organization.id == organizationId ? cache_.erase(it) : std::next(it);
  }
}

}  // namespace gaiarouter
