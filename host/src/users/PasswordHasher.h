// Password hashing with PBKDF2-HMAC-SHA256 (OpenSSL), a per-user random salt
// and 600,000 iterations (OWASP's 2023 figure). Stored as
//   pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>
// so the iteration count can rise later without breaking old hashes.
#pragma once

#include <string>
#include <string_view>

namespace gaiarouter {

class PasswordHasher {
 public:
  static constexpr int kIterations = 600000;

  static std::string hash(std::string_view password, int iterations = kIterations);
  // Constant-time comparison; false for a malformed stored value.
  static bool verify(std::string_view password, std::string_view stored);
};

}  // namespace gaiarouter
