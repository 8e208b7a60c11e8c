// Response and error translation of the openai plugin, every response and
// error fixture.
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
using test::EventRecorder;
using test::sharedFixture;

struct Translated {
  EventRecorder recorder;
  Poco::JSON::Object::Ptr completion;  // the one emitted object, null if none
};

std::unique_ptr<Translated> translate(int status, const std::string& body,
                                      std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
  sdk::ProviderConfig cfg;
  cfg.apiKey = "sk-test";
  cfg.baseUrl = "https://api.openai.com/v1";
  OpenAIProvider provider(sdk::Host(nullptr), cfg);
  sdk::ChatRequest request;
  request.body = R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})";
  request.upstreamModel = "gpt-4o";
  request.requestId = "req-1";
  sdk::HttpResponse response;
  response.status = status;
  response.body = body;
  response.headers = std::move(headers);
  auto out = std::make_unique<Translated>();
  sdk::EventSink sink = out->recorder.cpp();
  try {
    provider.translateResponse(request, response, sink);
  } catch (const sdk::ProviderError& e) {
    sink.error(e.error());
  }
  if (out->recorder.json.size() == 1) out->completion = OpenAICompatibleJson::parseObject(out->recorder.json[0]);
  return out;
}

Poco::JSON::Object::Ptr message(const Translated& t) {
  return t.completion->getArray("choices")->getObject(0)->getObject("message");
}

void expectPassthrough(const std::string& fixture, const Translated& t) {
  ASSERT_TRUE(t.recorder.errors.empty()) << t.recorder.errors[0].message;
  ASSERT_EQ(t.recorder.json.size(), 1u);
  // Nothing needed fixing, so the upstream's bytes are forwarded unchanged.
  EXPECT_EQ(t.recorder.json[0], fixture);
  EXPECT_EQ(t.completion->getValue<std::string>("object"), "chat.completion");
}

void expectUsage(const Translated& t, int64_t prompt, int64_t completion, int64_t total, int64_t reasoning) {
  ASSERT_TRUE(t.recorder.usage.has_value());
  EXPECT_EQ(t.recorder.usage->prompt_tokens, prompt);
  EXPECT_EQ(t.recorder.usage->completion_tokens, completion);
  EXPECT_EQ(t.recorder.usage->total_tokens, total);
  EXPECT_EQ(t.recorder.usage->cached_prompt_tokens, -1);
  EXPECT_EQ(t.recorder.usage->cache_write_tokens, -1);
  EXPECT_EQ(t.recorder.usage->reasoning_tokens, reasoning);
  EXPECT_LT(t.recorder.usage->cost_usd, 0);
}

TEST(OpenAIResponse, Text) {
  const std::string fixture = sharedFixture("openai/chat_completion_text.response.json");
  auto t = translate(200, fixture);
  expectPassthrough(fixture, *t);
  EXPECT_EQ(message(*t)->getValue<std::string>("content").rfind("I'm unable to provide real-time weather", 0), 0u);
  EXPECT_EQ(t->completion->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"), "stop");
  EXPECT_EQ(t->completion->getValue<std::string>("model"), "gpt-4o-2024-08-06");
  EXPECT_EQ(t->completion->getValue<int64_t>("created"), 1727346142);
  expectUsage(*t, 14, 37, 51, 0);
}

TEST(OpenAIResponse, Length) {
  const std::string fixture = sharedFixture("openai/chat_completion_length.response.json");
  auto t = translate(200, fixture);
  expectPassthrough(fixture, *t);
  EXPECT_EQ(message(*t)->getValue<std::string>("content"), "{\"");
  EXPECT_EQ(t->completion->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"), "length");
  expectUsage(*t, 79, 1, 80, 0);
}

TEST(OpenAIResponse, SingleToolCallArgumentsStayAJsonString) {
  const std::string fixture = sharedFixture("openai/chat_completion_tool_call.response.json");
  auto t = translate(200, fixture);
  expectPassthrough(fixture, *t);
  EXPECT_TRUE(message(*t)->isNull("content"));
  auto call = message(*t)->getArray("tool_calls")->getObject(0);
  EXPECT_EQ(call->getValue<std::string>("id"), "call_Y6qJ7ofLgOrBnMD5WbVAeiRV");
  EXPECT_EQ(call->getValue<std::string>("type"), "function");
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("name"), "GetWeatherArgs");
  EXPECT_TRUE(call->getObject("function")->get("arguments").isString());
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"),
            R"({"city":"Edinburgh","country":"UK","units":"c"})");
  EXPECT_EQ(t->completion->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"), "tool_calls");
  expectUsage(*t, 76, 24, 100, 0);
}

TEST(OpenAIResponse, ParallelToolCalls) {
  const std::string fixture = sharedFixture("openai/chat_completion_parallel_tool_calls.response.json");
  auto t = translate(200, fixture);
  expectPassthrough(fixture, *t);
  auto calls = message(*t)->getArray("tool_calls");
  ASSERT_EQ(calls->size(), 2u);
  EXPECT_EQ(calls->getObject(0)->getObject("function")->getValue<std::string>("arguments"),
            R"({"city": "Edinburgh", "country": "GB", "units": "c"})");
  EXPECT_EQ(calls->getObject(1)->getValue<std::string>("id"), "call_h1DWI1POMJLb0KwIyQHWXD4p");
  EXPECT_EQ(calls->getObject(1)->getObject("function")->getValue<std::string>("name"), "get_stock_price");
  EXPECT_EQ(calls->getObject(1)->getObject("function")->getValue<std::string>("arguments"),
            R"({"ticker": "AAPL", "exchange": "NASDAQ"})");
  expectUsage(*t, 149, 60, 209, 0);
}

TEST(OpenAIResponse, StrictTool) {
  const std::string fixture = sharedFixture("openai/chat_completion_strict_tool.response.json");
  auto t = translate(200, fixture);
  expectPassthrough(fixture, *t);
  auto call = message(*t)->getArray("tool_calls")->getObject(0);
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"), R"({"city":"San Francisco","state":"CA"})");
  EXPECT_TRUE(message(*t)->isNull("refusal"));
  expectUsage(*t, 48, 19, 67, 0);
}

TEST(OpenAIResponse, RefusalPassesThrough) {
  // Shape of OpenAI's refusal (the shared refusal fixture is held back).
  const std::string body =
      R"({"id":"chatcmpl-r","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I'm sorry, I can't help with that."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":3}}})";
  auto t = translate(200, body);
  ASSERT_EQ(t->recorder.json.size(), 1u);
  EXPECT_EQ(t->recorder.json[0], body);
  EXPECT_EQ(message(*t)->getValue<std::string>("refusal"), "I'm sorry, I can't help with that.");
  EXPECT_EQ(t->recorder.usage->cached_prompt_tokens, 2);
  EXPECT_EQ(t->recorder.usage->reasoning_tokens, 3);
}

TEST(OpenAIResponse, MissingEnvelopeFieldsAreFilledIn) {
  // Some compatible servers leave out id/object/created/model, or send the
  // tool arguments as an object.
  auto t = translate(200,
                     R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":{"a":1}}}]},"finish_reason":"tool_calls"}]})");
  ASSERT_TRUE(t->completion);
  EXPECT_EQ(t->completion->getValue<std::string>("id"), "chatcmpl-req-1");
  EXPECT_EQ(t->completion->getValue<std::string>("object"), "chat.completion");
  EXPECT_EQ(t->completion->getValue<std::string>("model"), "gpt-4o");
  EXPECT_GT(t->completion->getValue<int64_t>("created"), 1700000000);
  EXPECT_EQ(message(*t)->getArray("tool_calls")->getObject(0)->getObject("function")->getValue<std::string>("arguments"),
            R"({"a":1})");
  EXPECT_FALSE(t->recorder.usage.has_value());
}

struct ErrorCase {
  const char* fixture;
  int status;
  gr_error_kind kind;
  const char* code;
  const char* param;
  const char* type;
  const char* messageStart;
};

class OpenAIErrorFixture : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(OpenAIErrorFixture, IsClassifiedWithUpstreamDetails) {
  const ErrorCase& c = GetParam();
  auto t = translate(c.status, sharedFixture(c.fixture));
  EXPECT_TRUE(t->recorder.json.empty());
  EXPECT_FALSE(t->recorder.usage.has_value());
  ASSERT_EQ(t->recorder.errors.size(), 1u);
  const auto& e = t->recorder.errors[0];
  EXPECT_EQ(e.kind, c.kind);
  EXPECT_EQ(e.upstreamStatus, c.status);
  EXPECT_EQ(e.code, c.code);
  EXPECT_EQ(e.param, c.param);
  EXPECT_EQ(e.upstreamType, c.type);
  EXPECT_EQ(e.message.rfind(c.messageStart, 0), 0u) << e.message;
  EXPECT_EQ(e.retryAfterMs, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    AllErrorFixtures, OpenAIErrorFixture,
    ::testing::Values(
        ErrorCase{"openai/error_400_context_length_exceeded.json", 400, GR_ERROR_INVALID_REQUEST,
                  "context_length_exceeded", "messages", "invalid_request_error",
                  "This model's maximum context length is 4097 tokens."},
        ErrorCase{"openai/error_401_invalid_api_key.json", 401, GR_ERROR_AUTHENTICATION, "invalid_api_key", "",
                  "invalid_request_error", "Incorrect API key provided: sk-VKMIs***"},
        ErrorCase{"openai/error_404_model_not_found.json", 404, GR_ERROR_NOT_FOUND, "model_not_found", "",
                  "invalid_request_error", "The model `computer-use-preview-2025-03-11` does not exist"},
        ErrorCase{"openai/error_429_rate_limit_exceeded_tokens.json", 429, GR_ERROR_RATE_LIMITED,
                  "rate_limit_exceeded", "", "tokens", "Request too large for gpt-4o in organization"}));

TEST(OpenAIResponse, RateLimitRetryAfterFromHeaders) {
  const std::string body = sharedFixture("openai/error_429_rate_limit_exceeded_tokens.json");
  EXPECT_EQ(translate(429, body, {{"Retry-After-Ms", "1500"}})->recorder.errors.at(0).retryAfterMs, 1500u);
  EXPECT_EQ(translate(429, body, {{"retry-after", "7"}})->recorder.errors.at(0).retryAfterMs, 7000u);
}

TEST(OpenAIResponse, RateLimitRetryAfterFromMessage) {
  auto t = translate(
      429,
      R"({"error":{"message":"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 2.5s. Visit https://platform.openai.com/account/rate-limits to learn more.","type":"tokens","param":null,"code":"rate_limit_exceeded"}})");
  EXPECT_EQ(t->recorder.errors.at(0).retryAfterMs, 2500u);
}

TEST(OpenAIResponse, ExhaustedQuotaIsInsufficientCredits) {
  auto t = translate(
      429,
      R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})");
  EXPECT_EQ(t->recorder.errors.at(0).kind, GR_ERROR_INSUFFICIENT_CREDITS);
}

TEST(OpenAIResponse, StatusTableForOtherErrors) {
  const std::string body = R"({"error":{"message":"m","type":"server_error","param":null,"code":null}})";
  EXPECT_EQ(translate(500, body)->recorder.errors.at(0).kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(translate(502, body)->recorder.errors.at(0).kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(translate(503, body)->recorder.errors.at(0).kind, GR_ERROR_OVERLOADED);
  EXPECT_EQ(translate(504, body)->recorder.errors.at(0).kind, GR_ERROR_TIMEOUT);
  EXPECT_EQ(translate(408, body)->recorder.errors.at(0).kind, GR_ERROR_TIMEOUT);
  EXPECT_EQ(translate(402, body)->recorder.errors.at(0).kind, GR_ERROR_INSUFFICIENT_CREDITS);
  EXPECT_EQ(translate(403, body)->recorder.errors.at(0).kind, GR_ERROR_PERMISSION);
  EXPECT_EQ(translate(413, body)->recorder.errors.at(0).kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(translate(422, body)->recorder.errors.at(0).kind, GR_ERROR_INVALID_REQUEST);
  EXPECT_EQ(translate(500, body)->recorder.errors.at(0).code, "");
}

TEST(OpenAIResponse, NonJsonErrorBodyIsNotDumped) {
  auto t = translate(502, "<html><body>Bad gateway from some proxy</body></html>");
  ASSERT_EQ(t->recorder.errors.size(), 1u);
  EXPECT_EQ(t->recorder.errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(t->recorder.errors[0].message, "upstream returned HTTP 502");
}

TEST(OpenAIResponse, UnusableSuccessBodiesAreBadResponse) {
  for (const std::string body : {"not json", "[1,2]", "{\"id\":\"x\"}", "{\"choices\":[]}", "{\"choices\":[{\"index\":0}]}",
                                 "{\"choices\":{}}", ""}) {
    auto t = translate(200, body);
    ASSERT_EQ(t->recorder.errors.size(), 1u) << body;
    EXPECT_EQ(t->recorder.errors[0].kind, GR_ERROR_BAD_RESPONSE) << body;
    EXPECT_EQ(t->recorder.errors[0].upstreamStatus, 200) << body;
    EXPECT_TRUE(t->recorder.json.empty()) << body;
    if (!body.empty()) {
      EXPECT_EQ(t->recorder.errors[0].message.find(body), std::string::npos);
    }
  }
}

TEST(OpenAIResponse, ErrorInsideA200BodyIsAnError) {
  auto t = translate(200, R"({"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}})");
  ASSERT_EQ(t->recorder.errors.size(), 1u);
  EXPECT_EQ(t->recorder.errors[0].kind, GR_ERROR_UPSTREAM);
  EXPECT_EQ(t->recorder.errors[0].upstreamType, "server_error");
  EXPECT_EQ(t->recorder.errors[0].message, "The server had an error");
}

TEST(OpenAIResponse, ClientGoneStillReportsUsage) {
  sdk::ProviderConfig cfg;
  cfg.baseUrl = "https://api.openai.com/v1";
  OpenAIProvider provider(sdk::Host(nullptr), cfg);
  sdk::ChatRequest request;
  request.body = R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})";
  sdk::HttpResponse response;
  response.status = 200;
  const std::string body = sharedFixture("openai/chat_completion_text.response.json");
  response.body = body;
  EventRecorder recorder;
  recorder.stopAfter = 1;
  sdk::EventSink sink = recorder.cpp();
  provider.translateResponse(request, response, sink);
  EXPECT_TRUE(sink.cancelled());
  EXPECT_EQ(recorder.json.size(), 1u);
  ASSERT_TRUE(recorder.usage.has_value());
  EXPECT_EQ(recorder.usage->total_tokens, 51);
}

}  // namespace
}  // namespace gaiarouter::plugins::openai
