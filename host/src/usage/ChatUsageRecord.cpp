#include "usage/ChatUsageRecord.h"

#include "models/ModelCost.h"
#include "usage/TokenEstimate.h"

#include <algorithm>
#include <cmath>

namespace gaiarouter {
namespace {

int64_t reported(int64_t v) { return std::max<int64_t>(v, 0); }

}  // namespace

UsageRecord chatUsageRecord(const ChatOutcome& outcome) {
  const RequestContext& ctx = outcome.ctx;
  UsageRecord r;
  r.requestId = ctx.requestId;
  r.createdAtMs = outcome.arrivalMs;
  if (outcome.caller.key) {
    r.apiKeyId = outcome.caller.key->key.id;
    r.organizationId = outcome.caller.key->organization.id;
  } else if (outcome.caller.organizationId) {
    r.organizationId = *outcome.caller.organizationId;
  }
  r.userId = outcome.caller.userId().value_or("");
  r.model = ctx.model;
  r.provider = ctx.provider;
  if (outcome.model) r.upstreamModel = outcome.model->upstreamModel;
  r.stream = ctx.stream;
  r.status = ctx.status;
  r.errorCode = ctx.errorCode;
  if (ctx.clientGone && (ctx.status == 0 || ctx.stream)) {
    // The client left before the answer was complete: nginx's "client
    // closed request".
    r.status = 499;
    r.errorCode = "client_disconnected";
  }

  if (ctx.usage) {
    const gr_usage& u = *ctx.usage;
    r.promptTokens = reported(u.prompt_tokens);
    r.completionTokens = reported(u.completion_tokens);
    r.totalTokens = u.total_tokens > 0 ? u.total_tokens : r.promptTokens + r.completionTokens;
    r.cachedTokens = reported(u.cached_prompt_tokens);
    r.reasoningTokens = reported(u.reasoning_tokens);
    if (outcome.model) r.costMicros = costMicros(outcome.model->pricing, u);
  } else if (ctx.clientGone && ctx.streamedTextBytes > 0 && outcome.model) {
    // Left mid-stream, before the provider's final usage: what was relayed
    // so far, estimated, and charged.
    r.estimated = true;
    r.promptTokens = estimateTokens(outcome.promptBytes);
    r.completionTokens = estimateTokens(ctx.streamedTextBytes);
    r.totalTokens = r.promptTokens + r.completionTokens;
    gr_usage u{};
    u.struct_size = sizeof u;
    u.prompt_tokens = r.promptTokens;
    u.completion_tokens = r.completionTokens;
    u.cost_usd = -1;
    r.costMicros = costMicros(outcome.model->pricing, u);
  }

  r.latencyMs = std::llround(ctx.elapsedMs());
  if (ctx.firstByteMs) r.ttftMs = std::llround(*ctx.firstByteMs);
  if (ctx.upstreamMs) r.upstreamMs = std::llround(*ctx.upstreamMs);
  return r;
}

}  // namespace gaiarouter
