#include "OpenRouterDialect.h"

#include <OpenAICompatibleJson.h>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>

namespace gaiarouter::plugins::openrouter {

namespace {

using Json = openai_compatible::OpenAICompatibleJson;

constexpr int64_t kMaxRetryAfterMs = 24LL * 3600 * 1000;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// metadata.headers["X-RateLimit-Reset"]: epoch milliseconds, as a number or a string.
std::optional<int64_t> rateLimitReset(const Poco::JSON::Object& metadata) {
  Poco::JSON::Object::Ptr headers = metadata.getObject("headers");
  if (headers.isNull()) return std::nullopt;
  for (const auto& name : headers->getNames()) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != "x-ratelimit-reset") continue;
    if (auto n = Json::integer(*headers, name)) return n;
    const std::string text = Json::string(*headers, name);
    try {
      std::size_t used = 0;
      const int64_t value = std::stoll(text, &used);
      if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

}  // namespace

Poco::JSON::Object::Ptr OpenRouterDialect::embeddedError(const Poco::JSON::Object& chunk) const {
  if (Poco::JSON::Object::Ptr error = OpenAICompatibleDialect::embeddedError(chunk); !error.isNull()) return error;
  Poco::JSON::Array::Ptr choices = chunk.getArray("choices");
  if (choices.isNull()) return nullptr;
  for (std::size_t i = 0; i < choices->size(); ++i) {
    Poco::JSON::Object::Ptr choice = choices->getObject(static_cast<unsigned>(i));
    if (choice.isNull()) continue;
    if (Poco::JSON::Object::Ptr error = choice->getObject("error"); !error.isNull()) return error;
    if (Json::string(*choice, "finish_reason") == "error") {
      Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      error->set("message", "upstream provider failed mid-stream (finish_reason \"error\")");
      return error;
    }
  }
  return nullptr;
}

void OpenRouterDialect::refineError(const Poco::JSON::Object& error, sdk::Error& out) const {
  if (Poco::JSON::Object::Ptr metadata = error.getObject("metadata"); !metadata.isNull()) {
    if (out.upstreamType.empty()) out.upstreamType = Json::string(*metadata, "error_type");
    if (out.retryAfterMs == 0 && out.kind == GR_ERROR_RATE_LIMITED) {
      if (auto reset = rateLimitReset(*metadata)) {
        const int64_t wait = *reset - nowMs();
        if (wait > 0) out.retryAfterMs = static_cast<uint32_t>(std::min(wait, kMaxRetryAfterMs));
      }
    }
  }
  if (out.kind == GR_ERROR_NOT_FOUND && out.param.empty() &&
      out.message.find("No endpoints found that support tool use") != std::string::npos) {
    out.param = "tools";
  }
}

void OpenRouterDialect::readUsageExtras(const Poco::JSON::Object& usage, sdk::Usage& out) const {
  if (auto cost = Json::number(usage, "cost"); cost && *cost >= 0) out.costUsd = *cost;
}

}  // namespace gaiarouter::plugins::openrouter
