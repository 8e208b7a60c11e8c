// Unit tests of the shared OpenAI-compatible pieces: headers, options, error
// classification, usage reading and the dialect hooks.
#include "EventRecorder.h"
#include "StreamHarness.h"

#include <OpenAICompatibleDialect.h>
#include <OpenAICompatibleErrorTranslator.h>
#include <OpenAICompatibleHeaders.h>
#include <OpenAICompatibleJson.h>
#include <OpenAICompatibleOptions.h>
#include <OpenAICompatibleProvider.h>
#include <OpenAICompatibleUsageReader.h>

#include <gtest/gtest.h>

namespace gaiarouter::plugins::openai_compatible {
namespace {

using Json = OpenAICompatibleJson;

TEST(OpenAICompatibleHeaders, ReplacesCaseInsensitivelyInPlace) {
  OpenAICompatibleHeaders h;
  h.set("Authorization", "Bearer a");
  h.set("Content-Type", "application/json");
  h.set("authorization", "Bearer b");
  ASSERT_EQ(h.entries().size(), 2u);
  EXPECT_EQ(h.entries()[0].first, "Authorization");
  EXPECT_EQ(h.entries()[0].second, "Bearer b");
  EXPECT_EQ(h.get("AUTHORIZATION"), "Bearer b");
  OpenAICompatibleHeaders off;
  off.set("content-type", "");
  h.merge(off);
  EXPECT_EQ(h.get("Content-Type"), "");
}

TEST(OpenAICompatibleOptions, ReadsStringsAndHeaders) {
  OpenAICompatibleOptions o(R"({"organization":"org-1","n":null,"headers":{"B":"2","A":"1"}})");
  EXPECT_EQ(o.string("organization").value_or(""), "org-1");
  EXPECT_FALSE(o.string("missing").has_value());
  EXPECT_FALSE(o.string("n").has_value());
  ASSERT_EQ(o.headers().entries().size(), 2u);
  EXPECT_EQ(o.headers().entries()[0].first, "B");  // in the operator's order
  EXPECT_NO_THROW(OpenAICompatibleOptions(""));
  EXPECT_THROW(OpenAICompatibleOptions("[]"), std::invalid_argument);
  EXPECT_THROW(OpenAICompatibleOptions(R"({"headers":[]})"), std::invalid_argument);
  EXPECT_THROW(OpenAICompatibleOptions(R"({"a":1})").string("a"), std::invalid_argument);
}

TEST(OpenAICompatibleErrorTranslator, CodeTable) {
  using T = OpenAICompatibleErrorTranslator;
  EXPECT_EQ(T::kindForCode("rate_limit_exceeded"), GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(T::kindForCode("server_error"), GR_ERROR_UPSTREAM);
  EXPECT_EQ(T::kindForCode("context_length_exceeded"), GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(T::kindForCode("insufficient_quota"), GR_ERROR_INSUFFICIENT_CREDITS);
  EXPECT_EQ(T::kindForCode("429"), GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(T::kindForCode("402"), GR_ERROR_INSUFFICIENT_CREDITS);
  EXPECT_EQ(T::kindForCode("503"), GR_ERROR_OVERLOADED);
  EXPECT_EQ(T::kindForCode("200"), std::nullopt);
  EXPECT_EQ(T::kindForCode("no_such_code"), std::nullopt);
  EXPECT_EQ(T::kindForCode(""), std::nullopt);
}

sdk::Error httpError(int status, std::string_view body) {
  OpenAICompatibleDialect dialect;
  OpenAICompatibleErrorTranslator t(dialect);
  sdk::HttpResponse r;
  r.status = status;
  r.body = body;
  return t.fromHttpResponse(r);
}

TEST(OpenAICompatibleErrorTranslator, OtherServersErrorShapes) {
  // vLLM: the fields at top level, numeric code.
  sdk::Error vllm = httpError(400, R"({"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400})");
  EXPECT_EQ(vllm.kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(vllm.message, "max_tokens is too large");
  EXPECT_EQ(vllm.upstreamType, "BadRequestError");
  EXPECT_EQ(vllm.code, "400");
  // Ollama: {"error": "text"}.
  sdk::Error ollama = httpError(404, R"({"error":"model \"llama9\" not found, try pulling it first"})");
  EXPECT_EQ(ollama.kind, GR_ERROR_NOT_FOUND);
  EXPECT_EQ(ollama.message, "model \"llama9\" not found, try pulling it first");
  // Empty body.
  EXPECT_EQ(httpError(503, "").message, "upstream returned HTTP 503");
}

TEST(OpenAICompatibleUsageReader, ReadsDetailsAndDeepSeekCacheHits) {
  OpenAICompatibleDialect dialect;
  auto usage = Json::parseObject(
      R"({"prompt_tokens":100,"completion_tokens":20,"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36,"completion_tokens_details":{"reasoning_tokens":7}})");
  sdk::Usage u = OpenAICompatibleUsageReader::read(*usage, dialect);
  EXPECT_EQ(u.promptTokens, 100);
  EXPECT_EQ(u.completionTokens, 20);
  EXPECT_EQ(u.totalTokens, 120);  // derived when absent
  EXPECT_EQ(u.cachedPromptTokens, 64);
  EXPECT_EQ(u.cacheWriteTokens, -1);
  EXPECT_EQ(u.reasoningTokens, 7);
  EXPECT_LT(u.costUsd, 0);  // plain OpenAI reads no cost
  auto empty = Json::parseObject("{}");
  sdk::Usage none = OpenAICompatibleUsageReader::read(*empty, dialect);
  EXPECT_EQ(none.promptTokens, -1);
  EXPECT_EQ(none.totalTokens, -1);
}

// A dialect that marks what passes through its hooks.
class MarkingDialect : public OpenAICompatibleDialect {
 public:
  Poco::JSON::Object::Ptr embeddedError(const Poco::JSON::Object& chunk) const override {
    if (chunk.has("failure")) return chunk.getObject("failure");
    return OpenAICompatibleDialect::embeddedError(chunk);
  }
  void refineError(const Poco::JSON::Object&, sdk::Error& out) const override { out.upstreamType = "marked"; }
  void readUsageExtras(const Poco::JSON::Object& usage, sdk::Usage& out) const override {
    out.cacheWriteTokens = Json::integer(usage, "written").value_or(-1);
  }
};

test::ParserFactory markingFactory(std::string_view body) {
  return [body] {
    sdk::ProviderConfig config;
    config.baseUrl = "http://localhost:8000/v1";
    OpenAICompatibleProvider provider(config, {}, std::make_shared<MarkingDialect>());
    sdk::ChatRequest request;
    request.body = body;
    request.stream = true;
    return provider.openStream(request);
  };
}

constexpr std::string_view kNoUsage = R"({"model":"m","messages":[{"role":"user","content":"x"}],"stream":true})";
constexpr std::string_view kUsage =
    R"({"model":"m","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true}})";

TEST(OpenAICompatibleStreamParser, DialectHooksDecideErrorsAndUsage) {
  const std::string sse =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":1,\"written\":5}}\n\n"
      "data: {\"id\":\"c\",\"failure\":{\"message\":\"boom\",\"code\":\"overloaded\"},\"choices\":[]}\n\n";
  test::StreamRun run = test::runAllSplits(markingFactory(kNoUsage), sse);
  ASSERT_EQ(run.json.size(), 1u);
  EXPECT_EQ(run.json[0], R"({"id":"c","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]})");
  ASSERT_TRUE(run.usage.has_value());
  EXPECT_EQ(run.usage->cache_write_tokens, 5);
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(run.errors[0].message, "boom");
  EXPECT_EQ(run.errors[0].upstreamType, "marked");
}

TEST(OpenAICompatibleStreamParser, MultiLineDataIsReserialisedOnOneLine) {
  const std::string sse =
      "data: {\"id\":\"c\",\n"
      "data:  \"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\\nb\"},\"finish_reason\":\"stop\"}]}\n\n"
      "data: [DONE]\n\n";
  test::StreamRun run = test::runAllSplits(markingFactory(kNoUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  ASSERT_EQ(run.json.size(), 1u);
  EXPECT_EQ(run.json[0], R"({"id":"c","choices":[{"index":0,"delta":{"content":"a\nb"},"finish_reason":"stop"}]})");

  const std::string usage = sse.substr(0, sse.find("data: [DONE]")) +
                            "data: {\"id\":\"c\",\"choices\":[],\n"
                            "data: \"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\n";
  test::StreamRun withUsage = test::runAllSplits(markingFactory(kUsage), usage);
  ASSERT_EQ(withUsage.json.size(), 2u);
  EXPECT_EQ(withUsage.json[1], R"({"id":"c","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})");
}

TEST(OpenAICompatibleStreamParser, ObjectToolArgumentsBecomeAString) {
  const std::string sse =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"q\":1}}}]},\"finish_reason\":\"tool_calls\"}]}\n\n";
  test::StreamRun run = test::runWhole(markingFactory(kNoUsage), sse);
  ASSERT_EQ(run.json.size(), 1u);
  EXPECT_NE(run.json[0].find(R"("arguments":"{\"q\":1}")"), std::string::npos);
}

TEST(OpenAICompatibleStreamParser, NullUsageMembersAreDroppedUnlessTheClientAsked) {
  const std::string sse =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
      "data: {\"id\":\"c\",\"choices\":[],\"prompt_filter_results\":[]}\n\n"
      "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n"
      "data: [DONE]\n\n";
  test::StreamRun plain = test::runWhole(markingFactory(kNoUsage), sse);
  ASSERT_EQ(plain.json.size(), 1u);
  EXPECT_EQ(plain.json[0], R"({"id":"c","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"}]})");
  ASSERT_TRUE(plain.usage.has_value());
  EXPECT_EQ(plain.usage->total_tokens, 4);
  test::StreamRun asked = test::runWhole(markingFactory(kUsage), sse);
  ASSERT_EQ(asked.json.size(), 2u);  // the empty filter-results chunk carries nothing
  EXPECT_NE(asked.json[0].find("\"usage\":null"), std::string::npos);
  EXPECT_NE(asked.json[1].find("\"total_tokens\":4"), std::string::npos);
}

TEST(OpenAICompatibleStreamParser, ErrorEventIsOneError) {
  const std::string sse =
      "event: error\ndata: {\"error\":{\"message\":\"Too many requests\",\"type\":\"rate_limit_error\"}}\n\n"
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"},\"finish_reason\":null}]}\n\n";
  test::StreamRun run = test::runAllSplits(markingFactory(kNoUsage), sse);
  EXPECT_TRUE(run.json.empty());
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].kind, GR_ERROR_RATE_LIMITED);
  test::StreamRun text = test::runWhole(markingFactory(kNoUsage), "event: error\ndata: upstream exploded\n\n");
  ASSERT_EQ(text.errors.size(), 1u);
  EXPECT_EQ(text.errors[0].kind, GR_ERROR_UPSTREAM);
}

TEST(OpenAICompatibleStreamParser, UnterminatedLastChunkStillCounts) {
  // Upstream closed right after the last data line, without its blank line.
  const std::string sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}";
  test::StreamRun run = test::runAllSplits(markingFactory(kNoUsage), sse);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.json.size(), 1u);
  test::StreamRun cr = test::runAllSplits(markingFactory(kNoUsage), sse + "\r");
  EXPECT_TRUE(cr.errors.empty());
  EXPECT_EQ(cr.json, run.json);
}

}  // namespace
}  // namespace gaiarouter::plugins::openai_compatible
