// Request translation of the openai plugin against the real request fixtures.
#include "EventRecorder.h"
#include "Fixtures.h"
#include "OpenAIProvider.h"

#include <OpenAICompatibleJson.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <gtest/gtest.h>

namespace gaiarouter::plugins::openai {
namespace {

using openai_compatible::OpenAICompatibleJson;
using test::RequestRecorder;
using test::sharedFixture;

sdk::ProviderConfig config(std::string optionsJson = "{}", std::string key = "sk-test-key",
                           std::string baseUrl = "https://api.openai.com/v1") {
  sdk::ProviderConfig c;
  c.providerId = "openai";
  c.apiKey = std::move(key);
  c.baseUrl = std::move(baseUrl);
  c.optionsJson = std::move(optionsJson);
  return c;
}

sdk::ChatRequest chat(std::string_view body, std::string_view upstreamModel, bool stream = false) {
  sdk::ChatRequest r;
  r.body = body;
  r.modelId = "openai/test";
  r.upstreamModel = upstreamModel;
  r.requestId = "req-1";
  r.stream = stream;
  return r;
}

RequestRecorder build(const sdk::ProviderConfig& cfg, const sdk::ChatRequest& request) {
  OpenAIProvider provider(sdk::Host(nullptr), cfg);
  RequestRecorder recorder;
  sdk::RequestSink sink = recorder.cpp();
  provider.buildRequest(request, sink);
  return recorder;
}

Poco::JSON::Object::Ptr parse(std::string_view text) {
  Poco::JSON::Object::Ptr object = OpenAICompatibleJson::parseObject(text);
  EXPECT_FALSE(object.isNull()) << text;
  return object;
}

// The fixture with only "model" replaced, compact and in the same key order.
std::string expectedBody(const std::string& fixture, const std::string& model) {
  Poco::JSON::Object::Ptr object = parse(fixture);
  object->set("model", model);
  return OpenAICompatibleJson::stringify(object);
}

TEST(OpenAIRequest, TextRequestPassesThroughWithUpstreamModel) {
  const std::string fixture = sharedFixture("openai/chat_completion_text.request.json");
  RequestRecorder r = build(config(), chat(fixture, "gpt-4o-2024-08-06"));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://api.openai.com/v1/chat/completions");
  EXPECT_EQ(r.header("Authorization"), "Bearer sk-test-key");
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.body, expectedBody(fixture, "gpt-4o-2024-08-06"));
  EXPECT_EQ(r.body.find('\n'), std::string::npos);
}

TEST(OpenAIRequest, ModelIsReplacedInPlace) {
  const std::string fixture = sharedFixture("openai/chat_completion_text.request.json");
  RequestRecorder r = build(config(), chat(fixture, "gpt-4o-mini"));
  Poco::JSON::Object::Ptr body = parse(r.body);
  EXPECT_EQ(body->getValue<std::string>("model"), "gpt-4o-mini");
  ASSERT_EQ(body->getNames().size(), 2u);
  EXPECT_EQ(body->getNames()[0], "model");  // key order kept
  EXPECT_EQ(body->getNames()[1], "messages");
}

TEST(OpenAIRequest, ImageContentPartsPassThrough) {
  const std::string fixture = sharedFixture("openai/chat_completion_image_url.request.json");
  RequestRecorder r = build(config(), chat(fixture, "gpt-4o"));
  EXPECT_EQ(r.body, expectedBody(fixture, "gpt-4o"));
  Poco::JSON::Object::Ptr body = parse(r.body);
  auto parts = body->getArray("messages")->getObject(0)->getArray("content");
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(parts->getObject(0)->getValue<std::string>("text"), "What\u2019s in this image?");
  EXPECT_EQ(parts->getObject(1)->getObject("image_url")->getValue<std::string>("url").rfind("https://upload.", 0), 0u);
  EXPECT_EQ(body->getValue<int>("max_tokens"), 300);
}

TEST(OpenAIRequest, StrictToolPassesThrough) {
  const std::string fixture = sharedFixture("openai/chat_completion_strict_tool.request.json");
  RequestRecorder r = build(config(), chat(fixture, "gpt-4o-2024-08-06"));
  EXPECT_EQ(r.body, expectedBody(fixture, "gpt-4o-2024-08-06"));
  Poco::JSON::Object::Ptr function = parse(r.body)->getArray("tools")->getObject(0)->getObject("function");
  EXPECT_TRUE(function->getValue<bool>("strict"));
  EXPECT_FALSE(function->getObject("parameters")->getValue<bool>("additionalProperties"));
}

TEST(OpenAIRequest, EveryClientFieldPassesThroughInOrder) {
  const std::string body =
      R"({"model":"x","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],)"
      R"("tool_choice":"required","parallel_tool_calls":false,"response_format":{"type":"json_object"},"seed":12345678901,)"
      R"("logprobs":true,"top_logprobs":3,"n":2,"user":"u-1","reasoning_effort":"low","metadata":{"k":"v"},)"
      R"("temperature":0.7,"top_p":0.25,"stop":["\n"],"max_completion_tokens":64,"future_field":{"a":[1,null,true]}})";
  RequestRecorder r = build(config(), chat(body, "gpt-4o-mini"));
  std::string expected = body;
  expected.replace(expected.find(R"("model":"x")"), 11, R"("model":"gpt-4o-mini")");
  EXPECT_EQ(r.body, expected);
}

TEST(OpenAIRequest, StreamingForcesIncludeUsageAndKeepsOtherStreamOptions) {
  const std::string body =
      R"({"model":"x","stream":true,"stream_options":{"include_obfuscation":false},"messages":[{"role":"user","content":"hi"}]})";
  RequestRecorder r = build(config(), chat(body, "gpt-4o", true));
  EXPECT_EQ(r.body,
            R"({"model":"gpt-4o","stream":true,"stream_options":{"include_obfuscation":false,"include_usage":true},"messages":[{"role":"user","content":"hi"}]})");
}

TEST(OpenAIRequest, StreamingAddsStreamOptionsWhenAbsent) {
  const std::string body = R"({"model":"x","messages":[{"role":"user","content":"hi"}],"stream":true})";
  RequestRecorder r = build(config(), chat(body, "gpt-4o", true));
  EXPECT_EQ(r.body,
            R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}})");
}

TEST(OpenAIRequest, StreamingClientUsageFalseIsForcedTrueUpstream) {
  const std::string body =
      R"({"model":"x","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":false}})";
  RequestRecorder r = build(config(), chat(body, "gpt-4o", true));
  EXPECT_TRUE(parse(r.body)->getObject("stream_options")->getValue<bool>("include_usage"));
}

TEST(OpenAIRequest, BadStreamOptionsIsInvalidRequestNamingTheField) {
  const std::string body = R"({"model":"x","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":"yes"})";
  try {
    build(config(), chat(body, "gpt-4o", true));
    FAIL() << "expected ProviderError";
  } catch (const sdk::ProviderError& e) {
    EXPECT_EQ(e.error().kind, GR_ERROR_INVALID_REQUEST);
    EXPECT_EQ(e.error().param, "stream_options");
  }
}

TEST(OpenAIRequest, OrganizationProjectAndExtraHeaders) {
  const std::string fixture = sharedFixture("openai/chat_completion_text.request.json");
  RequestRecorder r = build(
      config(R"({"organization":"org-123","project":"proj_abc","headers":{"X-Trace":"t1","openai-project":"proj_override"}})"),
      chat(fixture, "gpt-4o"));
  EXPECT_EQ(r.header("OpenAI-Organization"), "org-123");
  EXPECT_EQ(r.header("OpenAI-Project"), "proj_override");  // "headers" wins, sent once
  EXPECT_EQ(r.header("X-Trace"), "t1");
  EXPECT_EQ(r.headers.size(), 5u);
}

TEST(OpenAIRequest, CompatibleUpstreamFromConfigAloneWithoutKey) {
  // e.g. a local vLLM/Ollama: own base_url (trailing slash tolerated), no key.
  const std::string fixture = sharedFixture("openai/chat_completion_text.request.json");
  RequestRecorder r = build(config("{}", "", "http://127.0.0.1:11434/v1/"), chat(fixture, "llama3.1:8b"));
  EXPECT_EQ(r.url, "http://127.0.0.1:11434/v1/chat/completions");
  EXPECT_EQ(r.header("Authorization"), "");
  for (const auto& [name, value] : r.headers) EXPECT_EQ(value.find("api.openai.com"), std::string::npos) << name;
  EXPECT_EQ(parse(r.body)->getValue<std::string>("model"), "llama3.1:8b");
}

TEST(OpenAIRequest, DeepSeekStyleUpstreamUsesItsOwnKeyAndUrl) {
  const std::string fixture = sharedFixture("openai/chat_completion_text.request.json");
  RequestRecorder r = build(config("{}", "sk-deepseek", "https://api.deepseek.com"), chat(fixture, "deepseek-chat"));
  EXPECT_EQ(r.url, "https://api.deepseek.com/chat/completions");
  EXPECT_EQ(r.header("Authorization"), "Bearer sk-deepseek");
}

TEST(OpenAIRequest, MalformedOptionsAreRejectedAtCreate) {
  EXPECT_THROW(OpenAIProvider(sdk::Host(nullptr), config("[1]")), std::invalid_argument);
  EXPECT_THROW(OpenAIProvider(sdk::Host(nullptr), config(R"({"organization":7})")), std::invalid_argument);
  EXPECT_THROW(OpenAIProvider(sdk::Host(nullptr), config(R"({"headers":{"X":1}})")), std::invalid_argument);
  EXPECT_THROW(OpenAIProvider(sdk::Host(nullptr), config(R"({"headers":{"X":"a\r\nInjected: 1"}})")),
               std::invalid_argument);
}

}  // namespace
}  // namespace gaiarouter::plugins::openai
