// Removes secrets from text before it is logged or shown: every secret the
// gateway knows (admin key, provider keys) and anything shaped like a
// credential (Bearer tokens, sk-…, AIza…, gr-… keys, api-key fields).
#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace gaiarouter {

class SecretRedactor {
 public:
  static constexpr const char* kMask = "[REDACTED]";

  // The process-wide instance that the log channel and error paths use.
  static SecretRedactor& global();

  // Registers a known secret (ignored when shorter than 4 characters, so
  // that masking cannot shred ordinary text).
  void addSecret(const std::string& secret);

  // Returns `text` with every secret replaced by kMask.
  std::string redact(std::string text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> secrets_;
};

}  // namespace gaiarouter
