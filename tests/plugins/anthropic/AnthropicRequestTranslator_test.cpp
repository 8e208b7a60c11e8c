// OpenAI request -> Anthropic Messages request, checked against the real
// request samples in shared/fixtures/anthropic where they exist.
#include "AnthropicProvider.h"
#include "AnthropicRequestTranslator.h"
#include "AnthropicTestUtil.h"
#include "EventRecorder.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

namespace gaiarouter::plugins::anthropic {
namespace {

using namespace testutil;
using gaiarouter::test::EventRecorder;
using gaiarouter::test::RequestRecorder;
using gaiarouter::test::sharedFixture;

AnthropicSettings settings(std::string apiKey = "sk-ant-test-key", std::string optionsJson = "{}",
                           std::string baseUrl = "https://api.anthropic.com") {
  sdk::ProviderConfig config;
  config.providerId = "anthropic";
  config.apiKey = std::move(apiKey);
  config.baseUrl = std::move(baseUrl);
  config.optionsJson = std::move(optionsJson);
  return AnthropicSettings::from(config);
}

struct Built {
  RequestRecorder recorder;
  Object::Ptr body;
};

// Builds the upstream request for an OpenAI body through the RequestSink.
std::unique_ptr<Built> build(const std::string& openaiBody, const std::string& upstreamModel = "claude-test",
                             bool stream = false, int maxOutputTokens = 0,
                             const AnthropicSettings& s = settings()) {
  auto built = std::make_unique<Built>();
  AnthropicRequestTranslator translator(s);
  sdk::RequestSink sink = built->recorder.cpp();
  translator.build(chatRequest(openaiBody, upstreamModel, stream, maxOutputTokens), sink);
  built->body = parseObject(built->recorder.body);
  return built;
}

// The error a request that cannot be translated raises.
sdk::Error buildError(const std::string& openaiBody) {
  AnthropicRequestTranslator translator(settings());
  try {
    translator.body(chatRequest(openaiBody, "claude-test"));
  } catch (const sdk::ProviderError& e) {
    return e.error();
  }
  ADD_FAILURE() << "expected a ProviderError for " << openaiBody;
  return {};
}

// A fixture from the Anthropic beta endpoint: drop what only that endpoint
// carries (tools[].type "custom", an explicit "stream": false).
std::string withoutBetaExtras(const std::string& fixture) {
  Object::Ptr body = parseObject(fixture);
  if (body->has("stream") && !body->getValue<bool>("stream")) body->remove("stream");
  if (Array::Ptr tools = body->getArray("tools")) {
    for (std::size_t i = 0; i < tools->size(); ++i) tools->getObject(static_cast<unsigned>(i))->remove("type");
  }
  return canonical(Poco::Dynamic::Var(body));
}

TEST(AnthropicRequestTranslator, TextRequestMatchesRealSampleWithHeaders) {
  auto built = build(R"({"model":"anthropic/claude-sonnet-4","max_tokens":1024,
                         "messages":[{"role":"user","content":"Hello, world"}]})",
                     "claude-sonnet-4-20250514");
  const RequestRecorder& r = built->recorder;
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://api.anthropic.com/v1/messages");
  ASSERT_EQ(r.headers.size(), 4u);
  EXPECT_EQ(r.header("x-api-key"), "sk-ant-test-key");
  EXPECT_EQ(r.header("anthropic-version"), "2023-06-01");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("accept"), "application/json");
  EXPECT_EQ(r.header("authorization"), "");
  EXPECT_EQ(canonical(r.body), canonical(sharedFixture("anthropic/messages_text.request.json")));
  // Compact output, model and max_tokens first.
  EXPECT_EQ(r.body.find('\n'), std::string::npos);
  EXPECT_EQ(r.body.rfind(R"({"model":"claude-sonnet-4-20250514","max_tokens":1024,)", 0), 0u) << r.body;
}

TEST(AnthropicRequestTranslator, StreamingRequestAsksForEventStream) {
  auto built = build(R"({"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]})", "claude-test",
                     true);
  EXPECT_EQ(built->recorder.header("accept"), "text/event-stream");
  EXPECT_TRUE(built->body->getValue<bool>("stream"));
}

TEST(AnthropicRequestTranslator, NonStreamingRequestOmitsStream) {
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})");
  EXPECT_FALSE(built->body->has("stream"));
}

TEST(AnthropicRequestTranslator, VersionAndBetaOptionsAndBaseUrl) {
  auto s = settings("k", R"({"anthropic_version":"2024-01-01","anthropic_beta":"prompt-caching-2024-07-31"})",
                    "https://proxy.example.com/anthropic/v1");
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})", "claude-test", false, 0, s);
  EXPECT_EQ(built->recorder.header("anthropic-version"), "2024-01-01");
  EXPECT_EQ(built->recorder.header("anthropic-beta"), "prompt-caching-2024-07-31");
  EXPECT_EQ(built->recorder.url, "https://proxy.example.com/anthropic/v1/messages");
}

TEST(AnthropicRequestTranslator, EmptyApiKeySendsNoKeyHeader) {
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})", "claude-test", false, 0,
                     settings(""));
  for (const auto& [name, value] : built->recorder.headers) EXPECT_NE(name, "x-api-key");
}

TEST(AnthropicRequestTranslator, BadOptionsAreRejected) {
  EXPECT_THROW(settings("k", "not json"), std::invalid_argument);
  EXPECT_THROW(settings("k", "[]"), std::invalid_argument);
  EXPECT_THROW(settings("k", R"({"anthropic_version":7})"), std::invalid_argument);
  EXPECT_EQ(settings("k", R"({"anthropic_version":null})").anthropicVersion, "2023-06-01");
}

TEST(AnthropicRequestTranslator, ToolDefinitionMatchesRealSample) {
  auto built = build(R"({"model":"m","max_tokens":1000,"messages":[
      {"role":"user","content":"Use the test_tool with value \"test\", then provide a final response"}],
    "tools":[{"type":"function","function":{"name":"test_tool","description":"A test tool",
      "parameters":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "properties":{"value":{"type":"string"}},"required":["value"],"additionalProperties":false}}}]})",
                     "claude-sonnet-4-0");
  EXPECT_EQ(canonical(built->recorder.body), withoutBetaExtras(sharedFixture("anthropic/messages_tool_use.request.json")));
  EXPECT_FALSE(built->body->has("tool_choice"));  // Anthropic's default is auto
}

TEST(AnthropicRequestTranslator, ToolResultFollowupMatchesRealSample) {
  auto built = build(R"({"model":"m","max_tokens":1000,"messages":[
      {"role":"user","content":"Use the test_tool with value \"test\", then provide a final response"},
      {"role":"assistant","content":"I'll use the test_tool with the value \"test\" as requested, then provide a final response.",
       "tool_calls":[{"id":"toolu_01Ff6oGJapCYgEPy4WkqkoMJ","type":"function",
                      "function":{"name":"test_tool","arguments":"{\"value\": \"test\"}"}}]},
      {"role":"tool","tool_call_id":"toolu_01Ff6oGJapCYgEPy4WkqkoMJ","content":"Tool result"}],
    "tools":[{"type":"function","function":{"name":"test_tool","description":"A test tool",
      "parameters":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "properties":{"value":{"type":"string"}},"required":["value"],"additionalProperties":false}}}]})",
                     "claude-sonnet-4-0");
  EXPECT_EQ(canonical(built->recorder.body),
            withoutBetaExtras(sharedFixture("anthropic/messages_tool_result_followup.request.json")));
}

TEST(AnthropicRequestTranslator, ParallelToolResultsGoInOneUserMessage) {
  auto built = build(R"({"model":"m","max_tokens":1000,"messages":[
      {"role":"user","content":"Use the test_tool with count 1, then use it again with count 2"},
      {"role":"assistant","content":"I'll use the test_tool twice as requested, first with count 1 and then with count 2.",
       "tool_calls":[
         {"id":"toolu_0179r6ofLHbaispTuUAqMJfr","type":"function","function":{"name":"test_tool","arguments":"{\"count\":1}"}},
         {"id":"toolu_012uz9XtyrRxAoELvYgkQnxi","type":"function","function":{"name":"test_tool","arguments":"{\"count\":2}"}}]},
      {"role":"tool","tool_call_id":"toolu_0179r6ofLHbaispTuUAqMJfr","content":"Called with 1"},
      {"role":"tool","tool_call_id":"toolu_012uz9XtyrRxAoELvYgkQnxi","content":"Called with 2"}],
    "tools":[{"type":"function","function":{"name":"test_tool","description":"A test tool",
      "parameters":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "properties":{"count":{"type":"number"}},"required":["count"],"additionalProperties":false}}}]})",
                     "claude-sonnet-4-0");
  EXPECT_EQ(canonical(built->recorder.body),
            withoutBetaExtras(sharedFixture("anthropic/messages_parallel_tool_result.request.json")));
  EXPECT_EQ(built->body->getArray("messages")->size(), 3u);
}

TEST(AnthropicRequestTranslator, Base64ImageMatchesDocsSample) {
  auto built = build(R"({"model":"m","max_tokens":1024,"messages":[{"role":"user","content":[
      {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,$BASE64_IMAGE_DATA","detail":"high"}},
      {"type":"text","text":"Describe this image."}]}]})",
                     "claude-sonnet-4-5");
  EXPECT_EQ(canonical(built->recorder.body), canonical(sharedFixture("anthropic/messages_image_base64.request.json")));
}

TEST(AnthropicRequestTranslator, ThinkingObjectPassesThroughAsInDocsSample) {
  auto built = build(R"({"model":"m","max_tokens":16000,"thinking":{"type":"enabled","budget_tokens":10000},
      "messages":[{"role":"user","content":"Are there an infinite number of prime numbers such that n mod 4 == 3?"}]})",
                     "claude-sonnet-4-20250514");
  EXPECT_EQ(canonical(built->recorder.body), canonical(sharedFixture("anthropic/messages_thinking.request.json")));
}

TEST(AnthropicRequestTranslator, ThinkingBudgetRaisesDefaultMaxTokens) {
  auto built = build(R"({"model":"m","thinking":{"type":"enabled","budget_tokens":10000},
      "messages":[{"role":"user","content":"Hi"}]})");
  EXPECT_EQ(built->body->getValue<int64_t>("max_tokens"), 10000 + AnthropicRequestTranslator::kDefaultMaxTokens);
  auto capped = build(R"({"model":"m","thinking":{"type":"enabled","budget_tokens":10000},
      "messages":[{"role":"user","content":"Hi"}]})",
                      "claude-test", false, 12000);
  EXPECT_EQ(capped->body->getValue<int64_t>("max_tokens"), 12000);
}

TEST(AnthropicRequestTranslator, MaxTokensSources) {
  EXPECT_EQ(build(R"({"model":"m","max_completion_tokens":77,"messages":[{"role":"user","content":"x"}]})")
                ->body->getValue<int64_t>("max_tokens"),
            77);
  EXPECT_EQ(build(R"({"model":"m","messages":[{"role":"user","content":"x"}]})", "claude-test", false, 8192)
                ->body->getValue<int64_t>("max_tokens"),
            8192);
  EXPECT_EQ(build(R"({"model":"m","max_tokens":null,"messages":[{"role":"user","content":"x"}]})")
                ->body->getValue<int64_t>("max_tokens"),
            4096);
  EXPECT_EQ(buildError(R"({"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]})").param,
            "max_tokens");
  EXPECT_EQ(buildError(R"({"model":"m","max_completion_tokens":"9","messages":[{"role":"user","content":"x"}]})").param,
            "max_completion_tokens");
}

TEST(AnthropicRequestTranslator, SystemAndDeveloperMessagesBecomeTopLevelSystem) {
  auto one = build(R"({"model":"m","messages":[{"role":"system","content":"Be brief."},
                                                {"role":"user","content":"Hi"}]})");
  EXPECT_EQ(one->body->getValue<std::string>("system"), "Be brief.");
  EXPECT_EQ(one->body->getArray("messages")->size(), 1u);

  auto many = build(R"({"model":"m","messages":[{"role":"system","content":"Be brief."},
                                                 {"role":"user","content":"Hi"},
                                                 {"role":"developer","content":[{"type":"text","text":"Use French."}]}]})");
  EXPECT_EQ(condense(many->body->get("system")),
            R"([{"type":"text","text":"Be brief."},{"type":"text","text":"Use French."}])");
  for (std::size_t i = 0; i < many->body->getArray("messages")->size(); ++i) {
    EXPECT_NE(many->body->getArray("messages")->getObject(static_cast<unsigned>(i))->getValue<std::string>("role"),
              "system");
  }
}

TEST(AnthropicRequestTranslator, CacheControlIsKept) {
  auto built = build(R"({"model":"m","messages":[
      {"role":"system","content":[{"type":"text","text":"Long context","cache_control":{"type":"ephemeral"}}]},
      {"role":"user","content":"Hi"}]})");
  EXPECT_EQ(condense(built->body->get("system")),
            R"([{"type":"text","text":"Long context","cache_control":{"type":"ephemeral"}}])");
}

TEST(AnthropicRequestTranslator, SamplingStopUserAndOrder) {
  auto built = build(R"({"model":"m","temperature":0.7,"top_p":0.9,"top_k":40,"stop":"END","user":"user-42",
      "seed":1,"presence_penalty":0.5,"messages":[{"role":"user","content":"Hi"}]})");
  EXPECT_EQ(built->recorder.body,
            R"({"model":"claude-test","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}],)"
            R"("stop_sequences":["END"],"temperature":0.7,"top_p":0.9,"top_k":40,"metadata":{"user_id":"user-42"}})");
  auto list = build(R"({"model":"m","stop":["a","b"],"messages":[{"role":"user","content":"Hi"}]})");
  EXPECT_EQ(condense(list->body->get("stop_sequences")), R"(["a","b"])");
  EXPECT_EQ(buildError(R"({"model":"m","stop":[1],"messages":[{"role":"user","content":"x"}]})").param, "stop[0]");
  EXPECT_EQ(buildError(R"({"model":"m","temperature":"hot","messages":[{"role":"user","content":"x"}]})").param,
            "temperature");
}

TEST(AnthropicRequestTranslator, ToolChoiceMapping) {
  const std::string tools = R"("tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}])";
  auto choice = [&](const std::string& extra) {
    auto b = build(R"({"model":"m",)" + tools + "," + extra + R"(,"messages":[{"role":"user","content":"x"}]})");
    return b->body->has("tool_choice") ? condense(b->body->get("tool_choice")) : std::string("absent");
  };
  EXPECT_EQ(choice(R"("tool_choice":"auto")"), R"({"type":"auto"})");
  EXPECT_EQ(choice(R"("tool_choice":"required")"), R"({"type":"any"})");
  EXPECT_EQ(choice(R"("tool_choice":"none")"), R"({"type":"none"})");
  EXPECT_EQ(choice(R"("tool_choice":{"type":"function","function":{"name":"f"}})"), R"({"type":"tool","name":"f"})");
  EXPECT_EQ(choice(R"("tool_choice":"required","parallel_tool_calls":false)"),
            R"({"type":"any","disable_parallel_tool_use":true})");
  EXPECT_EQ(choice(R"("parallel_tool_calls":false)"), R"({"type":"auto","disable_parallel_tool_use":true})");
  EXPECT_EQ(choice(R"("parallel_tool_calls":true)"), "absent");
  EXPECT_EQ(choice(R"("tool_choice":"none","parallel_tool_calls":false)"), R"({"type":"none"})");
  EXPECT_EQ(buildError(R"({"model":"m",)" + tools + R"(,"tool_choice":"sometimes","messages":[{"role":"user","content":"x"}]})")
                .param,
            "tool_choice");
}

TEST(AnthropicRequestTranslator, ToolWithoutParametersGetsEmptyObjectSchema) {
  auto built = build(R"({"model":"m","tools":[{"type":"function","function":{"name":"now"}}],
                         "messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(condense(built->body->get("tools")), R"([{"name":"now","input_schema":{"type":"object","properties":{}}}])");
  EXPECT_EQ(buildError(R"({"model":"m","tools":[{"type":"retrieval"}],"messages":[{"role":"user","content":"x"}]})").param,
            "tools[0].type");
}

TEST(AnthropicRequestTranslator, ConsecutiveSameRoleTurnsAreMerged) {
  auto built = build(R"({"model":"m","messages":[
      {"role":"user","content":"one"},{"role":"user","content":[{"type":"text","text":"two"}]},
      {"role":"assistant","content":"three"},{"role":"assistant","content":"four"},
      {"role":"user","content":"five"}]})");
  EXPECT_EQ(condense(built->body->get("messages")),
            R"([{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},)"
            R"({"role":"assistant","content":[{"type":"text","text":"three"},{"type":"text","text":"four"}]},)"
            R"({"role":"user","content":"five"}])");
}

TEST(AnthropicRequestTranslator, ToolResultsComeFirstInTheirUserMessage) {
  auto built = build(R"({"model":"m","messages":[
      {"role":"user","content":"weather?"},
      {"role":"assistant","content":null,"tool_calls":[
        {"id":"call_a","type":"function","function":{"name":"w","arguments":""}}]},
      {"role":"user","content":"and hurry"},
      {"role":"tool","tool_call_id":"call_a","content":[{"type":"text","text":"sunny"}]}]})");
  EXPECT_EQ(condense(built->body->get("messages")),
            R"([{"role":"user","content":"weather?"},)"
            R"({"role":"assistant","content":[{"type":"tool_use","id":"call_a","name":"w","input":{}}]},)"
            R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"call_a","content":[{"type":"text","text":"sunny"}]},)"
            R"({"type":"text","text":"and hurry"}]}])");
}

TEST(AnthropicRequestTranslator, AssistantEmptyTextWithToolCallsIsDropped) {
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":"x"},
      {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"b\":1,\"a\":[2]}"}}]},
      {"role":"tool","tool_call_id":"c1","content":"ok"}]})");
  EXPECT_EQ(condense(built->body->getArray("messages")->get(1)),
            R"({"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"f","input":{"b":1,"a":[2]}}]})");
}

TEST(AnthropicRequestTranslator, ThinkingBlocksAreReplayedFirst) {
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":"x"},
      {"role":"assistant","content":"answer","thinking_blocks":[{"type":"thinking","thinking":"hmm","signature":"sig=="}]},
      {"role":"user","content":"y"}]})");
  EXPECT_EQ(condense(built->body->getArray("messages")->get(1)),
            R"({"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig=="},{"type":"text","text":"answer"}]})");
}

TEST(AnthropicRequestTranslator, HttpsImageBecomesUrlSource) {
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":[
      {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]})");
  EXPECT_EQ(condense(built->body->getArray("messages")->get(0)),
            R"({"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}}]})");
}

TEST(AnthropicRequestTranslator, InlinePdfBecomesDocument) {
  auto built = build(R"({"model":"m","messages":[{"role":"user","content":[
      {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0x"}}]}]})");
  EXPECT_EQ(condense(built->body->getArray("messages")->get(0)),
            R"({"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"},"title":"a.pdf"}]})");
}

TEST(AnthropicRequestTranslator, ResponseFormatBecomesSystemInstruction) {
  auto built = build(R"({"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"x"}],
      "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","properties":{"a":{"type":"string"}}}}}})");
  Array::Ptr system = built->body->getArray("system");
  ASSERT_FALSE(system.isNull());
  ASSERT_EQ(system->size(), 2u);
  const std::string instruction = system->getObject(1)->getValue<std::string>("text");
  EXPECT_NE(instruction.find("JSON"), std::string::npos);
  EXPECT_NE(instruction.find(R"({"type":"object","properties":{"a":{"type":"string"}}})"), std::string::npos);
  EXPECT_FALSE(built->body->has("response_format"));

  auto text = build(R"({"model":"m","response_format":{"type":"text"},"messages":[{"role":"user","content":"x"}]})");
  EXPECT_FALSE(text->body->has("system"));
  EXPECT_EQ(buildError(R"({"model":"m","response_format":{"type":"xml"},"messages":[{"role":"user","content":"x"}]})").param,
            "response_format.type");
}

TEST(AnthropicRequestTranslator, UntranslatableRequestsNameTheField) {
  struct Case {
    const char* body;
    const char* param;
  } cases[] = {
      {R"({"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[
          {"id":"c","type":"function","function":{"name":"f","arguments":"{not json"}}]}]})",
       "messages[1].tool_calls[0].function.arguments"},
      {R"({"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[
          {"id":"c","type":"function","function":{"name":"f","arguments":"[1,2]"}}]}]})",
       "messages[1].tool_calls[0].function.arguments"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x"},
          {"type":"image_url","image_url":{"url":"ftp://example.com/a.png"}}]}]})",
       "messages[0].content[1].image_url"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]})",
       "messages[0].content[0].image_url"},
      {R"({"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x","format":"wav"}}]}]})",
       "messages[0].content[0]"},
      {R"({"model":"m","messages":[{"role":"user","content":"x"},{"role":"tool","content":"r"}]})",
       "messages[1].tool_call_id"},
      {R"({"model":"m","messages":[{"role":"function","name":"f","content":"r"}]})", "messages[0].role"},
      {R"({"model":"m","messages":[{"role":"system","content":"only system"}]})", "messages"},
      {R"({"model":"m","n":2,"messages":[{"role":"user","content":"x"}]})", "n"},
      {R"({"model":"m","messages":[{"role":"user","content":42}]})", "messages[0].content"},
  };
  for (const Case& c : cases) {
    sdk::Error e = buildError(c.body);
    EXPECT_EQ(e.kind, GR_ERROR_INVALID_REQUEST) << c.body;
    EXPECT_EQ(e.param, c.param) << c.body;
    EXPECT_FALSE(e.message.empty());
  }
}

TEST(AnthropicRequestTranslator, InvalidRequestEmitsNothingButTheError) {
  AnthropicRequestTranslator translator(settings());
  RequestRecorder recorder;
  sdk::RequestSink sink = recorder.cpp();
  const std::string body = R"({"model":"m","n":3,"messages":[{"role":"user","content":"x"}]})";
  EXPECT_THROW(translator.build(chatRequest(body, "claude-test"), sink), sdk::ProviderError);
  EXPECT_TRUE(recorder.method.empty());
  EXPECT_TRUE(recorder.headers.empty());
  EXPECT_TRUE(recorder.body.empty());
}

// Through the C ABI trampolines the plugin exports.
TEST(AnthropicRequestTranslator, CAbiBuildRequestReportsInvalidRequest) {
  using Tramp = sdk::detail::Trampolines<AnthropicProvider>;
  const gr_provider_api* api = Tramp::table();
  const std::string key = "sk-ant-secret";
  gr_provider_config config{sizeof(gr_provider_config), sdk::str("anthropic"), sdk::str(key),
                            sdk::str("https://api.anthropic.com"), sdk::str("{}")};
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(nullptr, &config, &instance, nullptr), GR_OK);

  const std::string body = R"({"model":"m","messages":[{"role":"user","content":"x"},
      {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{"}}]}]})";
  gr_chat_request request{sizeof(gr_chat_request), sdk::str(body), sdk::str("anthropic/x"), sdk::str("claude-x"),
                          sdk::str("req-1"), 0, 0};
  RequestRecorder requestRecorder;
  EventRecorder errors;
  EXPECT_EQ(api->build_request(instance, &request, requestRecorder.sink(), errors.sink()), GR_FAILURE);
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(errors.errors[0].param, "messages[1].tool_calls[0].function.arguments");
  EXPECT_EQ(errors.errors[0].message.find(key), std::string::npos);

  const std::string good = R"({"model":"m","messages":[{"role":"user","content":"x"}]})";
  request.body = sdk::str(good);
  EXPECT_EQ(api->build_request(instance, &request, requestRecorder.sink(), errors.sink()), GR_OK);
  EXPECT_EQ(requestRecorder.header("x-api-key"), key);
  api->destroy(instance);

  const std::string badOptions = R"({"anthropic_version":1})";
  config.options_json = sdk::str(badOptions);
  std::string reason;
  gr_text_sink reasonSink{&reason, [](void* ctx, gr_str t) { static_cast<std::string*>(ctx)->assign(sdk::view(t)); }};
  EXPECT_EQ(api->create(nullptr, &config, &instance, &reasonSink), GR_FAILURE);
  EXPECT_EQ(instance, nullptr);
  EXPECT_NE(reason.find("anthropic_version"), std::string::npos);
  EXPECT_EQ(reason.find(key), std::string::npos);
}

}  // namespace
}  // namespace gaiarouter::plugins::anthropic
