#include "stats/StatsJson.h"

#include "management/ManagementJson.h"
#include "util/Time.h"

#include <Poco/JSON/Array.h>

namespace gaiarouter::json {
namespace {

// The field naming a series entry's group value.
const char* groupField(StatsGrouping grouping) {
  switch (grouping) {
    case StatsGrouping::Model: return "model";
    case StatsGrouping::Provider: return "provider";
    case StatsGrouping::Key: return "api_key_id";
    default: return nullptr;
  }
}

Poco::Dynamic::Var orNull(const std::string& s) { return s.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s); }

}  // namespace

Poco::JSON::Object::Ptr statsFigures(const StatsFigures& f, Poco::JSON::Object::Ptr o) {
  auto whole = [](int64_t n) { return static_cast<Poco::Int64>(n); };
  o->set("requests", whole(f.requests));
  o->set("errors", whole(f.errors));
  o->set("error_rate", f.errorRate());
  o->set("prompt_tokens", whole(f.promptTokens));
  o->set("completion_tokens", whole(f.completionTokens));
  o->set("total_tokens", whole(f.totalTokens));
  o->set("cached_tokens", whole(f.cachedTokens));
  o->set("reasoning_tokens", whole(f.reasoningTokens));
  o->set("cost", usd(f.costMicros));
  o->set("cost_micros", whole(f.costMicros));
  o->set("latency_avg_ms", f.latencyAverageMs());
  o->set("latency_p50_ms", f.latencyQuantileMs(0.5));
  o->set("latency_p95_ms", f.latencyQuantileMs(0.95));
  o->set("latency_max_ms", whole(f.latency.max()));
  o->set("ttft_avg_ms", f.ttftAverageMs());
  o->set("ttft_p50_ms", f.ttftQuantileMs(0.5));
  o->set("ttft_p95_ms", f.ttftQuantileMs(0.95));
  o->set("ttft_max_ms", whole(f.ttft.max()));
  return o;
}

Poco::JSON::Object::Ptr stats(const StatsResult& result) {
  const StatsQuery& q = result.query;
  auto o = object();
  o->set("object", "stats");
  o->set("scope", q.scope.name());
  o->set("scope_id", orNull(q.scope.id));
  o->set("start", isoUtc(q.startMs));
  o->set("end", isoUtc(q.endMs));
  const char* grouping = groupingName(q.groupBy);
  o->set("group_by", grouping ? Poco::Dynamic::Var(std::string(grouping)) : Poco::Dynamic::Var());
  auto filters = object();
  filters->set("model", orNull(q.model));
  filters->set("provider", orNull(q.provider));
  o->set("filters", filters);
  o->set("totals", statsFigures(result.totals, object()));
  Poco::JSON::Array::Ptr series = new Poco::JSON::Array;
  for (const auto& entry : result.series) {
    auto e = object();
    if (const char* field = groupField(q.groupBy)) {
      e->set(field, orNull(entry.group));
    } else {
      e->set("start", isoUtc(entry.startMs));
      e->set("end", isoUtc(entry.endMs));
    }
    series->add(statsFigures(entry.figures, e));
  }
  o->set("series", series);
  return o;
}

}  // namespace gaiarouter::json
