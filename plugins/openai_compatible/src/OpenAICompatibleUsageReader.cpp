#include "OpenAICompatibleUsageReader.h"

#include "OpenAICompatibleJson.h"

namespace gaiarouter::plugins::openai_compatible {

namespace {

int64_t orMissing(const std::optional<int64_t>& value) { return value.value_or(-1); }

}  // namespace

sdk::Usage OpenAICompatibleUsageReader::read(const Poco::JSON::Object& usage, const OpenAICompatibleDialect& dialect) {
  using Json = OpenAICompatibleJson;
  sdk::Usage out;
  out.promptTokens = orMissing(Json::integer(usage, "prompt_tokens"));
  out.completionTokens = orMissing(Json::integer(usage, "completion_tokens"));
  out.totalTokens = orMissing(Json::integer(usage, "total_tokens"));
  if (out.totalTokens < 0 && out.promptTokens >= 0 && out.completionTokens >= 0) {
    out.totalTokens = out.promptTokens + out.completionTokens;
  }
  if (Poco::JSON::Object::Ptr details = usage.getObject("prompt_tokens_details"); !details.isNull()) {
    out.cachedPromptTokens = orMissing(Json::integer(*details, "cached_tokens"));
    out.cacheWriteTokens = orMissing(Json::integer(*details, "cache_write_tokens"));
  }
  if (out.cachedPromptTokens < 0) out.cachedPromptTokens = orMissing(Json::integer(usage, "prompt_cache_hit_tokens"));
  if (Poco::JSON::Object::Ptr details = usage.getObject("completion_tokens_details"); !details.isNull()) {
    out.reasoningTokens = orMissing(Json::integer(*details, "reasoning_tokens"));
  }
  dialect.readUsageExtras(usage, out);
  return out;
}

}  // namespace gaiarouter::plugins::openai_compatible
