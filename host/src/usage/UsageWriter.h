// Stores a batch of usage records in one transaction: the raw rows, the
// hourly and daily aggregates the statistics read, and each request's cost
// taken from its organization's credit balance with a ledger row. Either all
// of a batch is stored or none of it.
#pragma once

#include "db/Database.h"
#include "usage/UsageRecord.h"

#include <vector>

namespace gaiarouter {

class UsageWriter {
 public:
  explicit UsageWriter(Database& database) : database_(database) {}

  // Throws on failure (after retrying lock conflicts); nothing is stored then.
  void write(const std::vector<UsageRecord>& records);

 private:
  void writeOnce(const std::vector<UsageRecord>& records);

  Database& database_;
};

}  // namespace gaiarouter
