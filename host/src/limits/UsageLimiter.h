// Enforces the monthly and yearly caps of organizations and the monthly caps
// of keys, from in-memory counters per UTC period.
//
// Semantics (docs/api.md, "Limits"):
//  - admit() checks every cap that applies and, if none is reached, counts
//    the request at once. A request cap is therefore exact on one instance:
//    N concurrent requests against a remaining allowance of k admit exactly k.
//  - Tokens and cost are only known when a request ends (record()). A token
//    or cost cap refuses new requests once usage has reached it, so it can be
//    overshot by what the requests already in flight use, no more.
//  - Refused requests count nothing; admitted ones count as requests even if
//    the upstream then fails.
//  - Counters are written to usage_counters in batches every flush interval
//    (and at shutdown) and re-read from it, so they survive restarts and
//    several instances on one database see each other's usage within one
//    interval.
#pragma once

#include "background/PeriodicTask.h"
#include "http/ApiError.h"
#include "limits/UsageCounterRepository.h"
#include "orgs/Organization.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

namespace gaiarouter {

// Whom a request is charged to, with the caps that apply.
struct LimitSubject {
  std::string organizationId;  // "" = nobody (the master key)
  std::string organizationName;
  OrganizationLimits organizationLimits;
  std::string keyId;  // "" = not a database key
  std::optional<int64_t> keyMonthlyRequests;
  std::optional<int64_t> keyMonthlyTokens;
  std::optional<int64_t> keyMonthlyCostMicros;
};

// UTC calendar periods as stored: "2026-11" and "2026".
std::string monthPeriod(int64_t nowMs);
std::string yearPeriod(int64_t nowMs);
// The first millisecond of the next month or year.
int64_t nextMonthStartMs(int64_t nowMs);
int64_t nextYearStartMs(int64_t nowMs);

class UsageLimiter {
 public:
  // Loads the current periods' counters. interval 0: no background flush
  // (tests call flush()).
  UsageLimiter(UsageCounterRepository& counters, std::chrono::milliseconds interval, int64_t nowMs);
  ~UsageLimiter();

  // Counts the request, or returns the 429 naming the cap it would pass.
  std::optional<ApiError> admit(const LimitSubject& subject, int64_t nowMs);
  // Adds a finished request's tokens and cost.
  void record(const LimitSubject& subject, int64_t tokens, int64_t costMicros, int64_t nowMs);

  UsageTotals organizationUsage(const std::string& organizationId, const std::string& period);
  UsageTotals keyUsage(const std::string& keyId, const std::string& period);

  // Writes pending deltas and re-reads the current periods' totals.
  void flush(int64_t nowMs);
  void stop();

 private:
  using CounterKey = std::tuple<std::string, std::string, std::string>;  // scope, id, period
  struct Counter {
    UsageTotals total;    // as known: database + this instance's pending
    UsageTotals pending;  // not yet written
  };
  Counter& counter(const std::string& scope, const std::string& id, const std::string& period);
  void reload(int64_t nowMs);

  UsageCounterRepository& counters_;
  std::mutex mutex_;
  std::map<CounterKey, Counter> counts_;
  std::unique_ptr<PeriodicTask> task_;
};

}  // namespace gaiarouter
