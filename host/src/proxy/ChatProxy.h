// Serves one validated chat request through its provider: plugin
// translation, upstream I/O with retries, and the answer to the client
// (JSON or a live SSE relay).
#pragma once

#include "config/GatewayConfig.h"
#include "http/ClientChannel.h"
#include "http/RequestContext.h"
#include "routing/ModelRouter.h"
#include "upstream/UpstreamClient.h"

#include <string>

namespace gaiarouter {

struct ChatCall {
  std::string body;  // the client's JSON body, validated
  std::string requestId;
  Route route;
  bool stream = false;
  bool includeUsageCost = false;  // "usage": {"include": true}
};

class ChatProxy {
 public:
  ChatProxy(UpstreamClient& upstream, const UpstreamConfig& config, bool production)
      : upstream_(upstream), config_(config), production_(production) {}

  void run(const ChatCall& call, ClientChannel& client, RequestContext& ctx) const;

 private:
  void runLocal(const ChatCall& call, const gr_chat_request& request, ClientChannel& client, RequestContext& ctx) const;
  void runUpstream(const ChatCall& call, const gr_chat_request& request, ClientChannel& client,
                   RequestContext& ctx) const;
  void relayStream(const ChatCall& call, const gr_chat_request& request, UpstreamExchange& exchange,
                   ClientChannel& client, RequestContext& ctx) const;
  // Milliseconds to wait before attempt `attempt` (0-based retry number);
  // negative when the upstream asked for longer than we are willing to wait.
  int backoffMs(int attempt, uint32_t retryAfterMs) const;

  UpstreamClient& upstream_;
  UpstreamConfig config_;
  bool production_;
};

}  // namespace gaiarouter
