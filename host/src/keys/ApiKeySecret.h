// API key secrets: "gr-" + 43 base62 characters (256 bits from OpenSSL's
// CSPRNG). Only the SHA-256 of a secret is stored; the secret is shown once.
#pragma once

#include <string>
#include <string_view>

namespace gaiarouter {

class ApiKeySecret {
 public:
  static constexpr std::string_view kPrefix = "gr-";

  // A new secret. Throws std::runtime_error if the CSPRNG fails.
  static std::string generate();
  // A new identifier: `prefix` + 16 base62 characters (not a secret).
  static std::string newId(std::string_view prefix);
  // Lower-case hex SHA-256 of the secret, as stored in api_keys.key_hash.
  static std::string hash(std::string_view secret);
  // What may be shown of a secret later: its first 10 characters.
  static std::string displayPrefix(std::string_view secret);
};

}  // namespace gaiarouter
