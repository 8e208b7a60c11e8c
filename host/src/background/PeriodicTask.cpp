#include "background/PeriodicTask.h"

#include "logging/SecretRedactor.h"

#include <Poco/Logger.h>
#include <fmt/format.h>

namespace gaiarouter {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> run)
    : name_(std::move(name)), interval_(interval), run_(std::move(run)), thread_([this] { loop(); }) {}

PeriodicTask::~PeriodicTask() { stop(); }

void PeriodicTask::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    runOnce();  // also the last run, after stop()
    lock.lock();
  }
}

void PeriodicTask::runOnce() {
  try {
    run_();
  } catch (const std::exception& e) {
    Poco::Logger::get("gaiarouter." + name_)
        .error(fmt::format("{} failed: {}", name_, SecretRedactor::global().redact(e.what())));
  }
}

}  // namespace gaiarouter
