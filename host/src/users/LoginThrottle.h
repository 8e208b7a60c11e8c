// Limits failed sign-ins: after `maxFailures` failures within `window`, for
// one account or from one address, further attempts are refused until the
// window has passed since the first of them. In memory, per instance.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gaiarouter {

class LoginThrottle {
 public:
  LoginThrottle(int maxFailures, int64_t windowMs);

  // 0 if an attempt may go ahead, else the milliseconds until it may.
  int64_t retryAfterMs(const std::string& account, const std::string& address, int64_t nowMs);
  void recordFailure(const std::string& account, const std::string& address, int64_t nowMs);
  // A success clears the account's failures (not the address's).
  void recordSuccess(const std::string& account);

 private:
  struct Window {
    int64_t startMs = 0;
    int failures = 0;
  };
  int64_t blockedFor(std::unordered_map<std::string, Window>& windows, const std::string& key, int64_t nowMs);
  void fail(std::unordered_map<std::string, Window>& windows, const std::string& key, int64_t nowMs);

  const int maxFailures_;
  const int64_t windowMs_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> accounts_;
  std::unordered_map<std::string, Window> addresses_;
};

}  // namespace gaiarouter
