// Takes usage records off the request path: a bounded queue and one
// background writer that stores them in batches (UsageWriter).
//
//  - submit() never waits for the database, only for queue space: when the
//    queue is full (the database is down or too slow) the request thread
//    waits for room — back-pressure — and the wait is counted and logged.
//    Records are never dropped while the gateway runs.
//  - A batch that fails is kept and tried again (with a growing pause) until
//    it is stored.
//  - stop() (at shutdown) writes everything queued. Only if the database
//    still refuses then are records lost: counted and logged as an error.
#pragma once

#include "config/GatewayConfig.h"
#include "usage/UsageRecord.h"
#include "usage/UsageWriter.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

namespace gaiarouter {

class UsageCollector {
 public:
  struct Counters {
    int64_t queued = 0;         // waiting to be written now
    int64_t written = 0;        // stored since start
    int64_t failedBatches = 0;  // write attempts that failed (and were retried)
    int64_t blockedSubmits = 0; // submits that waited for queue space
    int64_t lost = 0;           // not stored at shutdown
  };

  UsageCollector(UsageWriter& writer, const UsageConfig& config);
  ~UsageCollector();  // stop()
  UsageCollector(const UsageCollector&) = delete;
  UsageCollector& operator=(const UsageCollector&) = delete;

  void submit(UsageRecord record);
  // Returns once every record submitted before the call is stored (or the
  // collector stopped).
  void flush();
  // Writes what is queued and ends the writer thread. Idempotent.
  void stop();

  Counters counters() const;

 private:
  void loop();
  bool writeBatch(std::vector<UsageRecord>& batch);

  UsageWriter& writer_;
  const UsageConfig config_;
  mutable std::mutex mutex_;
  std::condition_variable wakeWriter_;  // records or a flush request arrived
  std::condition_variable roomOrDone_;  // queue space freed, or a batch stored
  std::deque<UsageRecord> queue_;
  int64_t submitted_ = 0;  // sequence number of the last record submitted
  int64_t stored_ = 0;     // records taken off the queue and done with (stored or lost)
  int64_t flushWaiters_ = 0;
  bool stopping_ = false;
  bool writerDone_ = false;  // the writer thread has ended: nothing more is stored
  Counters counters_;
  std::thread thread_;
};

}  // namespace gaiarouter
