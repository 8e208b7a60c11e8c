#include "usage/UsageRetention.h"

#include "util/Time.h"

#include <Poco/Data/Statement.h>
#include <Poco/Logger.h>
#include <fmt/format.h>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

// MariaDB has DELETE … LIMIT but no LIMIT inside an IN subquery; SQLite
// (as Debian builds it) has the subquery but no DELETE … LIMIT.
const char* deleteChunkSql(DatabaseUrl::Backend backend) {
  return backend == DatabaseUrl::Backend::MySQL
             ? "DELETE FROM usage_records WHERE created_at < ? ORDER BY created_at LIMIT ?"
             : "DELETE FROM usage_records WHERE id IN (SELECT id FROM usage_records WHERE created_at < ? LIMIT ?)";
}

}  // namespace

UsageRetention::UsageRetention(Database& database, int retentionDays, std::chrono::milliseconds interval)
    : database_(database), retentionMs_(int64_t{retentionDays} * 24 * 3600 * 1000) {
  if (interval.count() > 0) task_ = std::make_unique<PeriodicTask>("usage retention", interval, [this] { run(); });
}

UsageRetention::~UsageRetention() { stop(); }

void UsageRetention::stop() {
  stopping_ = true;  // the task's last run (at stop) does nothing
  if (task_) task_->stop();
}

void UsageRetention::run() {
  if (stopping_) return;
  const int64_t removed = removeOlderThan(wallClockMs() - retentionMs_);
  if (removed > 0) {
    Poco::Logger::get("gaiarouter.usage").information(fmt::format("retention removed {} usage records", removed));
  }
}

int64_t UsageRetention::removeOlderThan(int64_t cutoffMs) {
  int64_t total = 0;
  while (!stopping_) {  // a shutdown cuts a long backlog short; the next start goes on
    auto session = database_.session();
    Poco::Int64 cutoff = cutoffMs, chunk = kChunk;
    Poco::Data::Statement remove(session);
    remove << deleteChunkSql(database_.backend()), use(cutoff), use(chunk);
    const auto removed = static_cast<int64_t>(remove.execute());
    total += removed;
    if (removed < kChunk) break;
  }
  return total;
}

}  // namespace gaiarouter
