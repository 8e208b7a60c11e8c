#include "limits/UsageLimiter.h"

#include "util/Time.h"

#include <fmt/format.h>

#include <chrono>
#include <vector>

namespace gaiarouter {
namespace {

using namespace std::chrono;

year_month_day dayOf(int64_t nowMs) { return year_month_day(floor<days>(sys_time<milliseconds>(milliseconds(nowMs)))); }

int64_t msOf(year_month_day day) {
  return duration_cast<milliseconds>(sys_days(day).time_since_epoch()).count();
}

std::string usd(int64_t micros) { return fmt::format("${}.{:06}", micros / 1000000, micros % 1000000); }

struct Cap {
  const char* scope;   // "org" or "key"
  const char* period;  // "monthly" or "yearly"
  const char* what;    // "requests", "tokens", "cost"
  std::optional<int64_t> limit;
};

int64_t usedOf(const UsageTotals& t, const char* what) {
  const std::string w = what;
  return w == "requests" ? t.requests : w == "tokens" ? t.tokens : t.costMicros;
}

}  // namespace

std::string monthPeriod(int64_t nowMs) {
  const auto d = dayOf(nowMs);
  return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

std::string yearPeriod(int64_t nowMs) { return fmt::format("{:04}", static_cast<int>(dayOf(nowMs).year())); }

int64_t nextMonthStartMs(int64_t nowMs) {
  const auto d = dayOf(nowMs);
  return msOf(year_month_day(d.year(), d.month(), day(1)) + months(1));
}

int64_t nextYearStartMs(int64_t nowMs) { return msOf(year_month_day(dayOf(nowMs).year() + years(1), January, day(1))); }

UsageLimiter::UsageLimiter(UsageCounterRepository& counters, milliseconds interval, int64_t nowMs) : counters_(counters) {
  reload(nowMs);
  if (interval.count() > 0) {
    task_ = std::make_unique<PeriodicTask>("usage-counters", interval, [this] {
      flush(wallClockMs());
    });
  }
}

UsageLimiter::~UsageLimiter() { stop(); }

void UsageLimiter::stop() {
  if (task_) task_->stop();
}

UsageLimiter::Counter& UsageLimiter::counter(const std::string& scope, const std::string& id, const std::string& period) {
  return counts_[CounterKey{scope, id, period}];
}

std::optional<ApiError> UsageLimiter::admit(const LimitSubject& s, int64_t nowMs) {
  if (s.organizationId.empty() && s.keyId.empty()) return std::nullopt;
  const std::string month = monthPeriod(nowMs), year = yearPeriod(nowMs);
  const OrganizationLimits& o = s.organizationLimits;
  const Cap caps[] = {
      {"org", "monthly", "requests", o.monthlyRequests}, {"org", "monthly", "tokens", o.monthlyTokens},
      {"org", "monthly", "cost", o.monthlyCostMicros},   {"org", "yearly", "requests", o.yearlyRequests},
      {"org", "yearly", "tokens", o.yearlyTokens},       {"org", "yearly", "cost", o.yearlyCostMicros},
      {"key", "monthly", "requests", s.keyMonthlyRequests}, {"key", "monthly", "tokens", s.keyMonthlyTokens},
      {"key", "monthly", "cost", s.keyMonthlyCostMicros},
  };
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Cap& cap : caps) {
    if (!cap.limit) continue;
    const bool org = std::string(cap.scope) == "org";
    const std::string& id = org ? s.organizationId : s.keyId;
    if (id.empty()) continue;
    const bool monthly = std::string(cap.period) == "monthly";
    const UsageTotals& used = counter(cap.scope, id, monthly ? month : year).total;
    const int64_t value = usedOf(used, cap.what);
    // A request cap counts this request too; token and cost caps refuse
    // once reached.
    const bool reached = std::string(cap.what) == "requests" ? value + 1 > *cap.limit : value >= *cap.limit;
    if (!reached) continue;

    const int64_t resetMs = monthly ? nextMonthStartMs(nowMs) : nextYearStartMs(nowMs);
    const bool cost = std::string(cap.what) == "cost";
    const std::string owner = org ? fmt::format("Organization '{}' has", s.organizationName) : std::string("This API key has");
    const std::string amount = cost ? usd(*cap.limit) : fmt::format("{} {}", *cap.limit, cap.what);
    ApiError error{429, "rate_limit_error",
                   fmt::format("{} reached its {} limit of {}; it resets at {}.", owner, cap.period, amount,
                               isoUtc(resetMs)),
                   "limit_exceeded", {}, {}, {}};
    // Amounts in the API's units: US dollars for cost, counts otherwise.
    const auto number = [cost](int64_t v) {
      return cost ? fmt::format("{}.{:06}", v / 1000000, v % 1000000) : std::to_string(v);
    };
    error.metadataJson = fmt::format(
        R"({{"scope":"{}","period":"{}","limit_type":"{}","limit":{},"used":{},"resets_at":"{}"}})",
        org ? "organization" : "api_key", cap.period, cap.what, number(*cap.limit), number(value), isoUtc(resetMs));
    error.headers.emplace_back("Retry-After", std::to_string((resetMs - nowMs + 999) / 1000));
    return error;
  }
  const auto count = [&](const char* scope, const std::string& id) {
    if (id.empty()) return;
    for (const std::string* period : {&month, &year}) {
      Counter& c = counter(scope, id, *period);
      ++c.total.requests;
      ++c.pending.requests;
    }
  };
  count("org", s.organizationId);
  count("key", s.keyId);
  return std::nullopt;
}

void UsageLimiter::record(const LimitSubject& s, int64_t tokens, int64_t costMicros, int64_t nowMs) {
  if (tokens == 0 && costMicros == 0) return;
  const std::string month = monthPeriod(nowMs), year = yearPeriod(nowMs);
  std::lock_guard<std::mutex> lock(mutex_);
  const auto add = [&](const char* scope, const std::string& id) {
    if (id.empty()) return;
    for (const std::string* period : {&month, &year}) {
      Counter& c = counter(scope, id, *period);
      c.total.tokens += tokens;
      c.total.costMicros += costMicros;
      c.pending.tokens += tokens;
      c.pending.costMicros += costMicros;
    }
  };
  add("org", s.organizationId);
  add("key", s.keyId);
}

UsageTotals UsageLimiter::organizationUsage(const std::string& organizationId, const std::string& period) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counts_.find(CounterKey{"org", organizationId, period});
  return it == counts_.end() ? UsageTotals{} : it->second.total;
}

UsageTotals UsageLimiter::keyUsage(const std::string& keyId, const std::string& period) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counts_.find(CounterKey{"key", keyId, period});
  return it == counts_.end() ? UsageTotals{} : it->second.total;
}

void UsageLimiter::flush(int64_t nowMs) {
  std::vector<UsageCounterRow> deltas;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [key, c] : counts_) {
      if (c.pending.requests == 0 && c.pending.tokens == 0 && c.pending.costMicros == 0) continue;
      deltas.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), c.pending});
      c.pending = {};
    }
  }
  if (!deltas.empty()) {
    try {
      counters_.add(deltas, nowMs);
    } catch (...) {
      // Put them back for the next round.
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& d : deltas) {
        Counter& c = counter(d.scope, d.scopeId, d.period);
        c.pending.requests += d.totals.requests;
        c.pending.tokens += d.totals.tokens;
        c.pending.costMicros += d.totals.costMicros;
      }
      throw;
    }
  }
  reload(nowMs);
}

void UsageLimiter::reload(int64_t nowMs) {
  // The database holds every instance's flushed usage; add what this
  // instance counted since (pending) to get the current totals. Rows of past
  // periods are dropped from memory.
  const std::string month = monthPeriod(nowMs), year = yearPeriod(nowMs);
  auto rows = counters_.load({month, year});
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<CounterKey, Counter> fresh;
  for (auto& row : rows) fresh[CounterKey{row.scope, row.scopeId, row.period}].total = row.totals;
  for (auto& [key, c] : counts_) {
    const bool current = std::get<2>(key) == month || std::get<2>(key) == year;
    const bool unsaved = c.pending.requests != 0 || c.pending.tokens != 0 || c.pending.costMicros != 0;
    if (!current && !unsaved) continue;
    Counter& f = fresh[key];
    f.pending = c.pending;
    f.total.requests += c.pending.requests;
    f.total.tokens += c.pending.tokens;
    f.total.costMicros += c.pending.costMicros;
  }
  counts_.swap(fresh);
}

}  // namespace gaiarouter
