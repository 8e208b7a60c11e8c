// Refuses chat requests of organizations whose credits are enforced and
// spent: 402 insufficient_credits while the balance is not positive.
//
// Semantics (docs/api.md, "Credits"):
//  - The balance and the enforcement flag are read from the organization's
//    row and cached per organization for at most `ttl` (1 s), so the
//    database sees one read per organization per second, not one per
//    request. A top-up or a change of credit_enforced on this instance
//    invalidates the entry at once; other instances see it within `ttl`.
//    (The flag is read here rather than taken from the key verifier's
//    cached organization, which can be auth.key_cache_ttl_ms old.)
//  - Costs reach the balance when the usage collector writes them (every
//    usage.flush_ms). Like a token or cost limit, the gate can therefore be
//    overshot by what the requests admitted before the balance shows them
//    cost: those in flight, plus those of the last flush interval and cache
//    period. The balance then goes below zero and every later request is
//    refused until a top-up.
//  - If the balance cannot be read, a cached value is used however old; with
//    none, the request is refused with 503 credits_unavailable rather than
//    served unchecked.
#pragma once

#include "credits/CreditRepository.h"
#include "http/ApiError.h"
#include "limits/UsageLimiter.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace gaiarouter {

class CreditGate {
 public:
  static constexpr std::chrono::milliseconds kDefaultTtl{1000};

  CreditGate(CreditRepository& credits, std::chrono::milliseconds ttl = kDefaultTtl) : credits_(credits), ttl_(ttl) {}

  // Nothing when the request may go on; else the 402 (or 503) to answer.
  // Requests of no organization (the master key) always may.
  std::optional<ApiError> admit(const LimitSubject& subject, int64_t nowMs);

  // Forgets the cached balance: the next request reads it again.
  void invalidate(const std::string& organizationId);

 private:
  struct Entry {
    int64_t balanceMicros = 0;
    bool enforced = false;
    int64_t readAtMs = 0;
  };
  // The cached entry if fresh, else a new read (nothing if the organization
  // is gone). Throws when the database fails and nothing is cached.
  std::optional<Entry> entry(const std::string& organizationId, int64_t nowMs);

  CreditRepository& credits_;
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::atomic<uint64_t> generation_{0};  // counts invalidations
};

}  // namespace gaiarouter
