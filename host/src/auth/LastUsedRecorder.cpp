#include "auth/LastUsedRecorder.h"

#include <utility>
#include <vector>

namespace gaiarouter {

LastUsedRecorder::LastUsedRecorder(ApiKeyRepository& keys, std::chrono::milliseconds interval) : keys_(keys) {
  task_ = std::make_unique<PeriodicTask>("last-used", interval, [this] { flush(); });
}

LastUsedRecorder::~LastUsedRecorder() { stop(); }

void LastUsedRecorder::record(const std::string& keyId, int64_t nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& at = pending_[keyId];
  if (nowMs > at) at = nowMs;
}

void LastUsedRecorder::flush() {
  std::unordered_map<std::string, int64_t> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return;
  std::vector<std::pair<std::string, int64_t>> uses(batch.begin(), batch.end());
  try {
    keys_.touchLastUsed(uses);
  } catch (...) {
    // Keep them for the next round rather than lose them (newest time wins).
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, at] : uses) {
      auto& pending = pending_[id];
      if (at > pending) pending = at;
    }
    throw;
  }
}

void LastUsedRecorder::stop() {
  if (task_) task_->stop();
}

}  // namespace gaiarouter
