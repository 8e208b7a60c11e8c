#include "http/ChatCompletionsHandler.h"

#include "http/ChatRequestValidator.h"

namespace gaiarouter {

void ChatCompletionsHandler::serve(Poco::Net::HTTPServerRequest& request, ClientChannel& client, RequestContext& ctx) {
  if (!authenticate(request, client)) return;
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

  ChatCall call{std::move(*body), ctx.requestId, route, chat.stream};
  gateway_.proxy().run(call, client, ctx);
}

}  // namespace gaiarouter
