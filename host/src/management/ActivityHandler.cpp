#include "management/ActivityHandler.h"

#include "management/ManagementJson.h"
#include "management/QueryInput.h"
#include "stats/RankingsRepository.h"
#include "usage/UsageRecordRepository.h"
#include "util/Time.h"

#include <charconv>

namespace gaiarouter {
namespace {

Poco::JSON::Object::Ptr describe(const UsageRecord& r) {
  auto o = json::object();
  o->set("id", r.requestId);
  o->set("object", "generation");
  o->set("created_at", json::time(r.createdAtMs));
  o->set("model", r.model);
  o->set("provider", r.provider);
  o->set("upstream_model", r.upstreamModel);
  o->set("status", r.status);
  o->set("error_code", json::text(r.errorCode.empty() ? std::nullopt : std::optional(r.errorCode)));
  o->set("streamed", r.stream);
  o->set("estimated", r.estimated);
  o->set("tokens_prompt", static_cast<Poco::Int64>(r.promptTokens));
  o->set("tokens_completion", static_cast<Poco::Int64>(r.completionTokens));
  o->set("total_tokens", static_cast<Poco::Int64>(r.totalTokens));
  o->set("cached_tokens", static_cast<Poco::Int64>(r.cachedTokens));
  o->set("reasoning_tokens", static_cast<Poco::Int64>(r.reasoningTokens));
  o->set("cost", json::usd(r.costMicros));
  o->set("cost_micros", static_cast<Poco::Int64>(r.costMicros));
  o->set("latency_ms", static_cast<Poco::Int64>(r.latencyMs));
  o->set("ttft_ms", json::count(r.ttftMs));
  o->set("upstream_latency_ms", json::count(r.upstreamMs));
  // OpenRouter's names for the same values, for its clients.
  o->set("total_cost", json::usd(r.costMicros));
  o->set("provider_name", r.provider);
  o->set("latency", static_cast<Poco::Int64>(r.latencyMs));
  o->set("generation_time", json::count(r.upstreamMs));
  auto orNull = [](const std::string& s) { return json::text(s.empty() ? std::nullopt : std::optional(s)); };
  o->set("api_key_id", orNull(r.apiKeyId));
  o->set("organization_id", orNull(r.organizationId));
  o->set("user_id", orNull(r.userId));
  return o;
}

// "404" → that status; "4xx" → that class. False when it is neither.
bool readStatus(const std::string& text, UsageRecordFilter& filter) {
  if (text.size() != 3 || text[0] < '1' || text[0] > '5') return false;
  if (text.substr(1) == "xx") {
    filter.statusClass = text[0] - '0';
    return true;
  }
  int code = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  filter.status = code;
  return true;
}

bool visibleTo(const UsageRecord& r, const std::string& organizationId, const std::string& apiKeyId) {
  return (organizationId.empty() || r.organizationId == organizationId) && (apiKeyId.empty() || r.apiKeyId == apiKeyId);
}

}  // namespace

ActivityHandler::Visibility ActivityHandler::visibility(const Principal& caller) {
  if (caller.globalAdmin) return {};
  if (caller.key && !(caller.key->key.permissions & kPermissionAdmin)) {
    return {caller.key->organization.id, caller.key->key.id};
  }
  return {caller.organizationId.value_or(""), ""};
}

void ActivityHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = authenticate(request, client, ctx, Access::Read);
  if (!caller) return;
  // Rankings hold no organization's data: every reader sees them.
  if (op_ == Op::Rankings) return rankings(request, client);
  const Visibility visible = visibility(*caller);
  if (!caller->globalAdmin && visible.organizationId.empty()) {
    return client.sendError(adminOnly("read usage records outside an organization"));
  }
  if (op_ == Op::Generation) return generation(request, client, visible);
  activity(request, client, *caller, visible);
}

void ActivityHandler::generation(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                 const Visibility& visible) {
  QueryInput query(request.getURI(), {"id"});
  const std::string id = query.text("id", 64);
  if (query.failed()) return client.sendError(*query.error());
  if (id.empty()) return client.sendError(ApiError::invalidRequest("'id' (a request id) is required.", "id"));
  auto record = UsageRecordRepository(gateway_.database()).find(id);
  if (!record || !visibleTo(*record, visible.organizationId, visible.apiKeyId)) {
    return client.sendError(notFound("generation", id));
  }
  auto body = json::object();
  body->set("data", describe(*record));
  send(client, 200, body);
}

void ActivityHandler::activity(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const Principal& caller,
                               const Visibility& visible) {
  QueryInput query(request.getURI(),
                   {"organization_id", "api_key_id", "model", "provider", "status", "errors", "stream", "start", "end"});
  UsageRecordFilter filter;
  filter.page = query.page();
  filter.organizationId = query.text("organization_id", 40);
  filter.apiKeyId = query.text("api_key_id", 40);
  filter.model = query.text("model");
  filter.provider = query.text("provider", 64);
  const std::string status = query.text("status", 3);
  filter.errorsOnly = query.choice("errors", {"true", "false"}) == "true";
  if (const std::string stream = query.choice("stream", {"true", "false"}); !stream.empty()) {
    filter.stream = stream == "true";
  }
  filter.startMs = query.time("start");
  filter.endMs = query.time("end");
  if (query.failed()) return client.sendError(*query.error());
  if (!status.empty() && !readStatus(status, filter)) {
    return client.sendError(
        ApiError::invalidRequest("'status' must be an HTTP status (100 to 599) or a class (1xx to 5xx).", "status"));
  }
  // A caller limited to an organization or key asking for another sees
  // nothing of it: 404, as for its other objects.
  if (!visible.organizationId.empty() && !filter.organizationId.empty() &&
      filter.organizationId != visible.organizationId) {
    auto error = notFound("organization", filter.organizationId);
    error.param = "organization_id";
    return client.sendError(error);
  }
  if (!visible.apiKeyId.empty() && !filter.apiKeyId.empty() && filter.apiKeyId != visible.apiKeyId) {
    auto error = notFound("api_key", filter.apiKeyId);
    error.param = "api_key_id";
    return client.sendError(error);
  }
  if (!caller.globalAdmin) filter.organizationId = visible.organizationId;
  if (!visible.apiKeyId.empty()) filter.apiKeyId = visible.apiKeyId;
  auto page = UsageRecordRepository(gateway_.database()).list(filter);
  send(client, 200, json::list(page, filter.page, describe));
}

void ActivityHandler::rankings(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  QueryInput query(request.getURI(), {"period"});
  std::string period = query.choice("period", {"day", "week", "month"});
  if (query.failed()) return client.sendError(*query.error());
  if (period.empty()) period = "week";
  const auto [start, end] = lastUtcDays(period == "day" ? 1 : period == "week" ? 7 : 30, wallClockMs());
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  int rank = 0;
  for (const auto& m : RankingsRepository(gateway_.database()).rank(start, end)) {
    auto o = json::object();
    o->set("rank", ++rank);
    o->set("model", m.model);
    o->set("provider", m.provider);
    o->set("requests", static_cast<Poco::Int64>(m.requests));
    o->set("prompt_tokens", static_cast<Poco::Int64>(m.promptTokens));
    o->set("completion_tokens", static_cast<Poco::Int64>(m.completionTokens));
    o->set("total_tokens", static_cast<Poco::Int64>(m.totalTokens));
    o->set("cost", json::usd(m.costMicros));
    o->set("share", m.share);
    data->add(o);
  }
  auto body = json::object();
  body->set("object", "rankings");
  body->set("period", period);
  body->set("start", json::time(start));
  body->set("end", json::time(end));
  body->set("data", data);
  send(client, 200, body);
}

}  // namespace gaiarouter
