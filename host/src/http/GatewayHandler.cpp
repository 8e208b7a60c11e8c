#include "http/GatewayHandler.h"

#include "http/AccessLog.h"
#include "http/RequestId.h"
#include "logging/SecretRedactor.h"

#include <Poco/Logger.h>
#include <fmt/format.h>


namespace gaiarouter {
namespace {

constexpr std::streamsize kDrainLimit = 64 * 1024;

}  // namespace

void GatewayHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  struct InFlight {
    const Gateway& gateway;
    explicit InFlight(const Gateway& g) : gateway(g) { gateway.requestStarted(); }
    ~InFlight() { gateway.requestFinished(); }
  } inFlight(gateway_);
  RequestContext ctx;
  ctx.method = request.getMethod();
  ctx.path = request.getURI().substr(0, 512);
  ctx.clientAddress = request.clientAddress().host().toString();
  const std::string given = request.get("X-Request-Id", "");
  ctx.requestId = usableRequestId(given) ? given : newRequestId();
  response.set("X-Request-Id", ctx.requestId);
  gateway_.cors().apply(request, response);

  ClientChannel client(request, response, ctx);
  try {
    bodyRead_ = !(request.hasContentLength() && request.getContentLength64() > 0) && !request.getChunkedTransferEncoding();
    serve(request, client, ctx);
  } catch (const std::exception& e) {
    Poco::Logger::get("gaiarouter.http")
        .error(fmt::format("request {} {} {} failed: {}", ctx.requestId, ctx.method, ctx.path,
                           SecretRedactor::global().redact(e.what())));
    if (!response.sent()) {
      client.sendError(ApiError{500, "server_error", "The gateway failed to handle the request.", "internal_error", {}, {}, {}});
    }
  }
  if (!bodyRead_ && !response.sent()) discardUnreadBody(request, response);
  AccessLog::write(ctx);
}

std::optional<Principal> GatewayHandler::authenticate(Poco::Net::HTTPServerRequest& request, ClientChannel& client,
                                                      RequestContext& ctx, Access need) {
  auto result = gateway_.authenticator().authenticate(request, need);
  if (auto* error = std::get_if<ApiError>(&result)) {
    refuse(request, client, *error);
    return std::nullopt;
  }
  auto& principal = std::get<Principal>(result);
  ctx.caller = principal.id;
  return std::move(principal);
}

void GatewayHandler::refuse(Poco::Net::HTTPServerRequest& request, ClientChannel& client, const ApiError& error) {
  // Set before the answer goes out so the connection state matches it.
  if (!bodyRead_) discardUnreadBody(request, request.response());
  client.sendError(error);
}

std::optional<std::string> GatewayHandler::readBody(Poco::Net::HTTPServerRequest& request, ClientChannel& client) {
  const std::size_t limit = gateway_.config().server.maxBodyBytes;
  auto& response = request.response();
  if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    response.setKeepAlive(false);
    client.sendError(ApiError::payloadTooLarge(limit));
    bodyRead_ = true;
    return std::nullopt;
  }
  std::string body;
  if (request.hasContentLength()) body.reserve(static_cast<std::size_t>(request.getContentLength64()));
  std::istream& in = request.stream();
  char buffer[16384];
  while (in) {
    in.read(buffer, sizeof buffer);
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) {
      response.setKeepAlive(false);
      client.sendError(ApiError::payloadTooLarge(limit));
      bodyRead_ = true;
      return std::nullopt;
    }
  }
  bodyRead_ = true;
  return body;
}

void GatewayHandler::discardUnreadBody(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  bodyRead_ = true;
  if (request.hasContentLength() && request.getContentLength64() <= kDrainLimit) {
    request.stream().ignore(kDrainLimit + 1);
    return;
  }
  response.setKeepAlive(false);
}

}  // namespace gaiarouter
