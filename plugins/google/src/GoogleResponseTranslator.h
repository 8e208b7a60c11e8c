// Gemini GenerateContentResponse -> OpenAI chat.completion.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter::plugins::google {

class GoogleResponseTranslator {
 public:
  // Translates a complete upstream response of any status: a 2xx body
  // becomes one chat.completion plus out.usage(); anything else (or a body
  // that is an error, not JSON or not a GenerateContentResponse) throws
  // ProviderError. `now` is the "created" time used when the upstream
  // reports none (Vertex's createTime is used when present).
  static void translate(const sdk::ChatRequest& request, const sdk::HttpResponse& response, sdk::EventSink& out,
                        int64_t now);

  // The chat.completion object for a parsed 2xx body (without emitting).
  static Poco::JSON::Object::Ptr toCompletion(const sdk::ChatRequest& request, const Poco::JSON::Object::Ptr& body,
                                              int64_t now);

  // Unix seconds of an RFC 3339 timestamp such as "2026-02-12T09:06:58.415119Z".
  static std::optional<int64_t> parseTimestamp(const std::string& text);

  // The text shown as "refusal" when the prompt itself was blocked.
  static std::string blockMessage(const Poco::JSON::Object::Ptr& promptFeedback);
};

}  // namespace gaiarouter::plugins::google
