// The usage record of one finished chat request, from what the handler
// learnt while serving it.
#pragma once

#include "auth/Principal.h"
#include "config/GatewayConfig.h"
#include "http/RequestContext.h"
#include "usage/UsageRecord.h"

namespace gaiarouter {

struct ChatOutcome {
  const RequestContext& ctx;
  const Principal& caller;
  const ModelSettings* model = nullptr;  // null when the request never got routed
  int64_t arrivalMs = 0;                 // wall clock at arrival
  int64_t promptBytes = 0;               // for an estimate when the provider reported nothing
};

UsageRecord chatUsageRecord(const ChatOutcome& outcome);

}  // namespace gaiarouter
