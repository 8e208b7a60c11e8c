// Reads usage_records: one request's record, and the newest records first
// for the activity feed. Writing is UsageWriter's.
#pragma once

#include "db/Database.h"
#include "db/Page.h"
#include "usage/UsageRecord.h"

#include <optional>
#include <string>

namespace gaiarouter {

struct UsageRecordFilter {
  std::string organizationId;  // "" = any
  std::string apiKeyId;        // "" = any
  std::string model;
  std::string provider;
  std::optional<int> status;       // exact HTTP status
  std::optional<int> statusClass;  // 1..5: a status in [100·c, 100·c + 100)
  std::optional<bool> stream;
  bool errorsOnly = false;    // status outside 2xx, or an error code
  std::optional<int64_t> startMs;  // created_at ≥
  std::optional<int64_t> endMs;    // created_at <
  PageRequest page;
};

class UsageRecordRepository {
 public:
  explicit UsageRecordRepository(Database& database) : database_(database) {}

  std::optional<UsageRecord> find(const std::string& requestId);
  // `total` counts at most kCountCap records: the feed is for browsing;
  // exact totals are the statistics' (an exact count would scan millions).
  Page<UsageRecord> list(const UsageRecordFilter& filter);
  static constexpr int64_t kCountCap = 10000;

 private:
  Database& database_;
};

}  // namespace gaiarouter
