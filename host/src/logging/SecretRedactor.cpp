#include "logging/SecretRedactor.h"

#include <algorithm>
#include <regex>

namespace gaiarouter {
namespace {

const std::regex& credentialPattern() {
  static const std::regex pattern(
      R"((Bearer\s+)[^\s"',;]+)"
      R"(|\bsk-[A-Za-z0-9_\-*.]{6,})"
      R"(|\bAIza[0-9A-Za-z_\-]{16,})"
      R"(|\bgr-[A-Za-z0-9]{16,})"
      R"(|\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)"  // session tokens (JWT)
      R"(|((?:x-api-key|x-goog-api-key|api[_-]?key|authorization|password)["']?\s*[:=]\s*["']?(?:Bearer\s+)?)[^\s"',;&]+)",
      std::regex::icase | std::regex::optimize);
  return pattern;
}

bool mayHoldCredential(const std::string& text) {
  static const char* const hints[] = {"earer", "sk-", "AIza", "gr-", "eyJ", "key", "KEY", "Key", "uthorization", "assword"};
  return std::any_of(std::begin(hints), std::end(hints),
                     [&](const char* h) { return text.find(h) != std::string::npos; });
}

}  // namespace

SecretRedactor& SecretRedactor::global() {
  static SecretRedactor instance;
  return instance;
}

void SecretRedactor::addSecret(const std::string& secret) {
  if (secret.size() < 4) return;
  std::lock_guard lock(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end()) secrets_.push_back(secret);
}

std::string SecretRedactor::redact(std::string text) const {
  {
    std::lock_guard lock(mutex_);
    for (const auto& secret : secrets_) {
      for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 1)) {
        text.replace(pos, secret.size(), kMask);
      }
    }
  }
  if (!mayHoldCredential(text)) return text;
  return std::regex_replace(text, credentialPattern(), "$1$2[REDACTED]");
}

}  // namespace gaiarouter
