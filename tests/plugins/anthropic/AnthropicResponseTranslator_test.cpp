// Complete Anthropic responses (and error bodies) -> OpenAI chat.completion or
// a classified error, over every response and error fixture.
#include "AnthropicProvider.h"
#include "AnthropicResponseTranslator.h"
#include "AnthropicTestUtil.h"
#include "EventRecorder.h"
#include "Fixtures.h"

#include <gtest/gtest.h>

namespace gaiarouter::plugins::anthropic {
namespace {

using namespace testutil;
using gaiarouter::test::EventRecorder;
using gaiarouter::test::RecordedError;
using gaiarouter::test::sharedFixture;

constexpr int64_t kCreated = 1700000000;

struct Result {
  EventRecorder recorder;
  std::optional<sdk::Error> error;  // thrown by the translator
};

std::unique_ptr<Result> translate(int status, const std::string& body,
                                  std::vector<std::pair<std::string_view, std::string_view>> headers = {},
                                  const std::string& upstreamModel = "claude-registry-model") {
  auto result = std::make_unique<Result>();
  const std::string request = R"({"model":"anthropic/x","messages":[{"role":"user","content":"hi"}]})";
  sdk::HttpResponse response;
  response.status = status;
  response.body = body;
  response.headers = std::move(headers);
  sdk::EventSink sink = result->recorder.cpp();
  try {
    AnthropicResponseTranslator::translate(chatRequest(request, upstreamModel), response, sink, kCreated);
  } catch (const sdk::ProviderError& e) {
    result->error = e.error();
  }
  return result;
}

void expectUsage(const EventRecorder& r, int64_t prompt, int64_t completion, int64_t cached, int64_t cacheWrite) {
  ASSERT_TRUE(r.usage.has_value());
  EXPECT_EQ(r.usage->prompt_tokens, prompt);
  EXPECT_EQ(r.usage->completion_tokens, completion);
  EXPECT_EQ(r.usage->total_tokens, prompt + completion);
  EXPECT_EQ(r.usage->cached_prompt_tokens, cached);
  EXPECT_EQ(r.usage->cache_write_tokens, cacheWrite);
  EXPECT_EQ(r.usage->reasoning_tokens, -1);
  EXPECT_LT(r.usage->cost_usd, 0);
}

TEST(AnthropicResponseTranslator, TextResponseExactOutput) {
  auto r = translate(200, sharedFixture("anthropic/messages_text.response.json"));
  ASSERT_FALSE(r->error.has_value());
  ASSERT_EQ(r->recorder.json.size(), 1u);
  EXPECT_EQ(r->recorder.json[0],
            R"({"id":"msg_014poUe6ukZsmrMtitD45q8K","object":"chat.completion","created":1700000000,)"
            R"("model":"claude-sonnet-4-20250514","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Hello! Nice to meet you. How are you doing today? Is there anything I can help you with?"},)"
            R"("finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":10,"completion_tokens":25,)"
            R"("total_tokens":35,"prompt_tokens_details":{"cached_tokens":0}}})");
  expectUsage(r->recorder, 10, 25, 0, 0);
  EXPECT_TRUE(r->recorder.errors.empty());
}

TEST(AnthropicResponseTranslator, ToolUseResponse) {
  auto r = translate(200, sharedFixture("anthropic/messages_tool_use.response.json"));
  ASSERT_EQ(r->recorder.json.size(), 1u);
  Object::Ptr completion = parseObject(r->recorder.json[0]);
  EXPECT_EQ(completion->getValue<std::string>("id"), "msg_01LGfAxK63MQNgvZtiogcuqG");
  Object::Ptr choice = completion->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
  Object::Ptr message = choice->getObject("message");
  EXPECT_EQ(message->getValue<std::string>("content"),
            "I'll use the test_tool with the value \"test\" as requested, then provide a final response.");
  EXPECT_EQ(condense(message->get("tool_calls")),
            R"([{"id":"toolu_01Ff6oGJapCYgEPy4WkqkoMJ","type":"function",)"
            R"("function":{"name":"test_tool","arguments":"{\"value\":\"test\"}"}}])");
  // arguments is a JSON string holding the input object.
  Object::Ptr call = message->getArray("tool_calls")->getObject(0);
  EXPECT_TRUE(call->getObject("function")->get("arguments").isString());
  EXPECT_EQ(condense(parseJson(call->getObject("function")->getValue<std::string>("arguments"))), R"({"value":"test"})");
  EXPECT_EQ(condense(completion->get("usage")),
            R"({"prompt_tokens":415,"completion_tokens":76,"total_tokens":491,"prompt_tokens_details":{"cached_tokens":0}})");
  expectUsage(r->recorder, 415, 76, 0, 0);
}

TEST(AnthropicResponseTranslator, ToolResultFollowupResponse) {
  auto r = translate(200, sharedFixture("anthropic/messages_tool_result_followup.response.json"));
  ASSERT_EQ(r->recorder.json.size(), 1u);
  Object::Ptr completion = parseObject(r->recorder.json[0]);
  EXPECT_EQ(completion->getValue<std::string>("id"), "msg_01NWDM8UhckwnmcyJS84U9o1");
  EXPECT_EQ(completion->getValue<std::string>("model"), "claude-sonnet-4-20250514");
  Object::Ptr choice = completion->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  Object::Ptr message = choice->getObject("message");
  EXPECT_EQ(message->getValue<std::string>("content").rfind("The test_tool has been successfully executed", 0), 0u);
  EXPECT_FALSE(message->has("tool_calls"));
  expectUsage(r->recorder, 505, 45, 0, 0);
}

TEST(AnthropicResponseTranslator, ThinkingIsNotContent) {
  // The docs sample is partial (no id, model, usage or stop_reason).
  auto r = translate(200, sharedFixture("anthropic/messages_thinking.response.partial.json"));
  ASSERT_FALSE(r->error.has_value());
  ASSERT_EQ(r->recorder.json.size(), 1u);
  Object::Ptr completion = parseObject(r->recorder.json[0]);
  EXPECT_EQ(completion->getValue<std::string>("id"), "chatcmpl-req-test-1");
  EXPECT_EQ(completion->getValue<std::string>("model"), "claude-registry-model");
  EXPECT_FALSE(completion->has("usage"));
  EXPECT_FALSE(r->recorder.usage.has_value());
  Object::Ptr choice = completion->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  Object::Ptr message = choice->getObject("message");
  EXPECT_EQ(message->getValue<std::string>("content"), "Based on my analysis...");
  EXPECT_EQ(message->getValue<std::string>("reasoning_content"), "Let me analyze this step by step...");
  // Kept whole for replay (the signature must come back unchanged).
  EXPECT_EQ(message->getArray("thinking_blocks")->getObject(0)->getValue<std::string>("signature").rfind("WaUjzkyp", 0), 0u);
}

TEST(AnthropicResponseTranslator, StopReasonMapping) {
  const std::pair<const char*, const char*> cases[] = {{"end_turn", "stop"},        {"stop_sequence", "stop"},
                                                       {"max_tokens", "length"},    {"tool_use", "tool_calls"},
                                                       {"refusal", "content_filter"}, {"pause_turn", "stop"}};
  for (const auto& [anthropic, openai] : cases) {
    Object::Ptr body = parseObject(sharedFixture("anthropic/messages_text.response.json"));
    body->set("stop_reason", std::string(anthropic));
    auto r = translate(200, condense(body));
    ASSERT_EQ(r->recorder.json.size(), 1u) << anthropic;
    EXPECT_EQ(parseObject(r->recorder.json[0])->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"),
              openai)
        << anthropic;
  }
}

TEST(AnthropicResponseTranslator, CacheTokensCountAsPrompt) {
  Object::Ptr body = parseObject(sharedFixture("anthropic/messages_text.response.json"));
  Object::Ptr usage = body->getObject("usage");
  usage->set("input_tokens", 10);
  usage->set("cache_read_input_tokens", 100);
  usage->set("cache_creation_input_tokens", 20);
  usage->set("output_tokens", 5);
  auto r = translate(200, condense(body));
  ASSERT_EQ(r->recorder.json.size(), 1u);
  EXPECT_EQ(condense(parseObject(r->recorder.json[0])->get("usage")),
            R"({"prompt_tokens":130,"completion_tokens":5,"total_tokens":135,"prompt_tokens_details":{"cached_tokens":100}})");
  expectUsage(r->recorder, 130, 5, 100, 20);
}

TEST(AnthropicResponseTranslator, ToolUseOnlyHasNullContent) {
  auto r = translate(200, R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
      "content":[{"type":"tool_use","id":"toolu_1","name":"now","input":{}}],"stop_reason":"tool_use",
      "usage":{"input_tokens":3,"output_tokens":4}})");
  ASSERT_EQ(r->recorder.json.size(), 1u);
  Object::Ptr message = parseObject(r->recorder.json[0])->getArray("choices")->getObject(0)->getObject("message");
  EXPECT_TRUE(message->isNull("content"));
  EXPECT_EQ(message->getArray("tool_calls")->getObject(0)->getObject("function")->getValue<std::string>("arguments"), "{}");
  // Without cache fields the cached count is unknown, not 0.
  EXPECT_FALSE(parseObject(r->recorder.json[0])->getObject("usage")->has("prompt_tokens_details"));
  ASSERT_TRUE(r->recorder.usage.has_value());
  EXPECT_EQ(r->recorder.usage->cached_prompt_tokens, -1);
}

struct ErrorCase {
  const char* fixture;
  int status;
  gr_error_kind kind;
  const char* type;
  const char* messageStart;
};

TEST(AnthropicResponseTranslator, ErrorFixtures) {
  const ErrorCase cases[] = {
      {"anthropic/error_400_tool_use_without_tool_result.json", 400, GR_ERROR_INVALID_REQUEST, "invalid_request_error",
       "messages.114: `tool_use` ids were found without `tool_result` blocks"},
      {"anthropic/error_401_authentication_error.json", 401, GR_ERROR_AUTHENTICATION, "authentication_error",
       "invalid x-api-key"},
      {"anthropic/error_404_not_found_error.json", 404, GR_ERROR_NOT_FOUND, "not_found_error",
       "model: us.anthropic.claude-3-7-sonnet-20250219-v1:0"},
      {"anthropic/error_529_overloaded_error.json", 529, GR_ERROR_OVERLOADED, "overloaded_error", "Overloaded"},
  };
  for (const ErrorCase& c : cases) {
    auto r = translate(c.status, sharedFixture(c.fixture));
    ASSERT_TRUE(r->error.has_value()) << c.fixture;
    EXPECT_EQ(r->error->kind, c.kind) << c.fixture;
    EXPECT_EQ(r->error->upstreamStatus, c.status) << c.fixture;
    EXPECT_EQ(r->error->upstreamType, c.type) << c.fixture;
    EXPECT_EQ(r->error->message.rfind(c.messageStart, 0), 0u) << r->error->message;
    EXPECT_EQ(r->error->retryAfterMs, 0u);
    EXPECT_TRUE(r->error->code.empty()) << c.fixture;
    EXPECT_TRUE(r->recorder.json.empty());
    EXPECT_FALSE(r->recorder.usage.has_value());
  }
}

TEST(AnthropicResponseTranslator, ErrorTypeWinsOverStatus) {
  const std::pair<const char*, gr_error_kind> cases[] = {
      {"invalid_request_error", GR_ERROR_INVALID_REQUEST}, {"authentication_error", GR_ERROR_AUTHENTICATION},
      {"permission_error", GR_ERROR_PERMISSION},           {"not_found_error", GR_ERROR_NOT_FOUND},
      {"rate_limit_error", GR_ERROR_RATE_LIMITED},         {"overloaded_error", GR_ERROR_OVERLOADED},
      {"api_error", GR_ERROR_UPSTREAM},                    {"request_too_large", GR_ERROR_INVALID_REQUEST},
      {"billing_error", GR_ERROR_INSUFFICIENT_CREDITS},    {"timeout_error", GR_ERROR_TIMEOUT}};
  for (const auto& [type, kind] : cases) {
    auto r = translate(500, std::string(R"({"type":"error","error":{"type":")") + type + R"(","message":"m"}})");
    ASSERT_TRUE(r->error.has_value());
    EXPECT_EQ(r->error->kind, kind) << type;
    EXPECT_EQ(r->error->upstreamType, type);
  }
}

TEST(AnthropicResponseTranslator, StatusFallbackWithoutAnthropicBody) {
  const std::pair<int, gr_error_kind> cases[] = {
      {400, GR_ERROR_INVALID_REQUEST}, {401, GR_ERROR_AUTHENTICATION}, {402, GR_ERROR_INSUFFICIENT_CREDITS},
      {403, GR_ERROR_PERMISSION},      {404, GR_ERROR_NOT_FOUND},      {408, GR_ERROR_TIMEOUT},
      {413, GR_ERROR_INVALID_REQUEST}, {422, GR_ERROR_INVALID_REQUEST}, {429, GR_ERROR_RATE_LIMITED},
      {500, GR_ERROR_UPSTREAM},        {502, GR_ERROR_UPSTREAM},       {503, GR_ERROR_OVERLOADED},
      {504, GR_ERROR_TIMEOUT},         {529, GR_ERROR_OVERLOADED}};
  const std::string html = "<html><body>Bad Gateway SECRET-BODY</body></html>";
  for (const auto& [status, kind] : cases) {
    auto r = translate(status, html);
    ASSERT_TRUE(r->error.has_value());
    EXPECT_EQ(r->error->kind, kind) << status;
    EXPECT_EQ(r->error->upstreamStatus, status);
    EXPECT_EQ(r->error->message, "upstream returned HTTP " + std::to_string(status));
    EXPECT_EQ(r->error->message.find("SECRET-BODY"), std::string::npos);
  }
}

TEST(AnthropicResponseTranslator, RetryAfterHeaders) {
  const std::string body = R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}})";
  auto seconds = translate(429, body, {{"Retry-After", "12"}});
  ASSERT_TRUE(seconds->error.has_value());
  EXPECT_EQ(seconds->error->kind, GR_ERROR_RATE_LIMITED);
  EXPECT_EQ(seconds->error->retryAfterMs, 12000u);
  auto millis = translate(429, body, {{"retry-after-ms", "1500"}, {"retry-after", "2"}});
  EXPECT_EQ(millis->error->retryAfterMs, 1500u);
  auto date = translate(429, body, {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}});
  EXPECT_EQ(date->error->retryAfterMs, 0u);
  auto overloaded = translate(529, sharedFixture("anthropic/error_529_overloaded_error.json"), {{"retry-after", "3"}});
  EXPECT_EQ(overloaded->error->retryAfterMs, 3000u);
}

TEST(AnthropicResponseTranslator, ContextLengthGetsOpenAICode) {
  auto r = translate(400, R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}})");
  ASSERT_TRUE(r->error.has_value());
  EXPECT_EQ(r->error->kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(r->error->code, "context_length_exceeded");
  EXPECT_EQ(r->error->param, "messages");
  EXPECT_EQ(r->error->message, "prompt is too long: 208310 tokens > 200000 maximum");
}

TEST(AnthropicResponseTranslator, Unusable2xxBodiesAreBadResponses) {
  const char* bodies[] = {"", "not json SECRET-BODY", "[1,2]", R"({"type":"message","id":"m"})",
                          R"({"type":"completion","content":[]})", R"({"type":"message","content":[{"text":"x"}]})"};
  for (const char* body : bodies) {
    auto r = translate(200, body);
    ASSERT_TRUE(r->error.has_value()) << body;
    EXPECT_EQ(r->error->kind, GR_ERROR_BAD_RESPONSE) << body;
    EXPECT_EQ(r->error->message.find("SECRET-BODY"), std::string::npos);
    EXPECT_TRUE(r->recorder.json.empty());
  }
}

// Through the C ABI: an error becomes one emit_error and GR_FAILURE.
TEST(AnthropicResponseTranslator, CAbiTranslateResponse) {
  using Tramp = sdk::detail::Trampolines<AnthropicProvider>;
  const gr_provider_api* api = Tramp::table();
  gr_provider_config config{sizeof(gr_provider_config), sdk::str("anthropic"), sdk::str("k"),
                            sdk::str("https://api.anthropic.com"), sdk::str("{}")};
  gr_instance* instance = nullptr;
  ASSERT_EQ(api->create(nullptr, &config, &instance, nullptr), GR_OK);
  const std::string body = R"({"model":"m","messages":[{"role":"user","content":"x"}]})";
  gr_chat_request request{sizeof(gr_chat_request), sdk::str(body), sdk::str("anthropic/x"), sdk::str("claude-x"),
                          sdk::str("req-1"), 0, 0};

  const std::string errorBody = sharedFixture("anthropic/error_529_overloaded_error.json");
  gr_http_response response{sizeof(gr_http_response), 529, nullptr, 0, sdk::str(errorBody)};
  EventRecorder failed;
  EXPECT_EQ(api->translate_response(instance, &request, &response, failed.sink()), GR_FAILURE);
  ASSERT_EQ(failed.errors.size(), 1u);
  EXPECT_EQ(failed.errors[0].kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(failed.errors[0].upstreamStatus, 529);
  EXPECT_EQ(failed.errors[0].upstreamType, "overloaded_error");

  const std::string okBody = sharedFixture("anthropic/messages_text.response.json");
  response = gr_http_response{sizeof(gr_http_response), 200, nullptr, 0, sdk::str(okBody)};
  EventRecorder ok;
  EXPECT_EQ(api->translate_response(instance, &request, &response, ok.sink()), GR_OK);
  ASSERT_EQ(ok.json.size(), 1u);
  EXPECT_GT(parseObject(ok.json[0])->getValue<int64_t>("created"), 1600000000);
  EXPECT_TRUE(ok.usage.has_value());

  EventRecorder gone;
  gone.stopAfter = 1;
  EXPECT_EQ(api->translate_response(instance, &request, &response, gone.sink()), GR_CANCELLED);
  api->destroy(instance);
}

}  // namespace
}  // namespace gaiarouter::plugins::anthropic
