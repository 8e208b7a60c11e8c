#include "usage/UsageCollector.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace gaiarouter {
namespace {

Poco::Logger& logger() {
  static Poco::Logger& log = Poco::Logger::get("gaiarouter.usage");
  return log;
}

// At shutdown a failing database gets this many more tries.
constexpr int kShutdownAttempts = 3;

}  // namespace

UsageCollector::UsageCollector(UsageWriter& writer, const UsageConfig& config)
    : writer_(writer), config_(config), thread_([this] { loop(); }) {}

UsageCollector::~UsageCollector() { stop(); }

void UsageCollector::submit(UsageRecord record) {
  std::unique_lock lock(mutex_);
  if (queue_.size() >= static_cast<std::size_t>(config_.queueCapacity) && !stopping_) {
    if (counters_.blockedSubmits++ % 1000 == 0) {
      logger().warning(fmt::format("usage queue full ({} records): requests wait for the database",
                                   config_.queueCapacity));
    }
    roomOrDone_.wait(lock, [&] { return queue_.size() < static_cast<std::size_t>(config_.queueCapacity) || stopping_; });
  }
  if (writerDone_) {
    // After stop(): no writer is left. Loud, never silent.
    ++counters_.lost;
    logger().error(fmt::format("usage record of request {} arrived after shutdown and is not stored", record.requestId));
    return;
  }
  queue_.push_back(std::move(record));
  ++submitted_;
  if (queue_.size() >= static_cast<std::size_t>(config_.batchSize)) wakeWriter_.notify_one();
}

void UsageCollector::flush() {
  std::unique_lock lock(mutex_);
  const int64_t target = submitted_;
  ++flushWaiters_;
  wakeWriter_.notify_one();
  roomOrDone_.wait(lock, [&] { return stored_ >= target || writerDone_; });
  --flushWaiters_;
}

void UsageCollector::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wakeWriter_.notify_one();
  roomOrDone_.notify_all();
  if (thread_.joinable()) thread_.join();
  roomOrDone_.notify_all();
}

UsageCollector::Counters UsageCollector::counters() const {
  std::lock_guard lock(mutex_);
  Counters out = counters_;
  out.queued = static_cast<int64_t>(queue_.size());
  return out;
}

void UsageCollector::loop() {
  const auto interval = std::chrono::milliseconds(config_.flushMs);
  std::unique_lock lock(mutex_);
  while (true) {
    wakeWriter_.wait_for(lock, interval, [&] {
      return stopping_ ||
             (!queue_.empty() && (flushWaiters_ > 0 || queue_.size() >= static_cast<std::size_t>(config_.batchSize)));
    });
    if (queue_.empty()) {
      if (!stopping_) continue;
      writerDone_ = true;
      roomOrDone_.notify_all();
      return;
    }
    // Take one batch; the queue stays open to submitters while it is written.
    const std::size_t n = std::min(queue_.size(), static_cast<std::size_t>(config_.batchSize));
    std::vector<UsageRecord> batch(std::make_move_iterator(queue_.begin()),
                                   std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    roomOrDone_.notify_all();
    lock.unlock();
    const bool ok = writeBatch(batch);
    lock.lock();
    if (ok) {
      counters_.written += static_cast<int64_t>(batch.size());
    } else {
      counters_.lost += static_cast<int64_t>(batch.size());
    }
    stored_ += static_cast<int64_t>(batch.size());
    roomOrDone_.notify_all();
  }
}

// Stores `batch`, trying again after failures: for as long as it takes
// while the gateway runs, a few more times once it is stopping.
bool UsageCollector::writeBatch(std::vector<UsageRecord>& batch) {
  int pauseMs = 100;
  for (int shutdownTries = 0;;) {
    try {
      writer_.write(batch);
      return true;
    } catch (const std::exception& e) {
      const std::string reason = dynamic_cast<const Poco::Exception*>(&e)
                                     ? dynamic_cast<const Poco::Exception&>(e).displayText()
                                     : std::string(e.what());
      bool stopping;
      {
        std::lock_guard lock(mutex_);
        ++counters_.failedBatches;
        stopping = stopping_;
      }
      if (stopping && ++shutdownTries >= kShutdownAttempts) {
        logger().error(fmt::format("{} usage records could not be stored at shutdown: {}", batch.size(), reason));
        return false;
      }
      logger().error(fmt::format("storing {} usage records failed, retrying in {} ms: {}", batch.size(), pauseMs,
                                 reason));
      std::unique_lock lock(mutex_);
      // A stop() cuts the pause short; the shutdown tries follow at once.
      wakeWriter_.wait_for(lock, std::chrono::milliseconds(pauseMs), [&] { return stopping_ && !stopping; });
      pauseMs = std::min(pauseMs * 2, 5000);
    }
  }
}

}  // namespace gaiarouter
