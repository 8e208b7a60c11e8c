#include "limits/UsageCounterRepository.h"

#include "db/DatabaseErrors.h"
#include "db/Transaction.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;

// Transactions that lost a lock conflict are tried again this many times.
constexpr int kAttempts = 5;

auto identity(const UsageCounterRow& row) { return std::tie(row.scope, row.scopeId, row.period); }

// One row per counter, in one fixed order: every instance then locks rows in
// the same sequence, which keeps two batches from deadlocking each other.
// Rows that add nothing are dropped (and MySQL would report an UPDATE that
// changes nothing as 0 rows, as if the row were missing).
std::vector<UsageCounterRow> normalized(std::vector<UsageCounterRow> rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return identity(a) < identity(b); });
  std::vector<UsageCounterRow> out;
  for (auto& row : rows) {
    if (!out.empty() && identity(out.back()) == identity(row)) {
      out.back().totals.requests += row.totals.requests;
      out.back().totals.tokens += row.totals.tokens;
      out.back().totals.costMicros += row.totals.costMicros;
    } else {
      out.push_back(std::move(row));
    }
  }
  std::erase_if(out, [](const auto& row) {
    return row.totals.requests == 0 && row.totals.tokens == 0 && row.totals.costMicros == 0;
  });
  return out;
}

void addRow(Poco::Data::Session& session, DatabaseUrl::Backend backend, const UsageCounterRow& row, int64_t nowMs) {
  std::string scope = row.scope, scopeId = row.scopeId, period = row.period;
  Poco::Int64 requests = row.totals.requests, tokens = row.totals.tokens, cost = row.totals.costMicros, at = nowMs;
  // The database adds, so concurrent writers never overwrite each other.
  auto increment = [&] {
    Poco::Data::Statement update(session);
    update << "UPDATE usage_counters SET requests = requests + ?, tokens = tokens + ?, cost_micros = cost_micros + ?, "
              "updated_at = ? WHERE scope = ? AND scope_id = ? AND period = ?",
        use(requests), use(tokens), use(cost), use(at), use(scope), use(scopeId), use(period);
    return update.execute() > 0;
  };
  if (increment()) return;
  try {
    session << "INSERT INTO usage_counters (scope, scope_id, period, requests, tokens, cost_micros, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
        use(scope), use(scopeId), use(period), use(requests), use(tokens), use(cost), use(at), now;
    return;
  } catch (const Poco::Exception& e) {
    if (!isDuplicateKey(e, backend)) throw;
  }
  // Another instance inserted the row between our UPDATE and INSERT. A
  // duplicate key fails only that statement, not our transaction, and the
  // row now exists (committed), so the increment applies.
  if (!increment()) {
    throw std::runtime_error(fmt::format("usage counter {}/{}/{} is neither updatable nor insertable", scope, scopeId, period));
  }
}

}  // namespace

std::vector<UsageCounterRow> UsageCounterRepository::load(const std::vector<std::string>& periods) {
  if (periods.empty()) return {};
  // One placeholder per period; the periods themselves are bound.
  std::string sql = "SELECT scope, scope_id, period, requests, tokens, cost_micros FROM usage_counters WHERE period IN (";
  auto session = database_.session();
  Poco::Data::Statement select(session);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    select.addBind(bind(periods[i]));
  }
  sql += ") ORDER BY scope, scope_id, period";
  select << sql;
  select.execute();
  Poco::Data::RecordSet rows(select);
  std::vector<UsageCounterRow> out;
  out.reserve(rows.rowCount());
  for (std::size_t row = 0; row < rows.rowCount(); ++row) {
    UsageCounterRow counter;
    counter.scope = rows.value(0, row).convert<std::string>();
    counter.scopeId = rows.value(1, row).convert<std::string>();
    counter.period = rows.value(2, row).convert<std::string>();
    counter.totals.requests = rows.value(3, row).convert<Poco::Int64>();
    counter.totals.tokens = rows.value(4, row).convert<Poco::Int64>();
    counter.totals.costMicros = rows.value(5, row).convert<Poco::Int64>();
    out.push_back(std::move(counter));
  }
  return out;
}

void UsageCounterRepository::add(const std::vector<UsageCounterRow>& deltas, int64_t nowMs) {
  const auto rows = normalized(deltas);
  if (rows.empty()) return;
  const auto backend = database_.backend();
  for (int attempt = 1;; ++attempt) {
    auto session = database_.session();
    Transaction transaction(session, backend);
    try {
      for (const auto& row : rows) addRow(session, backend, row, nowMs);
    } catch (const Poco::Exception& e) {
      // Two instances creating the same new row can deadlock on InnoDB's gap
      // locks; the victim's whole batch was rolled back, so running all of
      // it again counts nothing twice. Errors from commit are never retried.
      if (attempt >= kAttempts || !isLockConflict(e, backend)) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
      continue;
    }
    transaction.commit();
    return;
  }
}

}  // namespace gaiarouter
