// Request translation of the openrouter plugin: headers and passthrough of
// OpenRouter's request extensions.
#include "EventRecorder.h"
#include "Fixtures.h"
#include "OpenRouterProvider.h"

#include <OpenAICompatibleJson.h>

#include <gtest/gtest.h>

namespace gaiarouter::plugins::openrouter {
namespace {

using openai_compatible::OpenAICompatibleJson;
using test::RequestRecorder;
using test::sharedFixture;

sdk::ProviderConfig config(std::string optionsJson = "{}") {
  sdk::ProviderConfig c;
  c.providerId = "openrouter";
  c.apiKey = "sk-or-v1-test";
  c.baseUrl = "https://openrouter.ai/api/v1";
  c.optionsJson = std::move(optionsJson);
  return c;
}

RequestRecorder build(const sdk::ProviderConfig& cfg, std::string_view body, std::string_view model, bool stream = false) {
  OpenRouterProvider provider(sdk::Host(nullptr), cfg);
  sdk::ChatRequest request;
  request.body = body;
  request.modelId = "openrouter/qwen3";
  request.upstreamModel = model;
  request.requestId = "req-or-1";
  request.stream = stream;
  RequestRecorder recorder;
  sdk::RequestSink sink = recorder.cpp();
  provider.buildRequest(request, sink);
  return recorder;
}

TEST(OpenRouterRequest, FixtureRequestWithDefaultAttributionHeaders) {
  const std::string fixture = sharedFixture("openrouter/chat_completion_reasoning.request.json");
  RequestRecorder r = build(config(), fixture, "qwen/qwen3-32b");
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://openrouter.ai/api/v1/chat/completions");
  ASSERT_EQ(r.headers.size(), 4u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Authorization", "Bearer sk-or-v1-test"}));
  EXPECT_EQ(r.headers[1], (std::pair<std::string, std::string>{"Content-Type", "application/json"}));
  EXPECT_EQ(r.headers[2], (std::pair<std::string, std::string>{"HTTP-Referer", "https://github.com/gaiarouter/gaiarouter"}));
  EXPECT_EQ(r.headers[3], (std::pair<std::string, std::string>{"X-Title", "GaiaRouter"}));
  EXPECT_EQ(r.body, R"({"model":"qwen/qwen3-32b","messages":[{"role":"user","content":"Hi"}]})");
}

TEST(OpenRouterRequest, AttributionHeadersAreConfigurable) {
  const std::string fixture = sharedFixture("openrouter/chat_completion_reasoning.request.json");
  RequestRecorder r = build(config(R"({"http_referer":"https://example.org","x_title":"Example App","headers":{"X-Extra":"1"}})"),
                            fixture, "qwen/qwen3-32b");
  EXPECT_EQ(r.header("HTTP-Referer"), "https://example.org");
  EXPECT_EQ(r.header("X-Title"), "Example App");
  EXPECT_EQ(r.header("X-Extra"), "1");
  EXPECT_EQ(r.headers.size(), 5u);
}

TEST(OpenRouterRequest, EmptyOptionTurnsAHeaderOff) {
  const std::string fixture = sharedFixture("openrouter/chat_completion_reasoning.request.json");
  RequestRecorder r = build(config(R"({"http_referer":"","headers":{"x-title":""}})"), fixture, "qwen/qwen3-32b");
  for (const auto& [name, value] : r.headers) {
    EXPECT_NE(name, "HTTP-Referer");
    EXPECT_NE(name, "X-Title");
  }
  EXPECT_EQ(r.headers.size(), 2u);
}

TEST(OpenRouterRequest, OpenRouterExtensionsPassThroughUntouched) {
  const std::string body =
      R"({"model":"x","models":["anthropic/claude-3.5-sonnet","gryphe/mythomax-l2-13b"],"route":"fallback",)"
      R"("provider":{"order":["OpenAI","Together"],"allow_fallbacks":false,"data_collection":"deny"},)"
      R"("transforms":["middle-out"],"usage":{"include":true},"reasoning":{"effort":"high","exclude":false},)"
      R"("plugins":[{"id":"web","max_results":3}],"messages":[{"role":"user","content":"Hi"}],"stream":true})";
  RequestRecorder r = build(config(), body, "qwen/qwen3-32b", true);
  std::string expected = body;
  expected.replace(expected.find(R"("model":"x")"), 11, R"("model":"qwen/qwen3-32b")");
  expected.replace(expected.size() - 1, 1, R"(,"stream_options":{"include_usage":true}})");
  EXPECT_EQ(r.body, expected);
}

TEST(OpenRouterRequest, MalformedOptionsAreRejected) {
  EXPECT_THROW(OpenRouterProvider(sdk::Host(nullptr), config(R"({"x_title":["a"]})")), std::invalid_argument);
  EXPECT_THROW(OpenRouterProvider(sdk::Host(nullptr), config("not json")), std::invalid_argument);
}

}  // namespace
}  // namespace gaiarouter::plugins::openrouter
