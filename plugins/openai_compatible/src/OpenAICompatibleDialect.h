// What one OpenAI-compatible upstream says beyond the OpenAI Chat Completions
// protocol. The translators are shared; a provider plugin passes its dialect
// to them. This base class is plain OpenAI (also right for DeepSeek, vLLM,
// Ollama and the like); OpenRouterDialect overrides the hooks.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleDialect {
 public:
  virtual ~OpenAICompatibleDialect() = default;

  // The error a 2xx body or a stream chunk carries; null when it carries none.
  // OpenAI: a top-level "error" object.
  virtual Poco::JSON::Object::Ptr embeddedError(const Poco::JSON::Object& chunk) const;

  // Completes `out`, already classified from the HTTP status (0 in a stream)
  // and the OpenAI fields {message, type, param, code} of `error`, with what
  // this upstream's error objects add. OpenAI: nothing.
  virtual void refineError(const Poco::JSON::Object& error, sdk::Error& out) const;

  // Reads usage fields beyond OpenAI's (e.g. a cost). OpenAI: nothing.
  virtual void readUsageExtras(const Poco::JSON::Object& usage, sdk::Usage& out) const;
};

}  // namespace gaiarouter::plugins::openai_compatible
