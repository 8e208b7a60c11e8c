// What the gateway learns about one request while serving it; the access
// log line is written from it.
#pragma once

#include <gaiarouter/plugin.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter {

struct RequestContext {
  using Clock = std::chrono::steady_clock;

  std::string requestId;
  Clock::time_point start = Clock::now();
  std::string method;
  std::string path;
  std::string clientAddress;
  std::string caller;  // "master", the key id or the user id, once authenticated
  std::string model;
  std::string provider;
  bool stream = false;
  int status = 0;
  std::string errorCode;
  int upstreamAttempts = 0;
  std::optional<Clock::time_point> upstreamStart;
  std::optional<double> upstreamMs;   // upstream request start → its last byte
  std::optional<double> firstByteMs;  // request start → first body byte to the client
  std::optional<gr_usage> usage;
  int64_t streamedTextBytes = 0;  // generated text relayed so far (usage/TokenEstimate.h)
  bool clientGone = false;

  double elapsedMs() const { return msSince(start); }
  static double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  }
};

}  // namespace gaiarouter
