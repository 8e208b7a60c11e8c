// Runs a function every `interval` on its own thread, and once more when
// stopped, so batched writes (last_used_at, limit counters) are not lost at
// shutdown.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace gaiarouter {

class PeriodicTask {
 public:
  // `run` must not throw past itself for long: exceptions are logged under
  // `name` and the task keeps its schedule.
  PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> run);
  ~PeriodicTask();  // stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Wakes the thread, runs the function a last time and joins. Idempotent.
  void stop();

 private:
  void loop();
  void runOnce();

  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gaiarouter
