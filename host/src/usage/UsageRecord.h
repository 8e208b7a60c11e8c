// What one chat request used and cost: one row of usage_records, written by
// the UsageCollector for every authenticated request, whatever its outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter {

struct UsageRecord {
  std::string requestId;
  int64_t createdAtMs = 0;     // when the request arrived, UTC ms
  std::string organizationId;  // "" = none (the master key)
  std::string apiKeyId;        // "" = not a database key
  std::string userId;          // "" = not a user session
  std::string model;           // the gateway model id asked for ("" if the body had none)
  std::string provider;
  std::string upstreamModel;
  int status = 0;         // HTTP status answered
  std::string errorCode;  // the error's code when status is not 2xx ("" otherwise)
  bool stream = false;
  // Tokens were counted by the gateway, not reported by the provider (a
  // stream the client left before its final usage).
  bool estimated = false;
  int64_t promptTokens = 0;
  int64_t completionTokens = 0;
  int64_t totalTokens = 0;
  int64_t cachedTokens = 0;     // prompt tokens read from a cache
  int64_t reasoningTokens = 0;  // completion tokens spent on reasoning
  int64_t costMicros = 0;       // USD × 10^6
  int64_t latencyMs = 0;        // arrival → last byte to the client
  std::optional<int64_t> ttftMs;      // arrival → first body byte to the client
  std::optional<int64_t> upstreamMs;  // upstream request → its last byte

  // Counted as an error in statistics: an error status, or an error that
  // ended a stream after its 200.
  bool failed() const { return status < 200 || status >= 300 || !errorCode.empty(); }
};

}  // namespace gaiarouter
