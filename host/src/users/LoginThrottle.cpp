#include "users/LoginThrottle.h"

#include <algorithm>
#include <stdexcept>

namespace gaiarouter {
namespace {

// Beyond this many tracked accounts (or addresses), recording a new one
// first drops the windows that have passed. Each failure costs the attacker
// a full KDF run, so the live entries within one window stay far fewer and
// the sweep stays rare and cheap.
constexpr std::size_t kSweepAbove = 10'000;

}  // namespace

LoginThrottle::LoginThrottle(int maxFailures, int64_t windowMs) : maxFailures_(maxFailures), windowMs_(windowMs) {
  if (maxFailures_ < 1) throw std::invalid_argument("maxFailures must be at least 1");
  if (windowMs_ < 1) throw std::invalid_argument("the throttle window must be positive");
}

int64_t LoginThrottle::retryAfterMs(const std::string& account, const std::string& address, int64_t nowMs) {
  std::lock_guard lock(mutex_);
  return std::max(blockedFor(accounts_, account, nowMs), blockedFor(addresses_, address, nowMs));
}

void LoginThrottle::recordFailure(const std::string& account, const std::string& address, int64_t nowMs) {
  std::lock_guard lock(mutex_);
  fail(accounts_, account, nowMs);
  fail(addresses_, address, nowMs);
}

void LoginThrottle::recordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

int64_t LoginThrottle::blockedFor(std::unordered_map<std::string, Window>& windows, const std::string& key,
                                  int64_t nowMs) {
  auto it = windows.find(key);
  if (it == windows.end()) return 0;
  int64_t endMs = it->second.startMs + windowMs_;
  if (nowMs >= endMs) {
    windows.erase(it);  // the window has passed: forget it
    return 0;
  }
  return it->second.failures >= maxFailures_ ? endMs - nowMs : 0;
}

void LoginThrottle::fail(std::unordered_map<std::string, Window>& windows, const std::string& key, int64_t nowMs) {
  // An unknown account or address ("") is not one bucket shared by everyone
  // it would lock out.
  if (key.empty()) return;
  auto it = windows.find(key);
  if (it == windows.end()) {
    if (windows.size() >= kSweepAbove) {
      std::erase_if(windows, [&](const auto& entry) { return nowMs >= entry.second.startMs + windowMs_; });
    }
    it = windows.emplace(key, Window{nowMs, 0}).first;
  } else if (nowMs >= it->second.startMs + windowMs_) {
    it->second = Window{nowMs, 0};  // a new window starts with this failure
  }
  ++it->second.failures;
}

}  // namespace gaiarouter
