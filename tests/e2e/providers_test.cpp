// Each provider plugin through the real binary, against a fake upstream per
// provider that replays the providers' real wire samples: non-stream,
// stream and tools; the upstream request is checked too.
#include "FakeUpstream.h"
#include "Fixtures.h"
#include "GatewayProcess.h"
#include "HttpClient.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <map>

namespace gaiarouter::test {
namespace {

using Poco::JSON::Object;

Object::Ptr parse(const std::string& json) { return Poco::JSON::Parser().parse(json).extract<Object::Ptr>(); }

// Tool calls accumulated from stream deltas by index, as an OpenAI client does.
struct StreamedCall {
  std::string id, name, arguments;
};

std::map<int, StreamedCall> toolCalls(const std::vector<SseEvent>& events) {
  std::map<int, StreamedCall> calls;
  for (const auto& e : events) {
    if (e.data == "[DONE]") continue;
    auto choices = parse(e.data)->getArray("choices");
    if (!choices || choices->size() == 0) continue;
    auto delta = choices->getObject(0)->getObject("delta");
    if (!delta || !delta->has("tool_calls")) continue;
    auto list = delta->getArray("tool_calls");
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto tc = list->getObject(static_cast<unsigned>(i));
      auto& call = calls[tc->getValue<int>("index")];
      if (tc->has("id")) call.id = tc->getValue<std::string>("id");
      if (auto fn = tc->getObject("function")) {
        if (fn->has("name")) call.name = fn->getValue<std::string>("name");
        if (fn->has("arguments")) call.arguments += fn->getValue<std::string>("arguments");
      }
    }
  }
  return calls;
}

std::string finishReason(const std::vector<SseEvent>& events) {
  std::string reason;
  for (const auto& e : events) {
    if (e.data == "[DONE]") continue;
    auto choices = parse(e.data)->getArray("choices");
    if (!choices || choices->size() == 0) continue;
    auto c = choices->getObject(0);
    if (c->has("finish_reason") && !c->isNull("finish_reason")) reason = c->getValue<std::string>("finish_reason");
  }
  return reason;
}

class Providers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    openai_ = new FakeUpstream;
    anthropic_ = new FakeUpstream;
    google_ = new FakeUpstream;
    openrouter_ = new FakeUpstream;
    GatewayProcess::Options o;
    o.yaml = GatewayProcess::config(R"(
providers:
  openai: {plugin: openai, base_url: ")" + openai_->baseUrl() + R"(/v1"}
  anthropic: {plugin: anthropic, base_url: ")" + anthropic_->baseUrl() + R"("}
  google: {plugin: google, base_url: ")" + google_->baseUrl() + R"("}
  openrouter: {plugin: openrouter, base_url: ")" + openrouter_->baseUrl() + R"(/api/v1", options: {x_title: E2E}}
models:
  - {id: openai/gpt-4o-mini, upstream: gpt-4o-mini, context_length: 128000, max_output_tokens: 16384}
  - {id: anthropic/claude-sonnet-4-5, upstream: claude-sonnet-4-5, context_length: 200000, max_output_tokens: 64000}
  - {id: google/gemini-2.5-flash, upstream: gemini-2.5-flash, context_length: 1048576, max_output_tokens: 65536}
  - {id: openrouter/gpt-4o-mini, upstream: openai/gpt-4o-mini, context_length: 128000, max_output_tokens: 16384}
)");
    o.env = {{"OPENAI_API_KEY", "sk-e2e-openai-key"},
             {"ANTHROPIC_API_KEY", "sk-ant-e2e-anthropic-key"},
             {"GEMINI_API_KEY", "AIzaE2eGoogleKey00000000000"},
             {"OPENROUTER_API_KEY", "sk-or-e2e-openrouter-key"}};
    gateway_ = new GatewayProcess(o);
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete openai_;
    delete anthropic_;
    delete google_;
    delete openrouter_;
  }

  static HttpResult chat(const std::string& model, const std::string& extra = "") {
    return httpRequest(gateway_->port(), "POST", "/v1/chat/completions",
                       R"({"model":")" + model + R"(","messages":[{"role":"user","content":"What is the weather in Paris?"}])" +
                           extra + "}",
                       bearer(kTestAdminKey));
  }
  static std::vector<SseEvent> stream(const std::string& model, const std::string& extra = "") {
    SseStream s(gateway_->port(), "/v1/chat/completions",
                R"({"model":")" + model + R"(","stream":true,"messages":[{"role":"user","content":"What is the weather in Paris?"}])" +
                    extra + "}",
                bearer(kTestAdminKey));
    EXPECT_EQ(s.status(), 200);
    return s.rest();
  }

  static GatewayProcess* gateway_;
  static FakeUpstream* openai_;
  static FakeUpstream* anthropic_;
  static FakeUpstream* google_;
  static FakeUpstream* openrouter_;
};
GatewayProcess* Providers::gateway_ = nullptr;
FakeUpstream* Providers::openai_ = nullptr;
FakeUpstream* Providers::anthropic_ = nullptr;
FakeUpstream* Providers::google_ = nullptr;
FakeUpstream* Providers::openrouter_ = nullptr;

TEST_F(Providers, OpenAIChat) {
  const std::string fixture = sharedFixture("openai/chat_completion_text.response.json");
  openai_->enqueue(ScriptedReply::json(200, fixture));
  auto r = chat("openai/gpt-4o-mini", R"(,"seed":7,"unknown_field":{"kept":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto expected = parse(fixture)->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content");
  EXPECT_EQ(r.json()->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content"), expected);
  EXPECT_EQ(r.json()->getObject("usage")->getValue<int>("total_tokens"),
            parse(fixture)->getObject("usage")->getValue<int>("total_tokens"));
  auto sent = openai_->requests().back();
  EXPECT_EQ(sent.uri, "/v1/chat/completions");
  EXPECT_EQ(sent.headers.at("authorization"), "Bearer sk-e2e-openai-key");
  auto body = parse(sent.body);
  EXPECT_EQ(body->getValue<std::string>("model"), "gpt-4o-mini");
  EXPECT_EQ(body->getValue<int>("seed"), 7);
  EXPECT_TRUE(body->getObject("unknown_field")->getValue<bool>("kept")) << "unknown fields pass through";
}

TEST_F(Providers, OpenAIStreamHidesTheUsageChunkUnlessAskedFor) {
  const std::string sse = sharedFixture("openai/chat_completion_text_stream_include_usage.sse");
  openai_->enqueue(ScriptedReply::sse(sse, 0, std::chrono::milliseconds(5)));
  auto events = stream("openai/gpt-4o-mini");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data, "[DONE]");
  EXPECT_FALSE(joinContent(events).empty());
  EXPECT_EQ(finishReason(events), "stop");
  for (const auto& e : events) EXPECT_EQ(e.data.find("\"choices\":[]"), std::string::npos) << e.data;
  auto sent = parse(openai_->requests().back().body);
  EXPECT_TRUE(sent->getObject("stream_options")->getValue<bool>("include_usage")) << "usage is always requested upstream";

  openai_->enqueue(ScriptedReply::sse(sse));
  auto withUsage = stream("openai/gpt-4o-mini", R"(,"stream_options":{"include_usage":true})");
  bool usageChunk = false;
  for (const auto& e : withUsage) usageChunk = usageChunk || (e.data != "[DONE]" && parse(e.data)->has("usage") && !parse(e.data)->isNull("usage"));
  EXPECT_TRUE(usageChunk);
}

TEST_F(Providers, OpenAIParallelToolCallsStream) {
  openai_->enqueue(ScriptedReply::sse(sharedFixture("openai/chat_completion_parallel_tool_calls_stream_include_usage.sse"), 37));
  auto events = stream("openai/gpt-4o-mini", R"(,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}])");
  auto calls = toolCalls(events);
  ASSERT_EQ(calls.size(), 2u);
  for (const auto& [index, call] : calls) {
    EXPECT_FALSE(call.id.empty());
    EXPECT_FALSE(call.name.empty());
    EXPECT_NO_THROW(parse(call.arguments)) << call.arguments;
  }
  EXPECT_EQ(finishReason(events), "tool_calls");
}

TEST_F(Providers, AnthropicChat) {
  const std::string fixture = sharedFixture("anthropic/messages_text.response.json");
  anthropic_->enqueue(ScriptedReply::json(200, fixture));
  auto r = chat("anthropic/claude-sonnet-4-5", R"(,"temperature":0.5,"stop":"END")");
  ASSERT_EQ(r.status, 200) << r.body;
  auto upstream = parse(fixture);
  auto text = upstream->getArray("content")->getObject(0)->getValue<std::string>("text");
  auto choice = r.json()->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), text);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  EXPECT_EQ(r.json()->getObject("usage")->getValue<int>("completion_tokens"),
            upstream->getObject("usage")->getValue<int>("output_tokens"));
  auto sent = anthropic_->requests().back();
  EXPECT_EQ(sent.uri, "/v1/messages");
  EXPECT_EQ(sent.headers.at("x-api-key"), "sk-ant-e2e-anthropic-key");
  EXPECT_FALSE(sent.headers.at("anthropic-version").empty());
  EXPECT_EQ(sent.headers.count("authorization"), 0u);
  auto body = parse(sent.body);
  EXPECT_EQ(body->getValue<std::string>("model"), "claude-sonnet-4-5");
  EXPECT_EQ(body->getValue<int>("max_tokens"), 64000) << "the model's output cap when the client sets none";
  EXPECT_EQ(body->getArray("stop_sequences")->getElement<std::string>(0), "END");
}

TEST_F(Providers, AnthropicStream) {
  anthropic_->enqueue(ScriptedReply::sse(sharedFixture("anthropic/stream_text.sse"), 0, std::chrono::milliseconds(5)));
  auto events = stream("anthropic/claude-sonnet-4-5");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data, "[DONE]");
  EXPECT_FALSE(joinContent(events).empty());
  EXPECT_EQ(finishReason(events), "stop");
  EXPECT_NE(anthropic_->requests().back().body.find("\"stream\":true"), std::string::npos);
}

TEST_F(Providers, AnthropicToolUseStream) {
  anthropic_->enqueue(ScriptedReply::sse(sharedFixture("anthropic/stream_tool_use.sse"), 29));
  auto events = stream("anthropic/claude-sonnet-4-5",
                       R"(,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}])");
  auto calls = toolCalls(events);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls.begin()->first, 0) << "tool index renumbered from 0";
  EXPECT_EQ(calls[0].name, "get_weather");
  EXPECT_EQ(parse(calls[0].arguments)->getValue<std::string>("location").substr(0, 5), "Paris");
  EXPECT_EQ(finishReason(events), "tool_calls");
  auto tools = parse(anthropic_->requests().back().body)->getArray("tools");
  ASSERT_TRUE(tools);
  EXPECT_TRUE(tools->getObject(0)->has("input_schema"));
}

TEST_F(Providers, GoogleChat) {
  const std::string fixture = sharedFixture("google/generateContent_text.response.json");
  google_->enqueue(ScriptedReply::json(200, fixture));
  auto r = chat("google/gemini-2.5-flash");
  ASSERT_EQ(r.status, 200) << r.body;
  auto parts = parse(fixture)->getArray("candidates")->getObject(0)->getObject("content")->getArray("parts");
  EXPECT_EQ(r.json()->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>("content"),
            parts->getObject(0)->getValue<std::string>("text"));
  auto sent = google_->requests().back();
  EXPECT_EQ(sent.uri, "/v1beta/models/gemini-2.5-flash:generateContent");
  EXPECT_EQ(sent.headers.at("x-goog-api-key"), "AIzaE2eGoogleKey00000000000");
  auto contents = parse(sent.body)->getArray("contents");
  EXPECT_EQ(contents->getObject(0)->getValue<std::string>("role"), "user");
}

TEST_F(Providers, GoogleStream) {
  google_->enqueue(ScriptedReply::sse(sharedFixture("google/streamGenerateContent_text.sse"), 0, std::chrono::milliseconds(5)));
  auto events = stream("google/gemini-2.5-flash");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data, "[DONE]");
  EXPECT_EQ(joinContent(events), "The capital of Wyoming is **Cheyenne**.\n");
  EXPECT_EQ(finishReason(events), "stop");
  EXPECT_EQ(google_->requests().back().uri, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
}

TEST_F(Providers, AnErrorChunkBeforeAnyContentIsAPlainHttpError) {
  openrouter_->enqueue(ScriptedReply::sse(sharedFixture("openrouter/stream_midstream_error.sse")));
  SseStream s(gateway_->port(), "/v1/chat/completions",
              R"({"model":"openrouter/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]})",
              bearer(kTestAdminKey));
  EXPECT_EQ(s.status(), 502);
  EXPECT_EQ(parse(s.body())->getObject("error")->getValue<std::string>("type"), "upstream_error");
}

TEST_F(Providers, OpenRouterStreamSkipsKeepAliveComments) {
  // The real prefix (comment lines first), completed with a finish chunk.
  std::string sse = sharedFixture("openrouter/stream_partial_with_keepalive_comments.sse");
  sse += R"(data: {"id":"gen-1739458867-kUKFjpDGCEBBvK6V46PX","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1739458867,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}]})"
         "\n\ndata: [DONE]\n\n";
  openrouter_->enqueue(ScriptedReply::sse(sse, 23));
  auto events = stream("openrouter/gpt-4o-mini");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data, "[DONE]");
  EXPECT_FALSE(joinContent(events).empty());
  for (const auto& e : events) EXPECT_EQ(e.data.find("OPENROUTER PROCESSING"), std::string::npos);
  auto sent = openrouter_->requests().back();
  EXPECT_EQ(sent.uri, "/api/v1/chat/completions");
  EXPECT_EQ(sent.headers.at("authorization"), "Bearer sk-or-e2e-openrouter-key");
  EXPECT_EQ(sent.headers.at("x-title"), "E2E");
  EXPECT_EQ(parse(sent.body)->getValue<std::string>("model"), "openai/gpt-4o-mini");
}

TEST_F(Providers, OpenRouterMidStreamErrorBecomesOneErrorEvent) {
  // Real chunks first (the client has its 200 and content), then the documented error chunk.
  openrouter_->enqueue(ScriptedReply::sse(sharedFixture("openrouter/stream_partial_with_keepalive_comments.sse") +
                                          sharedFixture("openrouter/stream_midstream_error.sse")));
  auto events = stream("openrouter/gpt-4o-mini");
  ASSERT_GE(events.size(), 3u);
  EXPECT_FALSE(joinContent(events).empty());
  EXPECT_EQ(events.back().data, "[DONE]");
  auto error = parse(events[events.size() - 2].data)->getObject("error");
  ASSERT_TRUE(error) << events[events.size() - 2].data;
  EXPECT_EQ(error->getValue<std::string>("type"), "upstream_error");
  EXPECT_NE(error->getValue<std::string>("message").find("openrouter"), std::string::npos);
}

}  // namespace
}  // namespace gaiarouter::test
