#include "http/ChatCompletionsHandler.h"

#include "http/ChatRequestValidator.h"
#include "models/ModelCost.h"
#include "util/Time.h"

namespace gaiarouter {
namespace {

// The organization and key a request is charged to, with their caps.
LimitSubject limitSubject(const Principal& caller) {
  LimitSubject s;
  if (caller.key) {
    const auto& key = caller.key->key;
    const auto& org = caller.key->organization;
    s.organizationId = org.id;
    s.organizationName = org.name;
    s.organizationLimits = org.limits;
    s.keyId = key.id;
    s.keyMonthlyRequests = key.monthlyRequestLimit;
    s.keyMonthlyTokens = key.monthlyTokenLimit;
    s.keyMonthlyCostMicros = key.monthlyCostLimitMicros;
  } else if (caller.userOrganization) {
    s.organizationId = caller.userOrganization->id;
    s.organizationName = caller.userOrganization->name;
    s.organizationLimits = caller.userOrganization->limits;
  }
  return s;
}

}  // namespace

void ChatCompletionsHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  auto caller = authenticate(request, client, ctx, Access::Write);
  if (!caller) return;
  auto body = readBody(request, client);
  if (!body) return;

  auto validated = ChatRequestValidator::validate(*body);
  if (auto* error = std::get_if<ApiError>(&validated)) return client.sendError(*error);
  const auto& chat = std::get<ValidatedChat>(validated);
  ctx.model = chat.model;
  ctx.stream = chat.stream;

  auto routed = gateway_.router().resolve(chat.model);
  if (auto* error = std::get_if<ApiError>(&routed)) return client.sendError(*error);
  const Route& route = std::get<Route>(routed);
  ctx.provider = route.provider->id();

  const LimitSubject subject = limitSubject(*caller);
  if (auto refused = gateway_.limiter().admit(subject, wallClockMs())) return client.sendError(*refused);

  ChatCall call{std::move(*body), ctx.requestId, route, chat.stream};
  gateway_.proxy().run(call, client, ctx);

  if (ctx.usage) {
    const int64_t tokens = ctx.usage->total_tokens > 0 ? ctx.usage->total_tokens
                                                       : ctx.usage->prompt_tokens + ctx.usage->completion_tokens;
    gateway_.limiter().record(subject, tokens, costMicros(route.model->pricing, *ctx.usage), wallClockMs());
  }
}

}  // namespace gaiarouter
