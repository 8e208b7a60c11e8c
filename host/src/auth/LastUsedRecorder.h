// Keeps api_keys.last_used_at current without a write per request: uses are
// noted in memory and written in one batch every interval (and at shutdown).
#pragma once

#include "background/PeriodicTask.h"
#include "keys/ApiKeyRepository.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gaiarouter {

class LastUsedRecorder {
 public:
  LastUsedRecorder(ApiKeyRepository& keys, std::chrono::milliseconds interval);
  ~LastUsedRecorder();

  void record(const std::string& keyId, int64_t nowMs);
  // Writes what is pending now (also called by the background task).
  void flush();
  // Final flush; the recorder ignores uses after this.
  void stop();

 private:
  ApiKeyRepository& keys_;
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> pending_;
  std::unique_ptr<PeriodicTask> task_;
};

}  // namespace gaiarouter
