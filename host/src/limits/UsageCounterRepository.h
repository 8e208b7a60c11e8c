// The usage_counters table: requests, tokens and cost per scope (an
// organization or a key) and period (UTC month "2026-11" or year "2026").
// The in-memory limiter loads it at start-up and adds its deltas in batches.
#pragma once

#include "db/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gaiarouter {

struct UsageTotals {
  int64_t requests = 0;
  int64_t tokens = 0;
  int64_t costMicros = 0;
};

struct UsageCounterRow {
  std::string scope;    // "org" or "key"
  std::string scopeId;  // organization or key id
  std::string period;   // "2026-11" or "2026"
  UsageTotals totals;
};

class UsageCounterRepository {
 public:
  explicit UsageCounterRepository(Database& database) : database_(database) {}

  // Every row whose period is one of `periods`.
  std::vector<UsageCounterRow> load(const std::vector<std::string>& periods);
  // Adds each row's totals to the stored ones (creating missing rows), all
  // in one transaction. Safe with several gateway instances on one
  // database: increments, never overwrites.
  void add(const std::vector<UsageCounterRow>& deltas, int64_t nowMs);

 private:
  Database& database_;
};

}  // namespace gaiarouter
