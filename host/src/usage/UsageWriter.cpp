#include "usage/UsageWriter.h"

#include "db/BoundSql.h"
#include "db/DatabaseErrors.h"
#include "db/SqlValues.h"
#include "db/Transaction.h"
#include "usage/LatencyHistogram.h"
#include "usage/UsageAggregateColumns.h"

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <thread>
#include <tuple>

namespace gaiarouter {
namespace {

using namespace Poco::Data::Keywords;
using Backend = DatabaseUrl::Backend;

// Lock conflicts (InnoDB deadlock victims) are tried again this often, after
// a growing, jittered pause so the writers that collided do not collide again.
constexpr int kAttempts = 10;
constexpr int64_t kHourMs = 3600 * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;
// Rows per INSERT: few round trips, well under either backend's limit on
// bound parameters.
constexpr std::size_t kRowsPerInsert = 250;

int64_t floorTo(int64_t ms, int64_t unit) { return ms - ((ms % unit) + unit) % unit; }

// "(?, ?, …)" for n values.
std::string placeholders(std::size_t n) {
  std::string out = "(";
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out + ")";
}

// INSERT … VALUES (…), (…) ending in the backend's "add to the existing row"
// clause: every column in `added` becomes column + new value; every column in
// `maxed` the larger of the two.
std::string upsertTail(Backend backend, const std::string& key, const std::vector<std::string>& added,
                       const std::vector<std::string>& maxed) {
  std::string out;
  const bool mysql = backend == Backend::MySQL;
  out += mysql ? " ON DUPLICATE KEY UPDATE " : " ON CONFLICT (" + key + ") DO UPDATE SET ";
  bool first = true;
  for (const auto& c : added) {
    out += (first ? "" : ", ") + c + " = " + c + (mysql ? " + VALUES(" + c + ")" : " + excluded." + c);
    first = false;
  }
  for (const auto& c : maxed) {
    out += (first ? "" : ", ") + c + (mysql ? " = GREATEST(" + c + ", VALUES(" + c + "))" : " = MAX(" + c + ", excluded." + c + ")");
    first = false;
  }
  return out;
}

struct HourlyTotals {
  int64_t requests = 0, errors = 0, prompt = 0, completion = 0, total = 0, cached = 0, reasoning = 0, cost = 0;
  int64_t latencySum = 0, ttftCount = 0, ttftSum = 0;
  LatencyHistogram latency, ttft;
};

struct DailyTotals {
  int64_t requests = 0, prompt = 0, completion = 0, total = 0, cost = 0;
};

constexpr const char* kRecordColumns =
    "INSERT INTO usage_records (request_id, created_at, organization_id, api_key_id, user_id, model, provider, "
    "upstream_model, status, error_code, stream, estimated, prompt_tokens, completion_tokens, total_tokens, "
    "cached_tokens, reasoning_tokens, cost_micros, latency_ms, ttft_ms, upstream_ms) VALUES ";

// MySQL: multi-row INSERTs, few round trips.
void insertRecordsMultiRow(Poco::Data::Session& session, const std::vector<UsageRecord>& records) {
  auto orNull = [](const std::string& s) { return sql::nullable(s.empty() ? std::nullopt : std::optional(s)); };
  for (std::size_t from = 0; from < records.size(); from += kRowsPerInsert) {
    BoundSql insert(kRecordColumns);
    const std::size_t to = std::min(records.size(), from + kRowsPerInsert);
    for (std::size_t i = from; i < to; ++i) {
      const UsageRecord& r = records[i];
      insert.append(i == from ? "" : ", ");
      insert.append(placeholders(21), r.requestId, Poco::Int64(r.createdAtMs), orNull(r.organizationId),
                    orNull(r.apiKeyId), orNull(r.userId), r.model, r.provider, r.upstreamModel, Poco::Int64(r.status),
                    orNull(r.errorCode), Poco::Int64(r.stream), Poco::Int64(r.estimated), Poco::Int64(r.promptTokens),
                    Poco::Int64(r.completionTokens), Poco::Int64(r.totalTokens), Poco::Int64(r.cachedTokens),
                    Poco::Int64(r.reasoningTokens), Poco::Int64(r.costMicros), Poco::Int64(r.latencyMs),
                    sql::nullable(r.ttftMs), sql::nullable(r.upstreamMs));
    }
    Poco::Data::Statement statement(session);
    insert.into(statement);
    statement.execute();
  }
}

// SQLite: no round trips to save, but preparing a statement of thousands of
// values and a binding object per value cost more than the rows. One
// single-row statement runs once per row over one vector per column; ''
// and -1 stand for NULL.
void insertRecordsColumnwise(Poco::Data::Session& session, const std::vector<UsageRecord>& records) {
  const std::size_t n = records.size();
  std::vector<std::string> requestId(n), organization(n), key(n), user(n), model(n), provider(n), upstream(n), error(n);
  std::vector<Poco::Int64> createdAt(n), status(n), stream(n), estimated(n), prompt(n), completion(n), total(n),
      cached(n), reasoning(n), cost(n), latency(n), ttft(n), upstreamMs(n);
  for (std::size_t i = 0; i < n; ++i) {
    const UsageRecord& r = records[i];
    requestId[i] = r.requestId;
    organization[i] = r.organizationId;
    key[i] = r.apiKeyId;
    user[i] = r.userId;
    model[i] = r.model;
    provider[i] = r.provider;
    upstream[i] = r.upstreamModel;
    error[i] = r.errorCode;
    createdAt[i] = r.createdAtMs;
    status[i] = r.status;
    stream[i] = r.stream;
    estimated[i] = r.estimated;
    prompt[i] = r.promptTokens;
    completion[i] = r.completionTokens;
    total[i] = r.totalTokens;
    cached[i] = r.cachedTokens;
    reasoning[i] = r.reasoningTokens;
    cost[i] = r.costMicros;
    latency[i] = r.latencyMs;
    ttft[i] = r.ttftMs.value_or(-1);
    upstreamMs[i] = r.upstreamMs.value_or(-1);
  }
  session << std::string(kRecordColumns) +
                 "(?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, NULLIF(?, -1), NULLIF(?, -1))",
      use(requestId), use(createdAt), use(organization), use(key), use(user), use(model), use(provider), use(upstream),
      use(status), use(error), use(stream), use(estimated), use(prompt), use(completion), use(total), use(cached),
      use(reasoning), use(cost), use(latency), use(ttft), use(upstreamMs), now;
}

void insertRecords(Poco::Data::Session& session, Backend backend, const std::vector<UsageRecord>& records) {
  if (backend == Backend::MySQL) return insertRecordsMultiRow(session, records);
  insertRecordsColumnwise(session, records);
}

// usage_hourly or usage_daily: `table`, whose time column `timeColumn`
// holds the start of each `unitMs`.
void upsertAggregates(Poco::Data::Session& session, Backend backend, const std::vector<UsageRecord>& records,
                      const std::string& table, const std::string& timeColumn, int64_t unitMs) {
  using Key = std::tuple<int64_t, std::string, std::string, std::string, std::string>;
  // A map: rows in one fixed order, so concurrent writers lock them in the
  // same sequence and never deadlock each other.
  std::map<Key, HourlyTotals> hours;
  for (const auto& r : records) {
    auto& h = hours[{floorTo(r.createdAtMs, unitMs), r.organizationId, r.apiKeyId, r.model, r.provider}];
    ++h.requests;
    h.errors += r.failed() ? 1 : 0;
    h.prompt += r.promptTokens;
    h.completion += r.completionTokens;
    h.total += r.totalTokens;
    h.cached += r.cachedTokens;
    h.reasoning += r.reasoningTokens;
    h.cost += r.costMicros;
    h.latencySum += r.latencyMs;
    h.latency.add(r.latencyMs);
    if (r.ttftMs) {
      ++h.ttftCount;
      h.ttftSum += *r.ttftMs;
      h.ttft.add(*r.ttftMs);
    }
  }

  std::vector<std::string> added(kAggregateCounters.begin(), kAggregateCounters.end());
  added.insert(added.end(), histogramBucketColumns().begin(), histogramBucketColumns().end());
  const std::vector<std::string> maxed(kAggregateMaxima.begin(), kAggregateMaxima.end());
  std::string columns = "INSERT INTO " + table + " (" + timeColumn + ", organization_id, api_key_id, model, provider";
  for (const auto& c : added) columns += ", " + c;
  for (const auto& c : maxed) columns += ", " + c;
  columns += ") VALUES ";
  const std::string tail =
      upsertTail(backend, timeColumn + ", organization_id, api_key_id, model, provider", added, maxed);
  const std::size_t width = 5 + added.size() + maxed.size();

  auto it = hours.begin();
  while (it != hours.end()) {
    BoundSql upsert(columns);
    for (std::size_t n = 0; n < kRowsPerInsert && it != hours.end(); ++n, ++it) {
      const auto& [key, h] = *it;
      upsert.append(n == 0 ? "" : ", ");
      upsert.append(placeholders(width), Poco::Int64(std::get<0>(key)), std::get<1>(key), std::get<2>(key),
                    std::get<3>(key), std::get<4>(key));
      // The rest of the row's values, in column-list order.
      for (int64_t v : {h.requests, h.errors, h.prompt, h.completion, h.total, h.cached, h.reasoning, h.cost,
                        h.latencySum, h.ttftCount, h.ttftSum})
        upsert.bindNext(Poco::Int64(v));
      for (int64_t v : h.latency.counts()) upsert.bindNext(Poco::Int64(v));
      for (int64_t v : h.ttft.counts()) upsert.bindNext(Poco::Int64(v));
      upsert.bindNext(Poco::Int64(h.latency.max()), Poco::Int64(h.ttft.max()));
    }
    upsert.append(tail);
    Poco::Data::Statement statement(session);
    upsert.into(statement);
    statement.execute();
  }
}

void upsertDailyModels(Poco::Data::Session& session, Backend backend, const std::vector<UsageRecord>& records) {
  std::map<std::tuple<int64_t, std::string, std::string>, DailyTotals> days;
  for (const auto& r : records) {
    auto& d = days[{floorTo(r.createdAtMs, kDayMs), r.model, r.provider}];
    ++d.requests;
    d.prompt += r.promptTokens;
    d.completion += r.completionTokens;
    d.total += r.totalTokens;
    d.cost += r.costMicros;
  }
  const std::vector<std::string> added = {"requests", "prompt_tokens", "completion_tokens", "total_tokens",
                                          "cost_micros"};
  const std::string tail = upsertTail(backend, "day_start, model, provider", added, {});
  auto it = days.begin();
  while (it != days.end()) {
    BoundSql upsert(
        "INSERT INTO usage_daily_models (day_start, model, provider, requests, prompt_tokens, completion_tokens, "
        "total_tokens, cost_micros) VALUES ");
    for (std::size_t n = 0; n < kRowsPerInsert && it != days.end(); ++n, ++it) {
      const auto& [key, d] = *it;
      upsert.append(n == 0 ? "" : ", ");
      upsert.append(placeholders(8), Poco::Int64(std::get<0>(key)), std::get<1>(key), std::get<2>(key),
                    Poco::Int64(d.requests), Poco::Int64(d.prompt), Poco::Int64(d.completion), Poco::Int64(d.total),
                    Poco::Int64(d.cost));
    }
    upsert.append(tail);
    Poco::Data::Statement statement(session);
    upsert.into(statement);
    statement.execute();
  }
}

// Takes each request's cost from its organization's balance, with one
// ledger row per request. The UPDATE comes first: it locks the organization
// row (MySQL) or the database (SQLite) until commit, so the balance read
// after it and the ledger rows computed from it cannot interleave with
// another writer's.
void deductCredits(Poco::Data::Session& session, const std::vector<UsageRecord>& records, int64_t nowMs) {
  std::map<std::string, std::vector<const UsageRecord*>> byOrganization;  // sorted: one lock order
  for (const auto& r : records) {
    if (!r.organizationId.empty() && r.costMicros > 0) byOrganization[r.organizationId].push_back(&r);
  }
  for (const auto& [organizationId, charged] : byOrganization) {
    int64_t total = 0;
    for (const auto* r : charged) total += r->costMicros;
    Poco::Data::Statement update(session);
    BoundSql("UPDATE organizations SET credit_balance_micros = credit_balance_micros - ? WHERE id = ?",
             Poco::Int64(total), organizationId)
        .into(update);
    if (update.execute() == 0) continue;  // the organization is gone: nothing to charge
    Poco::Int64 balance = 0;
    Poco::Data::Statement select(session);
    BoundSql("SELECT credit_balance_micros FROM organizations WHERE id = ?", organizationId).into(select);
    select.addExtract(into(balance));
    select.execute();

    // Ledger rows in request order, each with the balance right after it.
    int64_t running = balance + total;
    for (std::size_t from = 0; from < charged.size(); from += kRowsPerInsert) {
      BoundSql insert(
          "INSERT INTO balance_transactions (organization_id, amount_micros, balance_after_micros, type, reason, "
          "request_id, created_by, created_at) VALUES ");
      const std::size_t to = std::min(charged.size(), from + kRowsPerInsert);
      for (std::size_t i = from; i < to; ++i) {
        running -= charged[i]->costMicros;
        insert.append(i == from ? "" : ", ");
        insert.append("(?, ?, ?, 'usage', NULL, ?, NULL, ?)", organizationId, Poco::Int64(-charged[i]->costMicros),
                      Poco::Int64(running), charged[i]->requestId, Poco::Int64(nowMs));
      }
      Poco::Data::Statement statement(session);
      insert.into(statement);
      statement.execute();
    }
  }
}

int64_t wallClockNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void UsageWriter::write(const std::vector<UsageRecord>& records) {
  if (records.empty()) return;
  for (int attempt = 1;; ++attempt) {
    try {
      return writeOnce(records);
    } catch (const Poco::Exception& e) {
      if (attempt >= kAttempts || !isLockConflict(e, database_.backend())) throw;
      thread_local std::minstd_rand random{std::random_device{}()};
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt + random() % (10 * attempt)));
    }
  }
}

void UsageWriter::writeOnce(const std::vector<UsageRecord>& records) {
  auto session = database_.session();
  Transaction transaction(session, database_.backend());
  insertRecords(session, database_.backend(), records);
  upsertAggregates(session, database_.backend(), records, "usage_hourly", "hour_start", kHourMs);
  upsertAggregates(session, database_.backend(), records, "usage_daily", "day_start", kDayMs);
  upsertDailyModels(session, database_.backend(), records);
  deductCredits(session, records, wallClockNowMs());
  transaction.commit();
}

}  // namespace gaiarouter
