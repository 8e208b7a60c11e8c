// API keys in the database. Every statement binds its values.
#pragma once

#include "db/Database.h"
#include "keys/ApiKey.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gaiarouter {

class ApiKeyRepository {
 public:
  explicit ApiKeyRepository(Database& database) : database_(database) {}

  // Stores a new active key; the secret is in the result only.
  CreatedApiKey create(const NewApiKey& request, int64_t nowMs);
  // The key whose secret hashes to `hash`, whatever its status.
  std::optional<ApiKey> findByHash(const std::string& hash);
  std::optional<ApiKey> get(const std::string& id);
  // Marks the key deleted (history kept). False if there is no such key or
  // it was deleted already.
  bool softDelete(const std::string& id, int64_t nowMs);
  Page<ApiKey> list(const ApiKeyFilter& filter);
  // Applies the patch; nothing if there is no such key or it is deleted.
  // Returns the key as stored afterwards.
  std::optional<ApiKey> update(const std::string& id, const ApiKeyPatch& patch, int64_t nowMs);
  // Batched last_used_at: (key id, UTC ms) pairs in one transaction; a
  // stored time is never moved backwards.
  void touchLastUsed(const std::vector<std::pair<std::string, int64_t>>& uses);

 private:
  std::optional<ApiKey> findOne(const char* sql, const std::string& value);

  Database& database_;
};

}  // namespace gaiarouter
