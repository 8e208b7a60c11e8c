#include "http/ChatCompletionsHandler.h"

#include "http/ChatRequestValidator.h"
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
  const int64_t arrivalMs = wallClockMs();
  auto caller = authenticate(request, client, ctx, Access::Write);
  // Unauthenticated requests leave no usage record (the access log has
  // them): nobody to charge, and a flood of them must not fill the database.
  if (!caller) return;
  ChatOutcome outcome{ctx, *caller, nullptr, arrivalMs, 0};
  std::optional<LimitSubject> admitted;
  handle(request, client, ctx, outcome, admitted);
  UsageRecord used = chatUsageRecord(outcome);
  // The limits count what the usage record says.
  if (admitted) gateway_.limiter().record(*admitted, used.totalTokens, used.costMicros, wallClockMs());
  gateway_.usage().submit(std::move(used));
}

void ChatCompletionsHandler::handle(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx,
                                    ChatOutcome& outcome, std::optional<LimitSubject>& admitted) {
  auto body = readBody(request, client);
  if (!body) return;

  auto validated = ChatRequestValidator::validate(*body);
  if (auto* error = std::get_if<ApiError>(&validated)) return client.sendError(*error);
  auto& chat = std::get<ValidatedChat>(validated);
  ctx.model = chat.model;
  ctx.stream = chat.stream;
  outcome.promptBytes = chat.promptBytes;

  auto routed = gateway_.router().resolve(chat.model);
  if (auto* error = std::get_if<ApiError>(&routed)) return client.sendError(*error);
  const Route& route = std::get<Route>(routed);
  ctx.provider = route.provider->id();
  outcome.model = route.model;

  const LimitSubject subject = limitSubject(outcome.caller);
  if (auto refused = gateway_.creditGate().admit(subject, wallClockMs())) return client.sendError(*refused);
  if (auto refused = gateway_.limiter().admit(subject, wallClockMs())) return client.sendError(*refused);
  admitted = subject;

  ChatCall call{chat.rewrittenBody.empty() ? std::move(*body) : std::move(chat.rewrittenBody), ctx.requestId, route,
                chat.stream, chat.includeUsageCost};
  gateway_.proxy().run(call, client, ctx);
}

}  // namespace gaiarouter
