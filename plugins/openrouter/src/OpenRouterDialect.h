// What OpenRouter adds to the OpenAI protocol, for the shared translators:
//  - errors: {"error": {"code": 429 | "server_error", "message", "metadata"?},
//    "user_id"?}. A numeric code is HTTP-like (classified like a status by the
//    shared translator); metadata.error_type becomes the upstream type,
//    metadata.headers["X-RateLimit-Reset"] (epoch ms) the retry advice; a 404
//    "No endpoints found that support tool use" stays NOT_FOUND with param
//    "tools" (the model exists, but no provider behind it can serve the
//    request as made; another route may);
//  - mid-stream failures: a 200-stream chunk with a top-level "error" and
//    choices[0].finish_reason "error"; older streams put the error in
//    choices[0].error, and a finish_reason "error" alone is a failure too;
//  - usage.cost (USD) → Usage.costUsd.
#pragma once

#include <OpenAICompatibleDialect.h>

namespace gaiarouter::plugins::openrouter {

class OpenRouterDialect : public openai_compatible::OpenAICompatibleDialect {
 public:
  Poco::JSON::Object::Ptr embeddedError(const Poco::JSON::Object& chunk) const override;
  void refineError(const Poco::JSON::Object& error, sdk::Error& out) const override;
  void readUsageExtras(const Poco::JSON::Object& usage, sdk::Usage& out) const override;
};

}  // namespace gaiarouter::plugins::openrouter
