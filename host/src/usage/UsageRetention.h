// Removes raw usage records older than the retention period, in small
// chunks so no transaction holds locks for long. The hourly and daily
// aggregates are kept: statistics and rankings outlive the raw rows.
#pragma once

#include "background/PeriodicTask.h"
#include "db/Database.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace gaiarouter {

class UsageRetention {
 public:
  // interval 0: no background job (tests call removeOlderThan()).
  UsageRetention(Database& database, int retentionDays, std::chrono::milliseconds interval);
  ~UsageRetention();

  // Deletes every record created before `cutoffMs`; returns how many.
  int64_t removeOlderThan(int64_t cutoffMs);
  void stop();

  static constexpr int64_t kChunk = 5000;

 private:
  void run();

  Database& database_;
  const int64_t retentionMs_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<PeriodicTask> task_;
};

}  // namespace gaiarouter
