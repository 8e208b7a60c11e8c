#include "proxy/ChatProxy.h"

#include "logging/SecretRedactor.h"
#include "plugins/PluginEventSink.h"
#include "proxy/UpstreamErrorMapper.h"
#include "proxy/UsageCost.h"
#include "usage/TokenEstimate.h"

#include <gaiarouter/plugin.hpp>

#include <Poco/Logger.h>
#include <fmt/format.h>

#include <poll.h>

#include <optional>
#include <random>

namespace gaiarouter {
namespace {

constexpr std::size_t kMaxUpstreamBody = 64 * 1024 * 1024;

Poco::Logger& logger() {
  static Poco::Logger& log = Poco::Logger::get("gaiarouter.proxy");
  return log;
}

// Collects the answer to a non-streaming request.
class CompletionCollector final : public PluginEventSink {
 public:
  bool onJson(std::string_view json) override {
    completion.assign(json);
    return true;
  }
  void onUsage(const gr_usage& u) override { usage = u; }
  void onError(const ProviderError& e) override {
    if (!error) error = e;
  }

  std::string completion;
  std::optional<gr_usage> usage;
  std::optional<ProviderError> error;
};

// Relays stream chunks to the client as they are emitted.
class StreamRelay final : public PluginEventSink {
 public:
  StreamRelay(ClientChannel& client, const ChatCall& call, RequestContext& ctx)
      : client_(client), call_(call), ctx_(ctx) {}
  // A write into a closed socket can still succeed (kernel buffer), so ask
  // the socket too: local plugins may produce chunks for a long time.
  bool onJson(std::string_view json) override {
    if (client_.clientGone()) return false;
    ctx_.streamedTextBytes += generatedTextBytes(json);
    if (call_.includeUsageCost && mayCarryUsage(json)) {
      return client_.writeEvent(withUsageCost(json, call_.route.model->pricing));
    }
    return client_.writeEvent(json);
  }
  void onUsage(const gr_usage& u) override { usage = u; }
  void onError(const ProviderError& e) override {
    if (!error) error = e;
  }

  std::optional<gr_usage> usage;
  std::optional<ProviderError> error;

 private:
  ClientChannel& client_;
  const ChatCall& call_;
  RequestContext& ctx_;
};

// The completion as sent to the client.
std::string answer(const ChatCall& call, std::string completion) {
  return call.includeUsageCost ? withUsageCost(completion, call.route.model->pricing) : completion;
}

// Waits `ms` unless the client hangs up first; false if it did.
bool pauseWhileClientStays(ClientChannel& client, int ms) {
  if (client.clientFd() < 0) {
    ::poll(nullptr, 0, ms);
    return true;
  }
  pollfd fd{client.clientFd(), POLLRDHUP, 0};
  int rc = ::poll(&fd, 1, ms);
  return !(rc > 0 && (fd.revents & (POLLRDHUP | POLLHUP | POLLERR)));
}

// Retry what waiting can fix: rate limits, overload, server errors. Not an
// exhausted quota or bad credentials, whatever status carried them.
bool retryable(const ProviderError& error) {
  switch (error.kind) {
    case GR_ERROR_RATE_LIMITED:
    case GR_ERROR_OVERLOADED:
    case GR_ERROR_UPSTREAM:
    case GR_ERROR_TIMEOUT:
      return error.upstreamStatus == 429 || error.upstreamStatus == 408 || error.upstreamStatus >= 500;
    default:
      return false;
  }
}

uint32_t retryAfterHeaderMs(const UpstreamResponse& response) {
  return sdk::retryAfterMs(response.header("retry-after-ms"), response.header("retry-after"));
}

}  // namespace

int ChatProxy::backoffMs(int attempt, uint32_t retryAfterMs) const {
  if (retryAfterMs > 0) {
    return retryAfterMs > static_cast<uint32_t>(config_.retryMaxDelayMs) ? -1 : static_cast<int>(retryAfterMs);
  }
  thread_local std::minstd_rand random{std::random_device{}()};
  const int64_t ceiling = std::min<int64_t>(config_.retryMaxDelayMs, int64_t{config_.retryBaseDelayMs} << std::min(attempt, 20));
  // "Equal jitter": at least half the exponential step, so retries spread out but still back off.
  std::uniform_int_distribution<int64_t> jitter(ceiling / 2, std::max<int64_t>(ceiling / 2, ceiling));
  return static_cast<int>(jitter(random));
}

void ChatProxy::run(const ChatCall& call, ClientChannel& client, RequestContext& ctx) const {
  const ModelSettings& model = *call.route.model;
  gr_chat_request request{};
  request.struct_size = sizeof(gr_chat_request);
  request.body = sdk::str(call.body);
  request.model_id = sdk::str(model.id);
  request.upstream_model = sdk::str(model.upstreamModel);
  request.request_id = sdk::str(call.requestId);
  request.stream = call.stream ? 1 : 0;
  request.max_output_tokens = static_cast<int32_t>(std::min<int64_t>(model.maxOutputTokens, INT32_MAX));
  if (call.route.provider->isLocal()) {
    runLocal(call, request, client, ctx);
  } else {
    runUpstream(call, request, client, ctx);
  }
}

void ChatProxy::runLocal(const ChatCall& call, const gr_chat_request& request, ClientChannel& client,
                         RequestContext& ctx) const {
  const Provider& provider = *call.route.provider;
  UpstreamErrorMapper errors(provider.id(), production_);
  ctx.upstreamStart = RequestContext::Clock::now();
  ctx.upstreamAttempts = 1;
  if (!call.stream) {
    CompletionCollector out;
    provider.completeLocal(request, out);
    ctx.upstreamMs = RequestContext::msSince(*ctx.upstreamStart);
    ctx.usage = out.usage;
    if (out.error) return client.sendError(errors.map(*out.error));
    if (out.completion.empty()) return client.sendError(errors.map(makeProviderError(GR_ERROR_BAD_RESPONSE, "no completion produced")));
    return client.sendJson(200, answer(call, std::move(out.completion)));
  }
  StreamRelay relay(client, call, ctx);
  gr_status status = provider.completeLocal(request, relay);
  ctx.upstreamMs = RequestContext::msSince(*ctx.upstreamStart);
  ctx.usage = relay.usage;
  if (status == GR_CANCELLED || client.clientGone()) {
    ctx.clientGone = true;
    return;
  }
  if (relay.error) {
    ApiError error = errors.map(*relay.error);
    if (!client.streaming()) return client.sendError(error);
    client.writeErrorEvent(error);
  }
  client.writeEvent("[DONE]");
}

void ChatProxy::runUpstream(const ChatCall& call, const gr_chat_request& request, ClientChannel& client,
                            RequestContext& ctx) const {
  const Provider& provider = *call.route.provider;
  UpstreamErrorMapper errors(provider.id(), production_);

  UpstreamRequest upstreamRequest;
  {
    CompletionCollector buildErrors;
    if (!provider.buildRequest(request, upstreamRequest, buildErrors)) {
      return client.sendError(errors.map(buildErrors.error.value_or(
          makeProviderError(GR_ERROR_INTERNAL, "the plugin built no upstream request"))));
    }
  }

  for (int attempt = 0;; ++attempt) {
    ctx.upstreamAttempts = attempt + 1;
    ctx.upstreamStart = RequestContext::Clock::now();
    std::unique_ptr<UpstreamExchange> exchange;
    try {
      exchange = upstream_.send(upstreamRequest);
      if (exchange->status() >= 200 && exchange->status() < 300) {
        if (call.stream) return relayStream(call, request, *exchange, client, ctx);
        UpstreamResponse response{exchange->status(), exchange->headers(), exchange->readAll(kMaxUpstreamBody, config_.requestTimeoutMs)};
        ctx.upstreamMs = RequestContext::msSince(*ctx.upstreamStart);
        exchange.reset();  // back to the pool before the client write
        CompletionCollector out;
        provider.translateResponse(request, response, out);
        ctx.usage = out.usage;
        if (out.error) return client.sendError(errors.map(*out.error, response.body));
        if (out.completion.empty()) {
          return client.sendError(errors.map(makeProviderError(GR_ERROR_BAD_RESPONSE, "no completion in the response", response.status)));
        }
        return client.sendJson(200, answer(call, std::move(out.completion)));
      }

      UpstreamResponse response{exchange->status(), exchange->headers(), exchange->readAll(kMaxUpstreamBody, config_.requestTimeoutMs)};
      ctx.upstreamMs = RequestContext::msSince(*ctx.upstreamStart);
      exchange.reset();
      CompletionCollector out;
      provider.translateResponse(request, response, out);
      ProviderError error = out.error.value_or(
          makeProviderError(GR_ERROR_UPSTREAM, "upstream error", response.status));
      if (error.upstreamStatus == 0) error.upstreamStatus = response.status;
      if (error.retryAfterMs == 0) error.retryAfterMs = retryAfterHeaderMs(response);
      logger().warning(fmt::format("request {}: provider '{}' answered HTTP {} ({}) on attempt {}", call.requestId,
                                   provider.id(), response.status, error.upstreamType, attempt + 1));
      if (retryable(error) && attempt < config_.maxRetries) {
        int delay = backoffMs(attempt, error.retryAfterMs);
        if (delay >= 0) {
          if (!pauseWhileClientStays(client, delay)) {
            ctx.clientGone = true;
            return;
          }
          continue;
        }
      }
      return client.sendError(errors.map(error, response.body));
    } catch (const UpstreamFailure& failure) {
      ctx.upstreamMs = RequestContext::msSince(*ctx.upstreamStart);
      logger().warning(fmt::format("request {}: provider '{}' {} on attempt {}", call.requestId, provider.id(),
                                   SecretRedactor::global().redact(failure.what()), attempt + 1));
      if (failure.nothingSent() && failure.reason() == UpstreamFailure::Reason::Connect && attempt < config_.maxRetries) {
        if (!pauseWhileClientStays(client, backoffMs(attempt, 0))) {
          ctx.clientGone = true;
          return;
        }
        continue;
      }
      if (client.streaming()) {
        client.writeErrorEvent(errors.map(failure));
        client.writeEvent("[DONE]");
        return;
      }
      return client.sendError(errors.map(failure));
    }
  }
}

void ChatProxy::relayStream(const ChatCall& call, const gr_chat_request& request, UpstreamExchange& exchange,
                            ClientChannel& client, RequestContext& ctx) const {
  const Provider& provider = *call.route.provider;
  UpstreamErrorMapper errors(provider.id(), production_);
  auto parser = provider.openStream(request);
  if (!parser) {
    return client.sendError(errors.map(makeProviderError(GR_ERROR_INTERNAL, "the plugin could not open a stream parser")));
  }
  StreamRelay relay(client, call, ctx);
  std::string bytes;
  while (true) {
    auto wait = exchange.waitReadable(client.clientFd(), config_.requestTimeoutMs);
    if (wait == UpstreamExchange::Wait::ClientGone) {
      ctx.clientGone = true;
      exchange.abort();
      logger().information(fmt::format("request {}: client disconnected; upstream request to '{}' aborted",
                                       call.requestId, provider.id()));
      break;
    }
    if (wait == UpstreamExchange::Wait::Timeout) {
      exchange.abort();
      relay.error = makeProviderError(GR_ERROR_TIMEOUT, "no data from upstream within the request timeout");
      break;
    }
    bytes.clear();
    const bool more = exchange.readAvailable(bytes);  // UpstreamFailure goes to runUpstream
    gr_status status = bytes.empty() ? GR_OK : parser->feed(bytes, relay);
    if (status != GR_CANCELLED && !relay.error && !more) status = parser->finish(relay);
    // A client that left shows as GR_CANCELLED (StreamRelay asks the socket
    // before each write) or in the next waitReadable.
    if (status == GR_CANCELLED) {
      ctx.clientGone = true;
      exchange.abort();
      break;
    }
    if (relay.error || !more) break;
  }
  ctx.upstreamMs = RequestContext::msSince(*ctx.upstreamStart);
  ctx.usage = relay.usage;
  if (ctx.clientGone) return;
  if (relay.error) {
    exchange.abort();
    ApiError error = errors.map(*relay.error);
    logger().warning(fmt::format("request {}: stream from provider '{}' failed: {}", call.requestId, provider.id(),
                                 SecretRedactor::global().redact(relay.error->message)));
    if (!client.streaming()) return client.sendError(error);
    client.writeErrorEvent(error);
  }
  client.writeEvent("[DONE]");
}

}  // namespace gaiarouter
